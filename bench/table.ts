export interface BenchRow {
  metric: string
  value: number
  unit: string
  note: string
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export function printTable(rows: BenchRow[]): string {
  const cells = rows.map(row => [row.metric, formatValue(row.value), row.unit, row.note])
  const header = ['metric', 'value', 'unit', 'note']
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map(cell => cell[i]!.length)))
  const line = (cell: string[]) => `| ${cell.map((text, i) => text.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), `|${widths.map(width => '-'.repeat(width + 2)).join('|')}|`, ...cells.map(line)].join(
    '\n'
  )
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}
