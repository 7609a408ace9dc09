// Issue 13's outage run: DynamoDB stops answering for two leases while run A holds the lock and run B waits.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../src/core/clock.js'
import { startDynalite } from '../src/sim/dynamo.js'
import { startFaultProxy } from '../src/sim/fault-proxy.js'
import { startSim } from '../src/sim/server.js'
import { commandTimes, overlaps, startGuardedRun } from './guarded-run.js'
import type { BenchRow } from './table.js'

const LEASE_MS = 10_000
/** The whole run is bounded: anything still running then is killed and reported. */
const BOUND_MS = 120_000

/**
 * A holds the lock (lease 10 s) with a 40 s command; B waits; at 3 s DynamoDB stops answering both (every request
 * hangs) for 2 × the lease, then comes back. Expected: A declares the lock lost within the lease and stops its command,
 * B deploys only after A's command ended (overlapping commands 0).
 */
export async function run(): Promise<BenchRow[]> {
  const dynamo = await startDynalite()
  const sim = await startSim()
  const proxy = await startFaultProxy(dynamo.endpoint)
  const started = Date.now()
  try {
    const table = await dynamo.createLockTable()
    const log = join(mkdtempSync(join(tmpdir(), 'chaos-outage-')), 'commands.log')
    const common = {
      log,
      stack: 'OutageStack',
      table,
      lease: `${LEASE_MS / 1000}s`,
      dynamodb: proxy.url,
      sim: sim.url
    }
    const a = startGuardedRun({ ...common, name: 'A', waitTimeout: '0', commandMs: 40_000 })
    while (!commandTimes(log).get('A')?.start) await systemClock.sleep(50)
    const b = startGuardedRun({ ...common, name: 'B', waitTimeout: '3m', commandMs: 1_000 })
    await systemClock.sleep(3_000)
    await proxy.setMode('hang')
    const outageAt = Date.now()
    await systemClock.sleep(2 * LEASE_MS)
    await proxy.setMode('pass')
    const bound = setTimeout(
      () => {
        a.child.kill('SIGKILL')
        b.child.kill('SIGKILL')
      },
      BOUND_MS - (Date.now() - started)
    )
    const [resultA, resultB] = await Promise.all([a.done, b.done])
    clearTimeout(bound)
    const times = commandTimes(log)
    const lostLine = resultA.lines.find(line => /Lost lock/.test(line.text))
    const bStart = times.get('B')?.start
    return [
      {
        metric: 'chaos: DynamoDB outage 2× lease during a hold — overlapping commands',
        value: overlaps(times),
        unit: 'pairs',
        note: `A exit ${resultA.code}, B exit ${resultB.code}; goal 0`
      },
      {
        metric: "chaos: outage — holder's loss reported after",
        value: lostLine ? lostLine.at - outageAt : Number.NaN,
        unit: 'ms',
        note: `lease ${LEASE_MS} ms; goal within the lease${lostLine ? '' : ' (never reported!)'}`
      },
      {
        metric: 'chaos: outage — waiter deployed after the outage ended',
        value: bStart ? bStart - (outageAt + 2 * LEASE_MS) : Number.NaN,
        unit: 'ms',
        note: 'a takeover needs one lease of silence seen after DynamoDB answers again'
      },
      {
        metric: 'chaos: outage run took',
        value: Date.now() - started,
        unit: 'ms',
        note: `bounded at ${BOUND_MS} ms`
      }
    ]
  } finally {
    await proxy.close()
    await sim.close()
    await dynamo.close()
  }
}
