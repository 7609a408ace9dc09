// An unreachable AWS (issue 13 §1): every command against an endpoint that accepts connections and never answers
// (`hang`) and one that refuses them (`refuse`), DynamoDB and CloudFormation/CloudTrail alike. Each must end by
// itself within its deadline; the table prints how long each took. Three commands run at a time, each capped at 2 min;
// `--version` started the same way gives the start-up share of each time on this (shared, loaded) machine.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFaultProxy, type FaultMode } from '../src/sim/fault-proxy.js'
import { githubRunEnv, localAwsEnv, nodeFor, ROOT_DIR, startStep } from '../src/sim/runner.js'
import type { BenchRow } from './table.js'

const CAP_MS = 120_000
const PARALLEL = 3

interface Case {
  name: string
  /** What the command promises, in ms: its own timeout or fixed bound, plus one request timeout and start-up. */
  deadlineMs: number
  start: (env: Record<string, string>) => Promise<{ code: number | null }>
}

function cli(args: string[]) {
  return (env: Record<string, string>) =>
    new Promise<{ code: number | null }>(resolve => {
      const child = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'cli', 'index.js'), ...args], {
        env: { PATH: process.env.PATH ?? '', USER: 'chaos', DEPLOY_GUARD_TABLE: 'deploy-locks', ...env },
        stdio: 'ignore'
      })
      const cap = setTimeout(() => child.kill('SIGKILL'), CAP_MS)
      child.on('close', code => {
        clearTimeout(cap)
        resolve({ code })
      })
    })
}

function action(dir: string, phase: 'main' | 'post', inputs: Record<string, string>, state = {}) {
  return async (env: Record<string, string>) => {
    const step = startStep({ action: dir, phase, inputs, env: { ...env, ...githubRunEnv(7) }, state })
    const cap = setTimeout(() => step.child.kill('SIGKILL'), CAP_MS)
    const result = await step.result
    clearTimeout(cap)
    return { code: result.exitCode }
  }
}

/** A nested stack's failure, as `aws cloudformation describe-stack-events` prints it. */
function eventsDump(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'chaos-explain-')), 'events.json')
  const parent =
    'arn:aws:cloudformation:us-east-1:123456789012:stack/AppStack/11111111-1111-1111-1111-111111111111'
  const child =
    'arn:aws:cloudformation:us-east-1:123456789012:stack/AppStack-Db-1/22222222-2222-2222-2222-222222222222'
  const event = (
    n: number,
    logical: string,
    type: string,
    status: string,
    physical: string,
    reason = ''
  ) => ({
    StackId: parent,
    EventId: `e${n}`,
    StackName: 'AppStack',
    LogicalResourceId: logical,
    PhysicalResourceId: physical,
    ResourceType: type,
    Timestamp: new Date(Date.UTC(2026, 10, 30, 12, 0, n)).toISOString(),
    ResourceStatus: status,
    ...(reason ? { ResourceStatusReason: reason } : {})
  })
  const events = [
    event(5, 'AppStack', 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE', parent),
    event(
      3,
      'Db',
      'AWS::CloudFormation::Stack',
      'CREATE_FAILED',
      child,
      'Embedded stack was not successfully created'
    ),
    event(2, 'Db', 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', child),
    event(1, 'AppStack', 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', parent, 'User Initiated')
  ]
  writeFileSync(file, JSON.stringify({ StackEvents: events }))
  return file
}

/** Runs `work` over `items`, `limit` at a time, keeping the order of the results. */
async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
  return results
}

function cases(): Case[] {
  const lease = {
    key: 'deploy-guard/us-east-1/ChaosStack',
    kind: 'deploy',
    owner: 'chaos-owner',
    fence: 1,
    leaseMs: 60_000,
    acquiredAt: Date.now(),
    holder: { identity: 'chaos' },
    waitedMs: 0
  }
  const inputs = { 'stack-name': 'ChaosStack', 'lock-table': 'deploy-locks' }
  const state = { leases: JSON.stringify([lease]) }
  return [
    { name: 'start-up only (--version)', deadlineMs: 5_000, start: cli(['--version']) },
    {
      name: 'run --wait-timeout 5s',
      deadlineMs: 20_000,
      start: cli(['run', '--stack', 'ChaosStack', '--wait-timeout', '5s', '--', 'true'])
    },
    {
      name: 'lock --wait-timeout 5s',
      deadlineMs: 20_000,
      start: cli(['lock', '--stack', 'ChaosStack', '--wait-timeout', '5s'])
    },
    { name: 'unlock', deadlineMs: 23_000, start: cli(['unlock', '--stack', 'ChaosStack']) },
    { name: 'status', deadlineMs: 23_000, start: cli(['status']) },
    {
      name: 'watch --timeout 10s',
      deadlineMs: 14_000,
      start: cli(['watch', '--stack', 'ChaosStack', '--timeout', '10s'])
    },
    { name: 'diagnose', deadlineMs: 63_000, start: cli(['diagnose', '--stack', 'ChaosStack']) },
    { name: 'explain (nested stack)', deadlineMs: 5_000, start: cli(['explain', eventsDump()]) },
    { name: 'post (root action)', deadlineMs: 16_000, start: action('.', 'post', inputs, state) },
    { name: 'lock-post', deadlineMs: 76_000, start: action('lock', 'post', inputs, state) }
  ]
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const mode of ['hang', 'refuse'] as FaultMode[]) {
    // One proxy stands for every service: whatever it is asked, it never answers (or refuses the connection).
    const proxy = await startFaultProxy('http://127.0.0.1:9', mode)
    const env = localAwsEnv({ dynamodb: proxy.url, sim: proxy.url })
    try {
      const timed = await inBatches(cases(), PARALLEL, async entry => {
        const started = performance.now()
        const { code } = await entry.start(env)
        return { entry, code, ms: performance.now() - started }
      })
      for (const { entry, code, ms } of timed) {
        const within = ms <= entry.deadlineMs
        rows.push({
          metric: `deadline ${mode}: ${entry.name}`,
          value: ms / 1000,
          unit: 's',
          note: `${within ? 'within' : 'OVER'} ${entry.deadlineMs / 1000}s; exit ${code ?? 'killed at the 2 min cap'}`
        })
      }
    } finally {
      await proxy.close()
    }
  }
  return rows
}
