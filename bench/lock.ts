import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { systemClock } from '../src/core/clock.js'
import { acquireLock, LockTable, releaseLease } from '../src/core/lock/index.js'
import { startDynalite, TEST_CREDENTIALS } from '../src/sim/dynamo.js'
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
        metric: 'lock: hand-off, 12 waiters (p50)',
        value: percentile(handoffs, 50),
        unit: 'ms',
        note: 'release → next waiter holds; default polling'
      },
      {
        metric: 'lock: hand-off, 12 waiters (p95)',
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
