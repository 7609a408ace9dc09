import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { systemClock } from '../src/core/clock.js'
import { acquireLock, LockTable, releaseLease } from '../src/core/lock/index.js'
import { startDynalite, TEST_CREDENTIALS } from '../src/sim/dynamo.js'
import { startFaultProxy } from '../src/sim/fault-proxy.js'
import { startSim } from '../src/sim/server.js'
import { commandTimes, startGuardedRun } from './guarded-run.js'
import { githubRunEnv, nodeFor } from '../src/sim/runner.js'
import { type BenchRow, percentile } from './table.js'

const holder = (n: number) => ({ identity: `bench-${n}@localhost` })

/** Uncontended acquire + release, and hand-off latency (release → next waiter holds) with 12 waiters. */
export async function lockLatency(): Promise<BenchRow[]> {
  const dynamo = await startDynalite()
  try {
    const table = new LockTable(dynamo.client(), {
      tableName: await dynamo.createLockTable(),
      keyAttribute: 'LockID'
    })
    const deps = { table, clock: systemClock }
    const cycles: number[] = []
    for (let i = 0; i < 200; i++) {
      const started = performance.now()
      const lease = await acquireLock(deps, {
        key: 'uncontended',
        holder: holder(0),
        leaseMs: 60_000,
        waitTimeoutMs: 0
      })
      await releaseLease(table, lease, systemClock)
      cycles.push(performance.now() - started)
    }

    const handoffs: number[] = []
    let releasedAt = 0
    const waiter = async (n: number) => {
      const lease = await acquireLock(deps, {
        key: 'contended',
        holder: holder(n),
        leaseMs: 60_000,
        waitTimeoutMs: 600_000
      })
      if (releasedAt) handoffs.push(performance.now() - releasedAt)
      await systemClock.sleep(50)
      releasedAt = performance.now()
      await releaseLease(table, lease, systemClock)
    }
    await Promise.all(Array.from({ length: 13 }, (_, n) => waiter(n)))
    return [
      {
        metric: 'lock: uncontended acquire + release (p50)',
        value: percentile(cycles, 50),
        unit: 'ms',
        note: '200 cycles, dynalite on loopback'
      },
      {
        metric: 'lock: uncontended acquire + release (p95)',
        value: percentile(cycles, 95),
        unit: 'ms',
        note: ''
      },
      {
        metric: 'lock: hand-off, 12 in-process waiters, 50 ms holds (p50)',
        value: percentile(handoffs, 50),
        unit: 'ms',
        note: 'release → next holds; holds shorter than the next-in-line poll (~0.45 s)'
      },
      {
        metric: 'lock: hand-off, 12 in-process waiters, 50 ms holds (p95)',
        value: percentile(handoffs, 95),
        unit: 'ms',
        note: `${handoffs.length} hand-offs`
      }
    ]
  } finally {
    await dynamo.close()
  }
}

/** Milliseconds from spawning a bundled entry (lock inputs set) until its first DynamoDB request, per run. */
export async function startupSamples(entry: string, runs = 7): Promise<number[]> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    let firstRequest = 0
    const server = createServer((_, response) => {
      firstRequest ||= performance.now()
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' })
      response.end(
        JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: 'bench' })
      )
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const started = performance.now()
    const child = spawn(nodeFor('node24'), [entry], {
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        ...githubRunEnv(1),
        'INPUT_STACK-NAME': 'CourtCaseManagementStack',
        'INPUT_LOCK-TABLE': 'deploy-locks',
        INPUT_RUN: 'true',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey
      }
    })
    await new Promise(resolve => child.on('exit', resolve))
    server.close()
    if (firstRequest) samples.push(firstRequest - started)
  }
  return samples
}

/**
 * Issue 12's figures, measured as a user meets them: 13 `deploy-guard run` processes on one stack, each guarding a
 * 1 s command; the gap between one command's end and the next command's start (12 hand-offs), and the DynamoDB
 * requests per minute while 1 and while 12 processes wait (counted by a pass-through proxy in front of dynalite).
 */
export async function lockHandoff(): Promise<BenchRow[]> {
  const dynamo = await startDynalite()
  const sim = await startSim()
  const proxy = await startFaultProxy(dynamo.endpoint)
  const dir = mkdtempSync(join(tmpdir(), 'bench-handoff-'))
  try {
    const waitingRate = async (waiters: number): Promise<number> => {
      const table = await dynamo.createLockTable()
      const log = join(dir, `rate-${waiters}.log`)
      const run = (name: string, commandMs: number) =>
        startGuardedRun({
          name,
          log,
          stack: 'HandoffStack',
          table,
          lease: '60s',
          waitTimeout: '5m',
          commandMs,
          dynamodb: proxy.url,
          sim: sim.url
        })
      const holder = run('holder', 12_000)
      while (!commandTimes(log).get('holder')?.start) await systemClock.sleep(50)
      const waiting = Array.from({ length: waiters }, (_, n) => run(`w${n}`, 10))
      // Let every waiter start up and queue, then count over a quiet window.
      await systemClock.sleep(5_000)
      const before = proxy.requests
      await systemClock.sleep(5_000)
      const rate = ((proxy.requests - before) / 5_000) * 60_000
      await Promise.all([holder.done, ...waiting.map(w => w.done)])
      return rate
    }
    const one = await waitingRate(1)
    const twelve = await waitingRate(12)

    const table = await dynamo.createLockTable()
    const log = join(dir, 'handoff.log')
    const runs = Array.from({ length: 13 }, (_, n) =>
      startGuardedRun({
        name: `r${n}`,
        log,
        stack: 'HandoffStack',
        table,
        lease: '60s',
        waitTimeout: '10m',
        commandMs: 1_000,
        dynamodb: proxy.url,
        sim: sim.url
      })
    )
    await Promise.all(runs.map(run => run.done))
    const spans = [...commandTimes(log).values()]
      .filter(
        (span): span is { start: number; end: number } => span.start !== undefined && span.end !== undefined
      )
      .sort((a, b) => a.start - b.start)
    const gaps = spans.slice(1).map((span, i) => span.start - spans[i]!.end)
    const cli = process.env.DEPLOY_GUARD_BENCH_CLI ? `CLI ${process.env.DEPLOY_GUARD_BENCH_CLI}` : 'dist/cli'
    return [
      {
        metric: 'lock: hand-off, 12 waiting processes (p50)',
        value: percentile(gaps, 50),
        unit: 'ms',
        note: `command end → next command start; ${cli}`
      },
      {
        metric: 'lock: hand-off, 12 waiting processes (p95)',
        value: percentile(gaps, 95),
        unit: 'ms',
        note: `${gaps.length} hand-offs, goal p50 ≤ 250, p95 ≤ 600`
      },
      {
        metric: 'lock: DynamoDB requests/min, 1 waiting',
        value: one,
        unit: 'req/min',
        note: 'holder heartbeat included'
      },
      {
        metric: 'lock: DynamoDB requests/min, 12 waiting',
        value: twelve,
        unit: 'req/min',
        note: `${(twelve / one).toFixed(2)}× one waiter (goal ≤ ~2×)`
      }
    ]
  } finally {
    await proxy.close()
    await sim.close()
    await dynamo.close()
  }
}
