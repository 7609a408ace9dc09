// `npm run chaos` (and the end of `npm run bench`): fault runs, each bounded in time, printed as one table.
// Every `bench/chaos-*.ts` exports `run(): Promise<BenchRow[]>`; a new fault run is a new file, nothing to register.
import { readdirSync } from 'node:fs'
import { cpus } from 'node:os'
import { type BenchRow, printTable } from './table.js'

/** Runs every chaos module in name order and returns their rows; a module that throws becomes one row saying so. */
export async function chaos(): Promise<BenchRow[]> {
  const here = new URL('.', import.meta.url)
  const modules = readdirSync(here)
    .filter(file => /^chaos-.+\.ts$/.test(file))
    .sort()
  const rows: BenchRow[] = []
  for (const file of modules) {
    process.stderr.write(`chaos: ${file}…\n`)
    const module = (await import(new URL(file, here).href)) as { run(): Promise<BenchRow[]> }
    try {
      rows.push(...(await module.run()))
    } catch (error) {
      rows.push({ metric: `${file} failed`, value: NaN, unit: '', note: String((error as Error).message) })
    }
  }
  return rows
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await chaos()
  console.log(`deploy-guard chaos — Node ${process.versions.node}, ${cpus().length} cores\n`)
  console.log(printTable(rows))
}
