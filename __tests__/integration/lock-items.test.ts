import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { PutItemCommand } from '@aws-sdk/client-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import { systemClock } from '../../src/core/clock.js'
import { InputError } from '../../src/core/errors.js'
import { releaseAll, takeDeployLocks } from '../../src/core/guard.js'
import type { Log } from '../../src/core/log.js'
import {
  acquireLock,
  LockTable,
  MalformedLockError,
  OutOfOrderError,
  readStatus,
  unlock
} from '../../src/core/lock/index.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { ciHolder, laptopHolder } from '../helpers/holders.js'

let dynamo: LocalDynamo
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(() => dynamo.close())

const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'
const quietLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined }

async function tableWith(item?: Record<string, unknown>): Promise<LockTable> {
  const tableName = await dynamo.createLockTable()
  if (item)
    await dynamo
      .client()
      .send(new PutItemCommand({ TableName: tableName, Item: marshall({ LockID: KEY, ...item }) }))
  return new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
}

const wellFormed = {
  kind: 'deploy',
  owner: 'token',
  fence: 7,
  leaseMs: 60_000,
  leaseExpiresAt: 1,
  heartbeatAt: 1,
  acquiredAt: 1,
  released: true,
  holder: { identity: 'someone' }
}

describe('lock items that are not what deploy-guard writes (issue 13 §4)', () => {
  it.each([
    [
      'without owner and fence',
      { LockIDNote: 'hand-made', released: false },
      /owner is missing; fence is missing/
    ],
    [
      'with numbers stored as strings',
      { ...wellFormed, fence: '7', leaseExpiresAt: '99999999999999' },
      /fence is a string \("7"\), not a number; leaseExpiresAt is a string/
    ],
    [
      'with released as a string',
      { ...wellFormed, released: 'false' },
      /released is a string \("false"\), not true\/false/
    ]
  ])('shows an item %s as malformed in status, saying what is wrong', async (_, item, problems) => {
    const table = await tableWith(item)
    const [status] = await readStatus(table, systemClock)
    expect(status?.state).toBe('malformed')
    expect(status && 'malformed' in status && status.malformed.problems.join('; ')).toMatch(problems)
  })

  it('refuses to run on a malformed item, saying what is wrong and how to clear it', async () => {
    const table = await tableWith({ ...wellFormed, fence: '7', released: false })
    const attempt = acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 10_000 }
    )
    await expect(attempt).rejects.toThrow(MalformedLockError)
    await expect(attempt).rejects.toThrow(
      `Lock ${KEY} is malformed: fence is a string ("7"), not a number. deploy-guard does not guess what such an item means. ` +
        `Clear it with \`deploy-guard unlock --key ${KEY} --force --reason "…"\` (it is rewritten as released, fence 8).`
    )
  })

  it('clears a malformed item only with --force --reason: released, fence above every number it held', async () => {
    const table = await tableWith({ owner: 'x', fence: '41', lastDeployFence: 39, released: 'no' })
    await expect(unlock(table, systemClock, { key: KEY, requester: laptopHolder() })).rejects.toThrow(
      InputError
    )
    const result = await unlock(table, systemClock, {
      key: KEY,
      requester: laptopHolder(),
      force: { reason: 'hand-edited item' }
    })
    expect(result.outcome).toBe('cleared')
    expect(await table.read(KEY)).toMatchObject({
      released: true,
      fence: 42,
      forced: { by: 'alice@alice-mbp', reason: 'hand-edited item' }
    })
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(2), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    expect(lease.fence).toBe(43)
  })
})

describe('out-of-order protection per stack (issue 13 §5)', () => {
  const settings = (stack: string) => ({
    leaseMs: 60_000,
    waitTimeoutMs: 0,
    outOfOrder: 'fail' as const,
    waitOnFreeze: false,
    stacks: [stack],
    lockKey: 'team/shared-key'
  })

  it('keeps history per stack when one custom key serializes several stacks', async () => {
    const table = await tableWith()
    const deps = { table, clock: systemClock, log: quietLog }
    const alpha = await takeDeployLocks(deps, ['team/shared-key'], ciHolder(10), settings('StackAlpha'))
    await releaseAll(deps, alpha.leases, 'succeeded')
    // Run #9 on StackBeta: older than #10, but #10 deployed StackAlpha, not StackBeta.
    const beta = await takeDeployLocks(deps, ['team/shared-key'], ciHolder(9), settings('StackBeta'))
    await releaseAll(deps, beta.leases, 'succeeded')
    // Run #8 on StackAlpha is older than #10 on StackAlpha: refused.
    await expect(
      takeDeployLocks(deps, ['team/shared-key'], ciHolder(8), settings('StackAlpha'))
    ).rejects.toThrow(OutOfOrderError)
    const item = await table.read('team/shared-key')
    expect(item?.deploys).toMatchObject({
      StackAlpha: { runNumber: 10, status: 'succeeded' },
      StackBeta: { runNumber: 9, status: 'succeeded' }
    })
    expect(item?.released).toBe(true)
  })
})
