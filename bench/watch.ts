import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import type { Clock } from '../src/core/clock.js'
import { watchStacks, type WatchOptions } from '../src/core/stack/index.js'
import { incidentPrincipals } from '../src/sim/principals.js'
import { nodeFor, ROOT_DIR } from '../src/sim/runner.js'
import { startSim, type Sim } from '../src/sim/server.js'
import type { BenchRow } from './table.js'

const STACK = 'CourtCaseManagementStack'

/** Every sleep fast-forwards the sim by as much: simulated minutes pass in milliseconds, calls are real HTTP. */
function fastForward(sim: Sim): Clock & { polls: () => number } {
  let monotonic = 0
  let sleeps = 0
  return {
    polls: () => sleeps + 1,
    now: () => Date.now(),
    monotonic: () => monotonic,
    sleep: async ms => {
      sleeps++
      monotonic += ms
      sim.clock.advance(ms)
      await new Promise(resolve => setImmediate(resolve))
    }
  }
}

async function watchOnSim(
  scenario: string,
  options: Partial<WatchOptions>,
  deploy: Parameters<Sim['deploy']>[2] = {},
  /** Start the watch this long before the scenario's end: mid-operation, with most of its events already there. */
  beforeEndMs?: number
) {
  const sim = await startSim()
  try {
    const { span } = sim.deploy(STACK, scenario, deploy)
    if (beforeEndMs !== undefined) sim.clock.advance(span - beforeEndMs)
    const clock = fastForward(sim)
    const cfn = new CloudFormationClient({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials: { accessKeyId: incidentPrincipals().deployer.accessKeyId, secretAccessKey: 'bench' }
    })
    const outcome = await watchStacks({ cfn, clock }, { stacks: [STACK], mode: 'follow-current', ...options })
    const terminal = outcome.stacks[0]!.events.at(-1)?.timestamp ?? 0
    return { outcome, polls: clock.polls(), simulatedLagMs: sim.clock.now() - terminal }
  } finally {
    await sim.close()
  }
}

export async function watchCost(): Promise<BenchRow[]> {
  const idle = await watchOnSim('deploy-times-out', { timeoutMs: 30 * 60_000 }, { startAt: 'past' })
  // After the first poll (DescribeStacks + one DescribeEvents by operation id), each poll is one DescribeStackEvents.
  const idleCalls = idle.outcome.calls.DescribeStackEvents ?? 0
  // A minute before the end: a watch never follows an operation that had ended before it began.
  const large = await watchOnSim('large-nested', {}, {}, 60_000)
  const largeEvents = large.outcome.stacks[0]!.events.length
  const failing = await watchOnSim('create-fails-db-35m', {}, { options: { cleanup: false } })
  const failingCalls = Object.values(failing.outcome.calls).reduce((sum, n) => sum + n, 0)
  return [
    {
      metric: 'watch: API calls per idle poll',
      value: idleCalls / (idle.polls - 1),
      unit: 'calls',
      note: `${idle.polls} polls of a quiet stack: ${JSON.stringify(idle.outcome.calls)}`
    },
    {
      metric: 'watch: event reads per 100 events (first read)',
      value:
        (((large.outcome.calls.DescribeStackEvents ?? 0) + (large.outcome.calls.DescribeEvents ?? 0)) /
          largeEvents) *
        100,
      unit: 'calls',
      note: `${largeEvents} events, two nested levels: ${JSON.stringify(large.outcome.calls)}`
    },
    {
      metric: 'watch: total calls, 35-min failing create',
      value: failingCalls,
      unit: 'calls',
      note: `default intervals (3s→30s), ${failing.polls} polls: ${JSON.stringify(failing.outcome.calls)}`
    },
    {
      metric: 'watch: detection lag (simulated)',
      value: failing.simulatedLagMs / 1000,
      unit: 's',
      note: 'terminal event → watcher returns'
    }
  ]
}

/** Real time from the stack reaching its terminal status to dist/watch exiting, at the default poll interval. */
export async function watchDetectionLag(): Promise<BenchRow[]> {
  const sim = await startSim()
  try {
    sim.deploy(STACK, 'create-succeeds')
    let terminalAt = 0
    let fast = false
    const child = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'watch', 'index.js')], {
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        'INPUT_STACK-NAME': STACK,
        'INPUT_POLL-INTERVAL': '3s',
        'INPUT_WATCH-TIMEOUT': '10m',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_CLOUDFORMATION: sim.url,
        AWS_ACCESS_KEY_ID: incidentPrincipals().deployer.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'bench'
      }
    })
    // Fast time only once the watch has looked: it follows the operation in progress, not one already ended.
    const timer = setInterval(() => {
      if ((sim.calls['CloudFormation.DescribeStackEvents'] ?? 0) > 0 && !fast) {
        fast = true
        sim.clock.autoplay(300)
      }
      const status = sim.state().stacks.find(stack => stack.name === STACK)?.status ?? ''
      if (!terminalAt && status === 'CREATE_COMPLETE') terminalAt = performance.now()
    }, 20)
    await new Promise(resolve => child.on('exit', resolve))
    clearInterval(timer)
    return [
      {
        metric: 'watch: detection lag (real time)',
        value: (performance.now() - terminalAt) / 1000,
        unit: 's',
        note: 'dist/watch, poll-interval 3s, sim at 300×'
      }
    ]
  } finally {
    await sim.close()
  }
}
