import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { DeleteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { systemClock } from '../../src/core/clock.js'
import { describeUnreleased, runGuarded } from '../../src/core/guard.js'
import type { Log } from '../../src/core/log.js'
import {
  acquireLock,
  LockLostError,
  LockTable,
  LockWaitTimeoutError,
  releaseLease,
  renewLease,
  startHeartbeat,
  unlock,
  type WaitProgress
} from '../../src/core/lock/index.js'
import { startDynalite, TEST_CREDENTIALS, TEST_REGION, type LocalDynamo } from '../../src/sim/dynamo.js'
import { startFaultProxy, type FaultProxy } from '../../src/sim/fault-proxy.js'
import { ciHolder, laptopHolder } from '../helpers/holders.js'

let dynamo: LocalDynamo
const proxies: FaultProxy[] = []
const clients: DynamoDBClient[] = []
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterEach(async () => {
  await Promise.all(proxies.splice(0).map(proxy => proxy.close()))
  for (const client of clients.splice(0)) client.destroy()
})
afterAll(() => dynamo.close())

const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'
const fast = { pollMinMs: 5, pollMaxMs: 40 }
const quietLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined }

function clientFor(endpoint: string): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint,
    region: TEST_REGION,
    credentials: TEST_CREDENTIALS,
    maxAttempts: 2
  })
  clients.push(client)
  return client
}

/** One table reached two ways: straight to dynalite, and through a fault proxy whose mode the test sets. */
async function tables(mode: Parameters<typeof startFaultProxy>[1] = 'pass') {
  const tableName = await dynamo.createLockTable()
  const proxy = await startFaultProxy(dynamo.endpoint, mode)
  proxies.push(proxy)
  const settings = { tableName, keyAttribute: 'LockID' }
  return {
    proxy,
    direct: new LockTable(dynamo.client(), settings),
    faulty: new LockTable(clientFor(proxy.url), settings)
  }
}

