import { isTransient } from '../../aws/errors.js'
import type { Clock } from '../clock.js'
import { LockLostError } from './errors.js'
import { ConditionFailed, type LockTable } from './table.js'
import type { DeployStatus, LastDeploy, Lease, LockRecord } from './types.js'

/** Writes that only the owner of a lease may make: every one is conditional on `owner = me` and not released. */
const OWNED = '#owner = :owner AND #released = :false'

/**
 * Extends the lease. Throws `LockLostError` when the lock is no longer ours (taken over after our lease expired,
 * or force-released). A write whose reply was lost is checked against the item; a transient failure is rethrown
 * for the heartbeat to retry sooner.
 */
export async function renewLease(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  lastHeartbeatAt = 0
): Promise<number> {
  // The heartbeat must change on every renewal: waiters measure silence by it.
  const heartbeatAt = Math.max(clock.now(), lastHeartbeatAt + 1)
  try {
    await table.update(lease.key, {
      update: 'SET #leaseExpiresAt = :expires, #heartbeatAt = :heartbeat',
      condition: OWNED,
      values: {
        ':expires': heartbeatAt + lease.leaseMs,
        ':heartbeat': heartbeatAt,
        ':owner': lease.owner,
        ':false': false
      }
    })
    return heartbeatAt
  } catch (error) {
    if (error instanceof ConditionFailed) throw new LockLostError(lease.key, error.current)
    const current = await table.read(lease.key).catch(() => undefined)
    if (current && !ownedBy(current, lease)) throw new LockLostError(lease.key, current)
    if (current && current.heartbeatAt === heartbeatAt) return heartbeatAt
    throw error
  }
}

export interface DeployOutcome {
  status: DeployStatus
}

export type ReleaseResult =
  { released: true; alreadyReleased: boolean } | { released: false; current?: LockRecord }

/**
 * Releases the lease: marks the item released (never deletes it, so the fence only grows) and records how the
 * deploy ended. A stale holder whose lease was taken over changes nothing and learns who holds the lock now.
 */
export async function releaseLease(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  outcome?: DeployOutcome
): Promise<ReleaseResult> {
  const now = clock.now()
  const values: Record<string, unknown> = {
    ':owner': lease.owner,
    ':false': false,
    ':true': true,
    ':now': now
  }
  let update = 'SET #released = :true, #releasedAt = :now'
  if (outcome) {
    update += ', #lastDeploy.#status = :status, #lastDeploy.#finishedAt = :now'
    values[':status'] = outcome.status
    values[':fence'] = lease.fence
  }
  try {
    await table.update(lease.key, {
      update,
      // The deploy outcome is written only onto our own deploy record, never over a newer one.
      condition: outcome ? `${OWNED} AND #lastDeploy.#fence = :fence` : OWNED,
      values
    })
    return { released: true, alreadyReleased: false }
  } catch (error) {
    const current =
      error instanceof ConditionFailed ? error.current : await readAfterAmbiguous(table, lease, error)
    if (current && current.owner === lease.owner && current.released)
      return { released: true, alreadyReleased: true }
    if (outcome && current && ownedBy(current, lease)) return releaseLease(table, lease, clock)
    return { released: false, ...(current ? { current } : {}) }
  }
}

/**
 * The fencing check CloudFormation cannot do: before the deploy starts, record this lease's fence as the latest
 * deploy, conditioned on it being higher than any recorded before, so a paused or stale run never deploys over a
 * newer one.
 */
export async function beginDeploy(table: LockTable, lease: Lease, clock: Clock): Promise<LastDeploy> {
  const deploy: LastDeploy = {
    fence: lease.fence,
    status: 'started',
    startedAt: clock.now(),
    identity: lease.holder.identity,
    ...pick(lease.holder, ['repository', 'workflow', 'runNumber', 'runUrl', 'sha'])
  }
  try {
    await table.update(lease.key, {
      update: 'SET #lastDeploy = :deploy, #lastDeployFence = :fence',
      condition: `${OWNED} AND (attribute_not_exists(#lastDeployFence) OR #lastDeployFence < :fence)`,
      values: { ':deploy': deploy, ':fence': lease.fence, ':owner': lease.owner, ':false': false }
    })
    return deploy
  } catch (error) {
    if (error instanceof ConditionFailed) throw new LockLostError(lease.key, error.current)
    const current = await readAfterAmbiguous(table, lease, error)
    if (current && ownedBy(current, lease) && current.lastDeployFence === lease.fence) return deploy
    throw error
  }
}

function ownedBy(record: LockRecord, lease: Lease): boolean {
  return record.owner === lease.owner && !record.released
}

async function readAfterAmbiguous(
  table: LockTable,
  lease: Lease,
  error: unknown
): Promise<LockRecord | undefined> {
  try {
    return await table.read(lease.key)
  } catch {
    if (isTransient(error)) return undefined
    throw error
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out
}
