import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { systemClock } from '../../src/core/clock.js'
import {
  acquireLock,
  LockSupersededError,
  LockTable,
  releaseLease,
  takeTicket,
  type Lease,
  type LockHolder
} from '../../src/core/lock/index.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { ciHolder, laptopHolder } from '../helpers/holders.js'

let dynamo: LocalDynamo
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(() => dynamo.close())

const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'
const fast = { pollMinMs: 5, pollMaxMs: 60 }

async function newTable(): Promise<LockTable> {
  return new LockTable(dynamo.client(), { tableName: await dynamo.createLockTable(), keyAttribute: 'LockID' })
}

async function queueLength(table: LockTable): Promise<number> {
  return Object.keys((await table.read(KEY))?.queue ?? {}).length
}

async function untilQueued(table: LockTable, count: number): Promise<void> {
  while ((await queueLength(table)) < count) await systemClock.sleep(20)
}

const hold = (table: LockTable, holder: LockHolder, leaseMs = 60_000) =>
  acquireLock({ table, clock: systemClock }, { key: KEY, holder, leaseMs, waitTimeoutMs: 0 })

describe('the fair queue (issue 12)', () => {
  it('serves 30 contenders in ticket order, one at a time', async () => {
    const table = await newTable()
    const first = await hold(table, laptopHolder())
    const served: Lease[] = []
    let inside = 0
    let maxInside = 0
    const contenders = Array.from({ length: 30 }, async (_, n) => {
      // Arrivals spread over a second, as pipelines arrive; a burst works too, only slower.
      await systemClock.sleep(n * 100)
      const lease = await acquireLock(
        { table, clock: systemClock },
        {
          key: KEY,
          holder: ciHolder(n + 1),
          leaseMs: 60_000,
          waitTimeoutMs: 600_000,
          pollMinMs: 200,
          pollMaxMs: 3_000
        }
      )
      inside++
      maxInside = Math.max(maxInside, inside)
      served.push(lease)
      await systemClock.sleep(2)
      inside--
      await releaseLease(table, lease, systemClock)
    })
    await untilQueued(table, 30)
    await releaseLease(table, first, systemClock)
    await Promise.all(contenders)

    const tickets = served.map(lease => lease.ticket)
    expect(tickets).toHaveLength(30)
    expect(tickets.every(ticket => typeof ticket === 'number')).toBe(true)
    // The recorded serving order is the ticket order.
    expect(tickets).toEqual([...tickets].sort((a, b) => a! - b!))
    expect(new Set(tickets).size).toBe(30)
    expect(maxInside).toBe(1)
    expect(await queueLength(table)).toBe(0)
  }, 600_000)

  it('skips a waiter that stopped heartbeating (killed) after one lease, and the rest go on in order', async () => {
    const table = await newTable()
    const leaseMs = 1_000
    const holder = await hold(table, laptopHolder())
    const served: string[] = []
    const wait = (n: number) =>
      acquireLock(
        { table, clock: systemClock },
        { key: KEY, holder: ciHolder(n), leaseMs, waitTimeoutMs: 120_000, ...fast }
      ).then(async lease => {
        served.push(lease.holder.identity)
        await releaseLease(table, lease, systemClock)
      })
    const w1 = wait(1)
    await untilQueued(table, 1)
    // A waiter killed outright: its ticket stays in the queue and is never renewed again.
    await takeTicket(table, KEY, (await table.read(KEY))!, 'killed-waiter', ciHolder(2), leaseMs, systemClock)
    const w3 = wait(3)
    await untilQueued(table, 3)
    await releaseLease(table, holder, systemClock)
    await Promise.all([w1, w3])

    expect(served).toEqual([ciHolder(1).identity, ciHolder(3).identity])
    expect((await table.read(KEY))?.queue?.['killed-waiter']).toBeUndefined()
  })

  it('with newest-wins, a newer run of a workflow makes exactly its older waiting runs give up', async () => {
    const table = await newTable()
    const holder = await hold(table, laptopHolder())
    const newestWins = { queue: 'newest-wins' as const, leaseMs: 30_000, waitTimeoutMs: 120_000, ...fast }
    const outcomes = new Map<string, string>()
    const wait = (name: string, who: LockHolder) =>
      acquireLock({ table, clock: systemClock }, { key: KEY, holder: who, ...newestWins }).then(
        async lease => {
          outcomes.set(name, 'deployed')
          await releaseLease(table, lease, systemClock)
        },
        (error: unknown) =>
          outcomes.set(name, error instanceof LockSupersededError ? 'gave up' : String(error))
      )
    const waiting = [
      wait('deploy #1', ciHolder(1)),
      wait('other workflow #5', ciHolder(5, { workflow: 'nightly' })),
      wait('other repository #4', ciHolder(4, { repository: 'acme/billing' }))
    ]
    await untilQueued(table, 3)
    waiting.push(wait('deploy #3', ciHolder(3)))
    while (outcomes.size < 1) await systemClock.sleep(20)
    // A late older run meets the newer one already waiting: it gives up too.
    waiting.push(wait('deploy #2', ciHolder(2)))
    while (outcomes.size < 2) await systemClock.sleep(20)
    expect(Object.fromEntries(outcomes)).toEqual({ 'deploy #1': 'gave up', 'deploy #2': 'gave up' })
    await releaseLease(table, holder, systemClock)
    await Promise.all(waiting)
    expect(Object.fromEntries(outcomes)).toEqual({
      'deploy #1': 'gave up',
      'deploy #2': 'gave up',
      'other workflow #5': 'deployed',
      'other repository #4': 'deployed',
      'deploy #3': 'deployed'
    })
  }, 120_000)

  it('says why an older run gave up: which newer run of its workflow is waiting', async () => {
    const table = await newTable()
    const holder = await hold(table, laptopHolder())
    const older = acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(7), queue: 'newest-wins', leaseMs: 30_000, waitTimeoutMs: 60_000, ...fast }
    )
    await untilQueued(table, 1)
    const newer = acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(8), queue: 'newest-wins', leaseMs: 30_000, waitTimeoutMs: 60_000, ...fast }
    )
    await expect(older).rejects.toThrow(
      `Gave up waiting for lock ${KEY}: a newer run of deploy in acme/court-cases is waiting for it ` +
        '(iseepatterns-iam-user https://github.com/acme/court-cases/actions/runs/9008)'
    )
    await releaseLease(table, holder, systemClock)
    await releaseLease(table, await newer, systemClock)
  })

  it('never lets a newcomer jump the queue when the lock is free between two holders', async () => {
    const table = await newTable()
    const holder = await hold(table, laptopHolder())
    const queued = acquireLock(
      { table, clock: systemClock },
      {
        key: KEY,
        holder: ciHolder(1),
        leaseMs: 30_000,
        waitTimeoutMs: 60_000,
        pollMinMs: 2_000,
        pollMaxMs: 4_000
      }
    )
    await untilQueued(table, 1)
    await releaseLease(table, holder, systemClock)
    // Free, but run #1 is queued: a one-shot newcomer is refused, naming the queue.
    await expect(hold(table, ciHolder(2))).rejects.toThrow(/1 other run\(s\) were queued for it|held by/)
    const lease = await queued
    expect(lease.holder.identity).toBe(ciHolder(1).identity)
    await releaseLease(table, lease, systemClock)
  })
})