describe('every lock call has a deadline (issue 13 §1)', () => {
  it('gives up on an unreachable endpoint with wait-timeout 0, saying the state is unknown', async () => {
    const table = new LockTable(clientFor('http://127.0.0.1:1'), {
      tableName: 'locks',
      keyAttribute: 'LockID'
    })
    const attempt = acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    await expect(attempt).rejects.toThrow(LockWaitTimeoutError)
    await expect(attempt).rejects.toThrow(
      /Its state could not be read \(.*ECONNREFUSED.*\), so whether it is free is unknown/
    )
  })

  it('ends a wait on a DynamoDB that never answers at its wait timeout, and says what it waits for meanwhile', async () => {
    const { faulty } = await tables('hang')
    const progress: WaitProgress[] = []
    const attempt = acquireLock(
      { table: faulty, clock: systemClock },
      {
        key: KEY,
        holder: ciHolder(1),
        leaseMs: 60_000,
        waitTimeoutMs: 5_000,
        requestTimeoutMs: 1_000,
        reportEveryMs: 0,
        onWait: wait => progress.push(wait)
      }
    )
    await expect(attempt).rejects.toThrow(/so whether it is free is unknown/)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[0]?.unreadable).toEqual(expect.any(String))
  })

  it('backs off while DynamoDB throttles instead of retrying in a hot loop', async () => {
    const { faulty, proxy } = await tables('throttle')
    await expect(
      acquireLock(
        { table: faulty, clock: systemClock },
        { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 3_000 }
      )
    ).rejects.toThrow(LockWaitTimeoutError)
    // A hot loop sends hundreds of requests a second; backing off with full jitter (2 SDK attempts each) far fewer.
    expect(proxy.requests).toBeLessThan(150)
  })

  it('reports a release whose reply never came as unconfirmed, with when the lease ends', async () => {
    const { faulty, proxy } = await tables()
    const lease = await acquireLock(
      { table: faulty, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    await proxy.setMode('hang')
    const result = await releaseLease(faulty, lease, systemClock, { status: 'succeeded' }, 1_500)
    expect(result).toMatchObject({ released: 'unknown', leaseEndsBy: expect.any(Number) })
    if (result.released !== 'unknown') throw new Error('expected an unknown release')
    expect(describeUnreleased(lease, result)).toMatch(
      /^Could not confirm the release of lock .* \(.*\): the lease ends at \d{4}-.*Z at the latest/
    )
  })
})

describe('a holder that cannot renew knows it lost the lock before anyone may take it (issue 13 §2)', () => {
  it('declares the lock lost when DynamoDB stops answering, before a waiter takes it over', async () => {
    const { faulty, direct, proxy } = await tables()
    const leaseMs = 1_500
    const lease = await acquireLock(
      { table: faulty, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs, waitTimeoutMs: 0 }
    )
    let lostAt = 0
    let lostMessage = ''
    const heartbeat = startHeartbeat(faulty, lease, systemClock, {
      onLost: error => {
        lostAt = Date.now()
        lostMessage = error.message
      }
    })
    await systemClock.sleep(leaseMs / 2)
    await proxy.setMode('hang')
    const taken = await acquireLock(
      { table: direct, clock: systemClock },
      { key: KEY, holder: ciHolder(2), leaseMs: 60_000, waitTimeoutMs: 30_000, ...fast }
    )
    const takenAt = Date.now()
    await heartbeat.done
    expect(heartbeat.lost.aborted).toBe(true)
    expect(lostMessage).toMatch(
      /^Lost lock .*: no renewal was confirmed for .*The guarded command is stopped\.$/
    )
    expect(lostAt).toBeGreaterThan(0)
    expect(lostAt).toBeLessThanOrEqual(takenAt)
    expect(taken.tookOverFrom?.identity).toBe(ciHolder(1).identity)
  })

  it('stops the guarded command and fails the run when the lock is lost', async () => {
    const { faulty, proxy } = await tables()
    let stoppedBecause: unknown
    const run = runGuarded(
      { table: faulty, clock: systemClock, log: quietLog },
      [KEY],
      ciHolder(3),
      { leaseMs: 6_000, waitTimeoutMs: 0, outOfOrder: 'fail', waitOnFreeze: false, stacks: [] },
      stop =>
        new Promise<number>(resolve => {
          void proxy.setMode('reset')
          stop.addEventListener('abort', () => {
            stoppedBecause = stop.reason
            resolve(130)
          })
        })
    )
    const result = await run
    expect(result.lockLost).toBe(true)
    expect(result.status).toBe('unknown')
    expect(result.lostReason).toMatch(/^Lost lock /)
    expect(stoppedBecause).toBeInstanceOf(LockLostError)
  })

  it("never counts time it could not read the item as the holder's silence", async () => {
    const { faulty, direct, proxy } = await tables()
    const leaseMs = 1_000
    // A dead holder: acquired, never renewed.
    await acquireLock(
      { table: direct, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs, waitTimeoutMs: 0 }
    )
    await proxy.setMode('reset')
    const waiting = acquireLock(
      { table: faulty, clock: systemClock },
      { key: KEY, holder: ciHolder(2), leaseMs, waitTimeoutMs: 30_000, ...fast }
    )
    await systemClock.sleep(2 * leaseMs)
    await proxy.setMode('pass')
    const restoredAt = Date.now()
    const lease = await waiting
    // The lease expired long ago by the wall clock, but this waiter saw no silence until it could read again.
    expect(Date.now() - restoredAt).toBeGreaterThanOrEqual(leaseMs - 50)
    expect(lease.tookOverFrom?.identity).toBe(ciHolder(1).identity)
  })

  it('treats a fence lower than its own as lost: the table was emptied or recreated', async () => {
    const { direct } = await tables()
    const deps = { table: direct, clock: systemClock }
    for (let i = 0; i < 3; i++)
      await releaseLease(
        direct,
        await acquireLock(deps, { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }),
        systemClock
      )
    const holder = await acquireLock(deps, {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    expect(holder.fence).toBe(4)
    await dynamo
      .client()
      .send(new DeleteItemCommand({ TableName: direct.settings.tableName, Key: { LockID: { S: KEY } } }))
    await expect(renewLease(direct, holder, systemClock)).rejects.toThrow(
      /item is gone \(the table was emptied or recreated\)/
    )
    await acquireLock(deps, { key: KEY, holder: laptopHolder(), leaseMs: 60_000, waitTimeoutMs: 0 })
    await expect(renewLease(direct, holder, systemClock)).rejects.toThrow(
      /fence 1 is lower than this holder's 4: the lock table was emptied or recreated/
    )
  })
})

describe('what a run is told about its lock at the end (issue 13 §5)', () => {
  it('says a force-released lock was force-released, by whom and why, not "Released"', async () => {
    const { direct } = await tables()
    const lease = await acquireLock(
      { table: direct, clock: systemClock },
      { key: KEY, holder: ciHolder(9), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    await unlock(direct, systemClock, {
      key: KEY,
      requester: laptopHolder('bob', 'ops-box'),
      force: { reason: 'runner vanished' }
    })
    const result = await releaseLease(direct, lease, systemClock, { status: 'unknown' })
    expect(result.released).toBe(false)
    if (result.released !== false) throw new Error('expected a refused release')
    expect(describeUnreleased(lease, result)).toMatch(
      /^Lock .* was not released by this run: it had been force-released by bob@ops-box at \S+ \(reason: runner vanished\)\. The next run may take it from \S+\.$/
    )
  })

  it('explains the takeover rule when the wait is shorter than the lease of a dead holder, instead of "expires in 0ms"', async () => {
    const { direct } = await tables()
    await acquireLock(
      { table: direct, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 300, waitTimeoutMs: 0 }
    )
    await systemClock.sleep(400)
    const attempt = acquireLock(
      { table: direct, clock: systemClock },
      { key: KEY, holder: ciHolder(2), leaseMs: 60_000, waitTimeoutMs: 100, ...fast }
    )
    const error = (await attempt.catch(failure => failure)) as Error
    expect(error).toBeInstanceOf(LockWaitTimeoutError)
    expect(error.message).toMatch(
      /Its lease expired .* ago .*a takeover needs one lease \(300ms\) of silence observed by the waiter itself/
    )
    expect(error.message).toMatch(
      /shorter than the lease, so it could never take over: set wait-timeout above 300ms/
    )
    expect(error.message).not.toMatch(/expires in 0ms/)
  })
})
