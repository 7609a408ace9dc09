import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { skewedClock, systemClock } from '../../src/core/clock.js'
import {
  acquireLock,
  COMMAND_STOP_GRACE_MS,
  DRAIN_MARGIN_MS,
  holderGivesUpAfterMs,
  type LockLostError,
  LockTable,
  LockWaitTimeoutError,
  readStatus,
  startHeartbeat,
  unlock
} from '../../src/core/lock/index.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { ciHolder, laptopHolder } from '../helpers/holders.js'

// A forced release must never hand the lock to a waiter while the old holder may still run its command (issue 13 §3):
// the item drains for the holder's give-up time plus its command's stop window before anyone may take it.
let dynamo: LocalDynamo
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(() => dynamo.close())
/** Waiters and heartbeats a failed test left behind: cancelled, so nothing outlives its test. */
const leftovers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  await Promise.all(leftovers.splice(0).map(stop => stop()))
})

function inBackground<T>(start: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const cancel = new AbortController()
  const running = start(cancel.signal)
  leftovers.push(() => {
    cancel.abort()
    return running.catch(() => undefined)
  })
  return running
}

const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'
const fast = { pollMinMs: 5, pollMaxMs: 40 }
const STOPPING_MS = COMMAND_STOP_GRACE_MS + DRAIN_MARGIN_MS
const bob = laptopHolder('bob', 'ops-box')

async function newTable(): Promise<LockTable> {
  return new LockTable(dynamo.client(), { tableName: await dynamo.createLockTable(), keyAttribute: 'LockID' })
}

describe('unlock --force of a live holder', () => {
  it('drains: the holder learns it was force-released before the waiter gets the lock, and nobody jumps the drain', async () => {
    const table = await newTable()
    const leaseMs = 1_500
    const holder = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs, waitTimeoutMs: 0 }
    )
    const events: string[] = []
    let lost: LockLostError | undefined
    const heartbeat = startHeartbeat(table, holder, systemClock, {
      onLost: error => {
        lost = error
        events.push('holder lost')
      }
    })
    leftovers.push(() => heartbeat.stop())
    const waiter = inBackground(signal =>
      acquireLock(
        { table, clock: systemClock },
        { key: KEY, holder: ciHolder(2), leaseMs: 60_000, waitTimeoutMs: 120_000, signal, ...fast }
      ).then(lease => {
        events.push('waiter acquired')
        return lease
      })
    )
    await systemClock.sleep(300)

    const result = await unlock(table, systemClock, {
      key: KEY,
      requester: bob,
      force: { reason: 'run 9001 hangs on a stuck custom resource' }
    })
    expect(result.outcome).toBe('draining')
    if (result.outcome !== 'draining') throw new Error('expected a drain')
    const drainMs = holderGivesUpAfterMs(leaseMs) + STOPPING_MS
    expect(result.record).toMatchObject({
      fence: holder.fence,
      released: false,
      leaseMs: drainMs,
      holder: ciHolder(1),
      forced: {
        by: 'bob@ops-box',
        reason: 'run 9001 hangs on a stuck custom resource',
        previousHolder: ciHolder(1).identity,
        fence: holder.fence
      }
    })
    expect(result.record.owner).not.toBe(holder.owner)
    const forcedAt = result.record.forced!.at
    expect(result.record.leaseExpiresAt).toBe(forcedAt + drainMs)

    // While it drains: status says so, a one-shot attempt is refused naming who forced it and when it is free,
    // and a second force neither frees it early nor extends it.
    const [status] = await readStatus(table, systemClock, KEY)
    expect(status?.state).toBe('draining')
    const oneShot = acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: laptopHolder(), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    await expect(oneShot).rejects.toThrow(LockWaitTimeoutError)
    await expect(oneShot).rejects.toThrow(
      /It was force-released by bob@ops-box at \S+ \(reason: run 9001 hangs on a stuck custom resource\) while held by .*runs\/9001; draining until \S+ so that run's command has stopped/
    )
    const again = await unlock(table, systemClock, {
      key: KEY,
      requester: laptopHolder(),
      force: { reason: 'me too' }
    })
    expect(again.outcome).toBe('draining')
    expect(await table.read(KEY)).toMatchObject({
      leaseExpiresAt: forcedAt + drainMs,
      forced: { by: 'bob@ops-box' }
    })

    const taken = await waiter
    await heartbeat.done
    expect(lost?.message).toBe(
      `Lost lock ${KEY}: it was force-released by bob@ops-box: run 9001 hangs on a stuck custom resource. The guarded ` +
        `command is stopped; the next run may take the lock from ${new Date(forcedAt + drainMs).toISOString()}.`
    )
    expect(events).toEqual(['holder lost', 'waiter acquired'])
    expect(taken.fence).toBe(holder.fence + 1)
    expect(taken.drainedAfter).toMatchObject({ by: 'bob@ops-box', fence: holder.fence })
    expect(taken.acquiredAt).toBeGreaterThanOrEqual(forcedAt + drainMs)
    expect((await readStatus(table, systemClock, KEY))[0]?.state).toBe('held')
  }, 120_000)

  it('keeps a plain unlock of your own lock immediate, and lifting a freeze immediate', async () => {
    const table = await newTable()
    await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: laptopHolder(), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    expect((await unlock(table, systemClock, { key: KEY, requester: laptopHolder() })).outcome).toBe(
      'released'
    )

    await acquireLock(
      { table, clock: systemClock },
      { key: KEY, kind: 'freeze', holder: laptopHolder(), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    const lifted = await unlock(table, systemClock, { key: KEY, requester: bob, kind: 'freeze' })
    expect(lifted.outcome).toBe('released')
    expect(await table.read(KEY)).toMatchObject({ released: true, forced: { by: 'bob@ops-box' } })
  })
})

