import { InputError } from './errors.js'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/

/**
 * Parses `90s`, `5m`, `1h30m`, `250ms`, `2d` or plain seconds (`300`) into milliseconds.
 * `name` is the input or flag, so the error says which setting was wrong.
 */
export function parseDuration(value: string, name: string): number {
  const ms = parseDurationText(value, name)
  if (!Number.isSafeInteger(ms)) {
    const shown = value.length > 40 ? `${value.trim().slice(0, 40)}…` : value
    throw new InputError(
      `${name}: "${shown}" is far too long a duration. Use at most days, e.g. 90s, 5m, 4h or 2d.`
    )
  }
  return ms
}

function parseDurationText(value: string, name: string): number {
  const text = value.trim().toLowerCase()
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  if (!DURATION.test(text)) {
    throw new InputError(
      `${name}: "${value}" is not a duration. Use a number of seconds (300) or units s, m, h, d combined, e.g. 90s, 5m, 1h30m.`
    )
  }
  let total = 0
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g))
    total += Number(amount) * UNIT_MS[unit!]!
  return Math.round(total)
}

/** `1h 2m 3s` style, for logs and summaries; sub-second values as ms. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`
  let seconds = Math.round(ms / 1000)
  const parts: string[] = []
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60]
  ] as const) {
    if (seconds >= size) {
      parts.push(`${Math.floor(seconds / size)}${unit}`)
      seconds %= size
    }
  }
  if (seconds || parts.length === 0) parts.push(`${seconds}s`)
  return parts.join(' ')
}
