import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { systemClock } from '../../src/core/clock.js'
import { acquireLock, LockTable } from '../../src/core/lock/index.js'
import { startDynalite, TEST_CREDENTIALS, TEST_REGION, type LocalDynamo } from '../../src/sim/dynamo.js'
import { ciHolder } from '../helpers/holders.js'
import { nodeFor, ROOT_DIR } from '../../src/sim/runner.js'

let dynamo: LocalDynamo
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(async () => {
  await dynamo.close()
})

const KEY = 'deploy-guard/us-east-1/CourtCaseManagementStack'

describe('a holder process killed with SIGKILL', () => {
  it('keeps the lock while its heartbeat process lives, and is taken over only after its lease, within one lease plus one poll', async () => {
    const tableName = await dynamo.createLockTable()
    const table = new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
    // Long enough for the heartbeat process to start on a loaded machine: it gives the lock up itself when no renewal is
    // confirmed within two thirds of the lease (issue 13 §2).
    const leaseMs = 9_000
    const lease = await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(1), leaseMs, waitTimeoutMs: 0 }
    )
    const heartbeat = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'heartbeat', 'index.js')], {
      stdio: 'ignore',
      env: {
        PATH: process.env.PATH,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
        DEPLOY_GUARD_HEARTBEAT: JSON.stringify({
          tableName,
          keyAttribute: 'LockID',
          region: TEST_REGION,
          leases: [lease]
        })
      }
    })
    const pollMaxMs = 100
    const contender = acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: ciHolder(2), leaseMs, waitTimeoutMs: 120_000, pollMinMs: 20, pollMaxMs }
    )
    // Alive for three lease lengths: the contender must not get in.
    const outcome = await Promise.race([
      contender.then(() => 'taken'),
      systemClock.sleep(3 * leaseMs).then(() => 'still held')
    ])
    expect(outcome).toBe('still held')

    const lastHeartbeat = (await table.read(KEY))!
    heartbeat.kill('SIGKILL')
    const killedAt = Date.now()
    const taken = await contender
    const takenAt = Date.now()
    const item = (await table.read(KEY))!
    expect(taken.tookOverFrom?.identity).toBe(ciHolder(1).identity)
    expect(item.acquiredAt).toBeGreaterThanOrEqual(lastHeartbeat.leaseExpiresAt)
    // One lease after its last heartbeat, plus one poll, plus scheduling slack on a loaded 2-core machine.
    expect(takenAt - killedAt).toBeLessThanOrEqual(leaseMs + pollMaxMs + 1_000)
  }, 120_000)
})
