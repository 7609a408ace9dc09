import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { skewedClock, systemClock } from '../../src/core/clock.js'
import {
  acquireAll,
  acquireLock,
  beginDeploy,
  LockFrozenError,
  LockLostError,
  LockTable,
  LockWaitTimeoutError,
  readStatus,
  releaseLease,
  renewLease,
  startHeartbeat,
  unlock,
  type Lease
} from '../../src/core/lock/index.js'
import { InputError, SetupError } from '../../src/core/errors.js'
import { ciHolder, laptopHolder } from '../helpers/holders.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'

let dynamo: LocalDynamo

beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(async () => {
  await dynamo.close()
})

async function newTable(client?: DynamoDBClient): Promise<LockTable> {
  const tableName = await dynamo.createLockTable()
  return new LockTable(client ?? dynamo.client(), { tableName, keyAttribute: 'LockID' })
}

const fast = { pollMinMs: 5, pollMaxMs: 40 }
const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'
const deps = (table: LockTable, clock = systemClock) => ({ table, clock })
const sleep = (ms: number) => systemClock.sleep(ms)

describe('the lock on a real DynamoDB-compatible server', () => {
  it('lets exactly one of 30 concurrent contenders hold the lock at any time, over many rounds, and all finish', async () => {
    const table = await newTable()
    let inside = 0
    let maxInside = 0
    const fences: number[] = []
    const contender = async (n: number) => {
      for (let round = 0; round < 3; round++) {
        const lease = await acquireLock(deps(table), {
          key: KEY,
          holder: ciHolder(n),
          leaseMs: 30_000,
          waitTimeoutMs: 120_000,
          ...fast
        })
        inside++
        maxInside = Math.max(maxInside, inside)
        fences.push(lease.fence)
        await sleep(2)
        inside--
        const result = await releaseLease(table, lease, systemClock)
        expect(result.released).toBe(true)
      }
    }
    await Promise.all(Array.from({ length: 30 }, (_, n) => contender(n + 1)))
    expect(maxInside).toBe(1)
    expect(fences).toHaveLength(90)
    expect(new Set(fences).size).toBe(90)
    expect(fences).toEqual([...fences].sort((a, b) => a - b))
  })

  it('fails a wait that is shorter than the lease at about the wait timeout, naming the holder', async () => {
    const table = await newTable()
    await acquireLock(deps(table), { key: KEY, holder: ciHolder(31), leaseMs: 60_000, waitTimeoutMs: 0 })
    const started = Date.now()
    const waiting = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(30),
      leaseMs: 60_000,
      waitTimeoutMs: 400,
      ...fast
    })
    await expect(waiting).rejects.toThrow(LockWaitTimeoutError)
    await expect(waiting).rejects.toThrow(
      /held by iseepatterns-iam-user https:\/\/github.com\/acme\/court-cases\/actions\/runs\/9031/
    )
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(400)
    expect(elapsed).toBeLessThan(3_000)
  })

  it('tells a waiter who holds the lock, since when and for how long', async () => {
    const table = await newTable()
    const holder = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(31),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    const seen: string[] = []
    const waiting = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(32),
      leaseMs: 60_000,
      waitTimeoutMs: 10_000,
      reportEveryMs: 0,
      ...fast,
      onWait: progress => seen.push(`${progress.record?.holder.runUrl} fence ${progress.record?.fence}`)
    })
    await sleep(150)
    await releaseLease(table, holder, systemClock)
    const lease = await waiting
    expect(seen.length).toBeGreaterThan(0)
    expect(seen[0]).toBe(`https://github.com/acme/court-cases/actions/runs/9031 fence ${holder.fence}`)
    expect(lease.fence).toBe(holder.fence + 1)
    expect(lease.waitedMs).toBeGreaterThanOrEqual(100)
  })

  it('refuses a stale holder after a takeover: its renewal and release change nothing and it learns it lost the lock', async () => {
    const table = await newTable()
    const stale = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 200,
      waitTimeoutMs: 0
    })
    const taker = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(2),
      leaseMs: 60_000,
      waitTimeoutMs: 5_000,
      ...fast
    })
    expect(taker.tookOverFrom?.identity).toBe(ciHolder(1).identity)
    expect(taker.fence).toBe(stale.fence + 1)

    await expect(renewLease(table, stale, systemClock)).rejects.toThrow(LockLostError)
    await expect(renewLease(table, stale, systemClock)).rejects.toThrow(
      /now held by .*runs\/9002 \(fence 2\)/
    )
    const release = await releaseLease(table, stale, systemClock, { status: 'failed' })
    expect(release).toEqual({ released: false, current: expect.objectContaining({ owner: taker.owner }) })

    const item = await table.read(KEY)
    expect(item).toMatchObject({ owner: taker.owner, released: false, fence: taker.fence })
  })

  it('never takes over a heartbeating lock, even from a contender whose clock is 10 minutes ahead', async () => {
    const table = await newTable()
    const holder = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 600,
      waitTimeoutMs: 0
    })
    const heartbeat = startHeartbeat(table, holder, systemClock, { onLost: () => undefined })
    const skewed = skewedClock(systemClock, 10 * 60_000)
    const contender = acquireLock(deps(table, skewed), {
      key: KEY,
      holder: ciHolder(2),
      leaseMs: 600,
      waitTimeoutMs: 3_000,
      ...fast
    })
    await expect(contender).rejects.toThrow(LockWaitTimeoutError)
    await heartbeat.stop()
    expect(await table.read(KEY)).toMatchObject({ owner: holder.owner, released: false, fence: holder.fence })
  })

  it('keeps a lock alive through several lease lengths with heartbeats while a contender polls', async () => {
    const table = await newTable()
    // A 1.5 s lease renewed every 0.5 s: long enough that a loaded machine's slow reply does not cost the lease.
    const holder = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 1_500,
      waitTimeoutMs: 0
    })
    let renewals = 0
    let lost = false
    const heartbeat = startHeartbeat(table, holder, systemClock, {
      onLost: () => (lost = true),
      onRenewed: () => renewals++
    })
    const contender = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(2),
      leaseMs: 1_500,
      waitTimeoutMs: 6_000,
      ...fast
    })
    await expect(contender).rejects.toThrow(LockWaitTimeoutError)
    await heartbeat.stop()
    expect(lost).toBe(false)
    expect(renewals).toBeGreaterThanOrEqual(6)
    expect(await table.read(KEY)).toMatchObject({ owner: holder.owner, released: false })
  })

  it('takes over a lease that stopped heartbeating only after it expired', async () => {
    const table = await newTable()
    const holder = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 400,
      waitTimeoutMs: 0
    })
    const before = (await table.read(KEY))!
    const taker = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(2),
      leaseMs: 400,
      waitTimeoutMs: 5_000,
      ...fast
    })
    const after = (await table.read(KEY))!
    expect(after.acquiredAt).toBeGreaterThanOrEqual(before.leaseExpiresAt)
    expect(taker.fence).toBe(holder.fence + 1)
  })

  it('increases the fence strictly across acquisitions, takeovers and force-unlocks', async () => {
    const table = await newTable()
    const fences: number[] = []
    const first = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 150,
      waitTimeoutMs: 0
    })
    fences.push(first.fence)
    const takeover = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(2),
      leaseMs: 60_000,
      waitTimeoutMs: 5_000,
      ...fast
    })
    fences.push(takeover.fence)
    // Forced by someone whose clock says the holder has been gone for long: freed at once (a live holder drains,
    // lock-force.test.ts).
    await unlock(table, skewedClock(systemClock, 120_000), {
      key: KEY,
      requester: laptopHolder(),
      force: { reason: 'runner died' }
    })
    const afterForce = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(3),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    fences.push(afterForce.fence)
    await releaseLease(table, afterForce, systemClock)
    const afterRelease = await acquireLock(deps(table), {
      key: KEY,
      holder: laptopHolder(),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    fences.push(afterRelease.fence)
    expect(fences).toEqual([1, 2, 3, 4])
  })

  it('records a force-unlock on the item, and the forced-out holder can no longer renew', async () => {
    const table = await newTable()
    const lease = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(7),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    const result = await unlock(table, systemClock, {
      key: KEY,
      requester: laptopHolder('bob', 'ops-box'),
      force: { reason: 'run 9007 was cancelled and its runner is gone' }
    })
    expect(result.outcome).toBe('draining')
    const item = await table.read(KEY)
    expect(item?.forced).toEqual({
      by: 'bob@ops-box',
      reason: 'run 9007 was cancelled and its runner is gone',
      at: expect.any(Number),
      previousHolder: ciHolder(7).identity,
      fence: lease.fence
    })
    // Not free yet: the holder may still run its command; it drains (lock-force.test.ts).
    expect(item?.released).toBe(false)
    expect(item?.owner).not.toBe(lease.owner)
    await expect(renewLease(table, lease, systemClock)).rejects.toThrow(/force-released by bob@ops-box/)
  })

  it("refuses a plain unlock of someone else's lock and says how to force it", async () => {
    const table = await newTable()
    await acquireLock(deps(table), { key: KEY, holder: ciHolder(7), leaseMs: 60_000, waitTimeoutMs: 0 })
    const attempt = unlock(table, systemClock, { key: KEY, requester: laptopHolder() })
    await expect(attempt).rejects.toThrow(InputError)
    await expect(attempt).rejects.toThrow(/not by you \(alice@alice-mbp\)\. .*--force --reason/)
    expect((await table.read(KEY))?.released).toBe(false)
  })

  it('lets a person release their own lock without a token or force', async () => {
    const table = await newTable()
    await acquireLock(deps(table), { key: KEY, holder: laptopHolder(), leaseMs: 60_000, waitTimeoutMs: 0 })
    const result = await unlock(table, systemClock, { key: KEY, requester: laptopHolder() })
    expect(result.outcome).toBe('released')
    expect(await table.read(KEY)).toMatchObject({ released: true, releasedBy: 'alice@alice-mbp' })
    expect((await table.read(KEY))?.forced).toBeUndefined()
  })

  it('never deadlocks two runs locking stacks {A,B} and {B,A}', async () => {
    const table = await newTable()
    const run = async (holderRun: number, keys: string[]) => {
      for (let round = 0; round < 8; round++) {
        const leases = await acquireAll(deps(table), keys, {
          holder: ciHolder(holderRun),
          leaseMs: 60_000,
          waitTimeoutMs: 20_000,
          ...fast
        })
        expect(leases.map(l => l.key)).toEqual(['A', 'B'])
        await sleep(3)
        for (const lease of leases) await releaseLease(table, lease, systemClock)
      }
      return holderRun
    }
    await expect(Promise.all([run(1, ['A', 'B']), run(2, ['B', 'A'])])).resolves.toEqual([1, 2])
  })

  it('fails a deploy at once on a freeze, naming who froze it, why and until when', async () => {
    const table = await newTable()
    const until = Date.now() + 3_600_000
    await acquireLock(deps(table), {
      key: KEY,
      kind: 'freeze',
      holder: { ...laptopHolder('carol', 'sre'), reason: 'incident 4711: database failover' },
      leaseMs: until - Date.now(),
      waitTimeoutMs: 0
    })
    const deploy = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(40),
      leaseMs: 60_000,
      waitTimeoutMs: 60_000
    })
    await expect(deploy).rejects.toThrow(LockFrozenError)
    await expect(deploy).rejects.toThrow(
      /frozen until .* by carol carol@sre: incident 4711: database failover/
    )
    const [status] = await readStatus(table, systemClock, KEY)
    expect(status?.state).toBe('frozen')
  })

  it('waits for a freeze to end when asked to, then deploys', async () => {
    const table = await newTable()
    await acquireLock(deps(table), {
      key: KEY,
      kind: 'freeze',
      holder: laptopHolder('carol', 'sre'),
      leaseMs: 300,
      waitTimeoutMs: 0
    })
    const lease = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(41),
      leaseMs: 60_000,
      waitTimeoutMs: 5_000,
      waitOnFreeze: true,
      ...fast
    })
    expect(lease).toMatchObject({ kind: 'deploy', fence: 2 })
  })

  it('records the deploy fence before deploying and refuses a stale lease whose fence is not the newest', async () => {
    const table = await newTable()
    const old = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(30),
      leaseMs: 150,
      waitTimeoutMs: 0
    })
    const newer = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(31),
      leaseMs: 60_000,
      waitTimeoutMs: 5_000,
      ...fast
    })
    await expect(beginDeploy(table, newer, systemClock)).resolves.toMatchObject({
      fence: newer.fence,
      runNumber: 31
    })
    await expect(beginDeploy(table, old, systemClock)).rejects.toThrow(LockLostError)
    expect(await table.read(KEY)).toMatchObject({
      lastDeployFence: newer.fence,
      lastDeploy: { runNumber: 31 }
    })
  })

  it('hands the previous deploy to the next holder, with its outcome, for out-of-order protection', async () => {
    const table = await newTable()
    const first = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(31, { sha: 'b'.repeat(40) }),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    await beginDeploy(table, first, systemClock)
    await releaseLease(table, first, systemClock, { status: 'succeeded' })
    const next = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(30),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    expect(next.previousDeploy).toMatchObject({
      runNumber: 31,
      status: 'succeeded',
      sha: 'b'.repeat(40),
      fence: first.fence
    })
  })

  it('reads the holder with a consistent read when the server drops ReturnValuesOnConditionCheckFailure', async () => {
    const table = await newTable()
    const holder = await acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(5),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    const attempt = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(6),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    await expect(attempt).rejects.toThrow(`held by iseepatterns-iam-user ${holder.holder.runUrl}`)
  })

  it('lists locks with their state, telling freezes apart from deploy locks', async () => {
    const table = await newTable()
    const held = await acquireLock(deps(table), {
      key: 'deploy-guard/us-east-1/A',
      holder: ciHolder(1),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    const done = await acquireLock(deps(table), {
      key: 'deploy-guard/us-east-1/B',
      holder: ciHolder(2),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    await releaseLease(table, done, systemClock)
    await acquireLock(deps(table), {
      key: 'deploy-guard/us-east-1/C',
      kind: 'freeze',
      holder: laptopHolder(),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    const statuses = await readStatus(table, systemClock)
    expect(statuses.map(s => [s.key, s.state])).toEqual([
      ['deploy-guard/us-east-1/A', 'held'],
      ['deploy-guard/us-east-1/B', 'free'],
      ['deploy-guard/us-east-1/C', 'frozen']
    ])
    expect(statuses[0] && 'record' in statuses[0] && statuses[0].record.owner).toBe(held.owner)
  })
})

describe('set-up mistakes', () => {
  it('names a missing table and gives the create-table command', async () => {
    const table = new LockTable(dynamo.client(), { tableName: 'no-such-lock-table', keyAttribute: 'LockID' })
    const attempt = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    await expect(attempt).rejects.toThrow(SetupError)
    await expect(attempt).rejects.toThrow(
      'Lock table no-such-lock-table does not exist in us-east-1. Create it with: aws dynamodb create-table --region us-east-1 ' +
        '--table-name no-such-lock-table --attribute-definitions AttributeName=LockID,AttributeType=S ' +
        '--key-schema AttributeName=LockID,KeyType=HASH --billing-mode PAY_PER_REQUEST'
    )
  })

  it('names a table whose partition key is not the lock key attribute', async () => {
    const tableName = await dynamo.createLockTable(undefined, 'id')
    const table = new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
    const attempt = acquireLock(deps(table), {
      key: KEY,
      holder: ciHolder(1),
      leaseMs: 60_000,
      waitTimeoutMs: 0
    })
    await expect(attempt).rejects.toThrow(SetupError)
    await expect(attempt).rejects.toThrow(
      `Lock table ${tableName} does not have a string partition key named LockID`
    )
  })
})

export type { Lease }