describe('unlock --force of a dead holder', () => {
  it('frees a lease that expired longer ago than the stop window at once: a waiter shorter than the lease gets it', async () => {
    const table = await newTable()
    // A holder gone for two minutes: its 60 s lease ended a minute ago.
    await acquireLock(
      { table, clock: skewedClock(systemClock, -120_000) },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    // This wait is far shorter than the lease, so without the force it could never take over (one lease of silence).
    const waiter = inBackground(signal =>
      acquireLock(
        { table, clock: systemClock },
        { key: KEY, holder: ciHolder(2), leaseMs: 60_000, waitTimeoutMs: 15_000, signal, ...fast }
      )
    )
    await systemClock.sleep(300)
    const result = await unlock(table, systemClock, {
      key: KEY,
      requester: bob,
      force: { reason: 'runner gone' }
    })
    expect(result.outcome).toBe('released')
    const taken = await waiter
    expect(taken.fence).toBe(2)
    expect(taken.drainedAfter).toBeUndefined()
  })

  it('drains only the stop window for a lease that just expired, then the waiter gets it', async () => {
    const table = await newTable()
    const dead = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 300, waitTimeoutMs: 0 }
    )
    await systemClock.sleep(400)
    const result = await unlock(table, systemClock, {
      key: KEY,
      requester: bob,
      force: { reason: 'runner gone' }
    })
    expect(result.outcome).toBe('draining')
    expect(result.record?.leaseMs).toBe(STOPPING_MS)
    const forcedAt = result.record!.forced!.at
    // Started after the force: it watches the drain itself, one drain and a poll.
    const taken = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(2), leaseMs: 60_000, waitTimeoutMs: 2 * STOPPING_MS + 30_000, ...fast }
    )
    expect(taken.fence).toBe(dead.fence + 1)
    expect(taken.acquiredAt).toBeGreaterThanOrEqual(forcedAt + STOPPING_MS)
    expect(taken.drainedAfter?.by).toBe('bob@ops-box')
  }, 120_000)
})
