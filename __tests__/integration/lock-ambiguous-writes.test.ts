import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { systemClock } from '../../src/core/clock.js'
import { acquireLock, LockTable, releaseLease, renewLease, unlock } from '../../src/core/lock/index.js'
import { ciHolder, laptopHolder } from '../helpers/holders.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'

let dynamo: LocalDynamo
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(async () => {
  await dynamo.close()
})

const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'

/**
 * Lets the server apply the next `count` UpdateItem calls, then throws away their replies as a dropped connection
 * would: the write happened, the client cannot know it.
 */
function loseUpdateReplies(client: DynamoDBClient, count: number): { lost: () => number } {
  let lost = 0
  client.middlewareStack.add(
    (next, context) => async args => {
      const result = await next(args)
      if (context.commandName === 'UpdateItemCommand' && lost < count) {
        lost++
        throw Object.assign(new Error('socket hang up after the write was applied'), {
          name: 'TimeoutError',
          $metadata: {}
        })
      }
      return result
    },
    { step: 'deserialize', name: 'loseUpdateReplies' }
  )
  return { lost: () => lost }
}

async function tableWith(client: DynamoDBClient): Promise<LockTable> {
  return new LockTable(client, { tableName: await dynamo.createLockTable(), keyAttribute: 'LockID' })
}

describe('writes whose reply was lost', () => {
  it('reconciles an applied acquire by owner and fence instead of waiting on itself (no SDK retry)', async () => {
    const client = dynamo.client({ maxAttempts: 1 })
    const table = await tableWith(client)
    const faults = loseUpdateReplies(client, 1)
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 60_000 }
    )
    expect(faults.lost()).toBe(1)
    const item = await table.read(KEY)
    expect(item).toMatchObject({ owner: lease.owner, fence: lease.fence, released: false })
    expect(lease.waitedMs).toBeLessThan(60_000)
  })

  it('lets the SDK retry an applied acquire: the owner clause accepts it and the lease carries the final fence', async () => {
    const client = dynamo.client({ maxAttempts: 3 })
    const table = await tableWith(client)
    loseUpdateReplies(client, 1)
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    const item = await table.read(KEY)
    expect(item).toMatchObject({ owner: lease.owner, fence: lease.fence, released: false })
  })

  it('keeps the lock when a renewal was applied but its reply was lost', async () => {
    const client = dynamo.client({ maxAttempts: 1 })
    const table = await tableWith(client)
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    const before = (await table.read(KEY))!
    loseUpdateReplies(client, 1)
    const heartbeatAt = await renewLease(table, lease, systemClock, before.heartbeatAt)
    const after = (await table.read(KEY))!
    expect(after).toMatchObject({ owner: lease.owner, heartbeatAt, released: false })
    expect(after.leaseExpiresAt).toBeGreaterThan(before.leaseExpiresAt)
  })

  it('treats a release whose reply was lost as released, not as a lost lock', async () => {
    const client = dynamo.client({ maxAttempts: 1 })
    const table = await tableWith(client)
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    loseUpdateReplies(client, 1)
    await expect(releaseLease(table, lease, systemClock)).resolves.toEqual({
      released: true,
      alreadyReleased: true
    })
    expect((await table.read(KEY))?.released).toBe(true)
  })

  it('reports a forced drain whose reply was lost as draining, not as "no lock is in force"', async () => {
    const client = dynamo.client({ maxAttempts: 1 })
    const table = await tableWith(client)
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    const faults = loseUpdateReplies(client, 1)
    const result = await unlock(table, systemClock, {
      key: KEY,
      requester: laptopHolder('bob', 'ops-box'),
      force: { reason: 'stuck' }
    })
    expect(faults.lost()).toBe(1)
    expect(result.outcome).toBe('draining')
    expect(await table.read(KEY)).toMatchObject({
      fence: lease.fence,
      released: false,
      forced: { by: 'bob@ops-box' }
    })
  })
})
