import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { Clock } from '../src/core/clock.js'
import { watchStacks } from '../src/core/stack/index.js'
import { incidentPrincipals } from '../src/sim/principals.js'
import { startSim, type Sim } from '../src/sim/server.js'
import type { BenchRow } from './table.js'

const STACK = 'CourtCaseManagementStack'
const MINUTE = 60_000

/** Every sleep fast-forwards the sim by as much; remembers the interval it slept last. */
function fastForward(sim: Sim): Clock & { lastSleep: () => number } {
  let monotonic = 0
  let last = 0
  return {
    lastSleep: () => last,
    now: () => sim.clock.now(),
    monotonic: () => monotonic,
    sleep: async ms => {
      last = ms
      monotonic += ms
      sim.clock.advance(ms)
      await new Promise(resolve => setImmediate(resolve))
    }
  }
}

/**
 * The window in which a stack is unprotected when the deploy tool turns protection off (as `cdk deploy` does for an
 * app without `terminationProtection: true`) one second before it executes its change set, after ten quiet minutes
 * (the watcher's interval has grown to its ceiling): from that call to deploy-guard's, in simulated time.
 */
export async function protectionWindow(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const [pollMinMs, pollMaxMs] of [
    [3_000, 30_000],
    [1_000, 10_000]
  ] as const) {
    const sim = await startSim()
    try {
      const { startedAt } = sim.deploy(STACK, 'existing-stack-update', { terminationProtection: true })
      const deployer = incidentPrincipals().deployer
      const offAt = startedAt + 10 * MINUTE - 1_000
      sim.world.setProtection(STACK, false, offAt, deployer)
      const clock = fastForward(sim)
      const cfn = new CloudFormationClient({
        endpoint: sim.url,
        region: 'us-east-1',
        credentials: { accessKeyId: deployer.accessKeyId, secretAccessKey: 'bench' }
      })
      let intervalAtRestore = 0
      const outcome = await watchStacks(
        { cfn, clock },
        {
          stacks: [STACK],
          mode: 'new-operation',
          protect: true,
          protectedAtStart: [STACK],
          pollMinMs,
          pollMaxMs,
          onProtectionRestored: () => (intervalAtRestore = clock.lastSleep())
        }
      )
      const changes = sim.world.stacks.find(stack => stack.name === STACK)!.protection
      const off = changes.findIndex(change => change.at === offAt && !change.on)
      const window = (changes[off + 1]?.at ?? Infinity) - offAt
      rows.push({
        metric: `protection: unprotected window, poll ${pollMinMs / 1000}s→${pollMaxMs / 1000}s`,
        value: window / 1000,
        unit: 's',
        note:
          `simulated; the poll interval then was ${(intervalAtRestore / 1000).toFixed(1)}s; ` +
          `${outcome.stacks[0]!.protectionRestored.length} restore; calls ${JSON.stringify(outcome.calls)}`
      })
    } finally {
      await sim.close()
    }
  }
  return rows
}
