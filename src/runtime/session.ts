import { createDynamoDbClient } from '../aws/clients.js'
import { LockTable } from '../core/lock/index.js'
import { lockKeysFor, type LockSettings } from '../core/settings.js'
import { SetupError } from '../core/errors.js'
import { systemClock } from '../core/clock.js'
import type { GuardDeps } from '../core/guard.js'
import type { Log } from '../core/log.js'
import { gitIsAncestor } from './git.js'
import { VERSION } from './version.js'

export interface LockSession {
  table: LockTable
  region: string
  keys: string[]
}

export const USER_AGENT = `deploy-guard/${VERSION}`

/**
 * The lock table and keys for validated settings, in the region the SDK resolves (input, AWS_REGION, profile).
 * `signal` aborts the table's requests in flight (a read-only command's deadline); never give it to a session that
 * must still release a lock after a cancellation.
 */
export async function openLockSession(settings: LockSettings, signal?: AbortSignal): Promise<LockSession> {
  const client = createDynamoDbClient({
    ...(settings.region ? { region: settings.region } : {}),
    userAgent: USER_AGENT,
    ...(signal ? { signal } : {})
  })
  const region = await client.config.region().catch(() => undefined)
  if (!region) {
    throw new SetupError(
      'No AWS region is set. Set the `region` input (CLI: --region) or AWS_REGION, e.g. us-east-1.'
    )
  }
  const table = new LockTable(client, { tableName: settings.table, keyAttribute: settings.keyAttribute })
  return { table, region, keys: lockKeysFor(settings, region) }
}

/** What the guard needs at an edge: the session's table, the system clock, a log, and git ancestry in `checkout`. */
export function guardDeps(session: LockSession, log: Log, checkout: string): GuardDeps {
  return { table: session.table, clock: systemClock, log, isAncestor: gitIsAncestor(checkout) }
}
