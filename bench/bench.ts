// `npm run bench`: speed and API cost, printed as a table. Not part of pass/fail.
import { cpus } from 'node:os'
import { lockHandoff, lockLatency } from './lock.js'
import { startupBench } from './startup.js'
import { watchCost, watchDetectionLag } from './watch.js'
import { diagnoseCost } from './diagnose.js'
import { evidenceCost, evidenceFootprint } from './evidence.js'
import { chaos } from './chaos.js'
import { packageSize } from './package.js'
import { summaryCost } from './summary.js'
import { accuracy } from './accuracy.js'
import { explainCost } from './explain.js'
import { protectionWindow } from './protection.js'
import { type BenchRow, printTable } from './table.js'

const sections: [string, () => Promise<BenchRow[]>][] = [
  ['lock latency', lockLatency],
  ['lock hand-off between processes', lockHandoff],
  ['startup', startupBench],
  ['watch cost', watchCost],
  ['watch detection lag', watchDetectionLag],
  ['protection window', protectionWindow],
  ['diagnose cost', diagnoseCost],
  ['evidence footprint', evidenceFootprint],
  ['evidence cost', evidenceCost],
  ['CLI package size', packageSize],
  ['summary cost', summaryCost],
  ['explain cost', explainCost],
  ['diagnosis accuracy on real failures', accuracy],
  ['chaos (fault runs, also `npm run chaos`)', chaos]
]

const rows: BenchRow[] = []
for (const [name, section] of sections) {
  process.stderr.write(`bench: ${name}…\n`)
  rows.push(...(await section()))
}
console.log(`deploy-guard bench — Node ${process.versions.node}, ${cpus().length} cores\n`)
console.log(printTable(rows))
