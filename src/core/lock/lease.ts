import type { Clock } from '../clock.js'
import {
  type CallOptions,
  deadlineIn,
  errorLine,
  isUnanswered,
  RELEASE_DEADLINE_MS,
  requestSignal,
  retryDelay
} from './deadline.js'
import { LockLostError, MalformedLockError } from './errors.js'
import { ConditionFailed, type LockTable } from './table.js'
import type { DeployStatus, LastDeploy, Lease, LockRecord } from './types.js'

/** Writes that only the owner of a lease may make: every one is conditional on `owner = me` and not released. */
const OWNED = '#owner = :owner AND #released = :false'

/**
 * Extends the lease by one `leaseMs` from now. Conditional on `owner = me`, so a renewal can never revive a lock that
 * was taken over or force-released.
 *
 * @param lastHeartbeatAt the previous renewal's heartbeat (epoch ms): the new one is always later, because waiters
 *   measure silence by it
 * @returns the heartbeat written (epoch ms)
 * @throws LockLostError when the item says the lock is no longer ours (another owner, released, gone, or a fence
 *   lower than ours: the table was emptied or recreated); the unanswered call's own error when the outcome is
 *   unknown, for the heartbeat to retry
 */
export async function renewLease(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  lastHeartbeatAt = 0,
  options: CallOptions = {}
): Promise<number> {
  const heartbeatAt = Math.max(clock.now(), lastHeartbeatAt + 1)
  try {
    await table.update(
      lease.key,
      {
        update: 'SET #leaseExpiresAt = :expires, #heartbeatAt = :heartbeat',
        condition: `${OWNED} AND #fence = :fence`,
        values: {
          ':expires': heartbeatAt + lease.leaseMs,
          ':heartbeat': heartbeatAt,
          ':owner': lease.owner,
          ':false': false,
          ':fence': lease.fence
        }
      },
      options
    )
    return heartbeatAt
  } catch (error) {
    if (error instanceof ConditionFailed) throw lost(lease, error.current)
    if (error instanceof MalformedLockError) throw lost(lease, undefined)
    if (!isUnanswered(error)) throw error
    const current = await table.read(lease.key, options).catch(() => 'unreadable' as const)
    if (current === 'unreadable') throw error
    if (!current || !ownedBy(current, lease)) throw lost(lease, current)
    if (current.heartbeatAt === heartbeatAt) return heartbeatAt
    throw error
  }
}

function lost(lease: Lease, current: LockRecord | undefined): LockLostError {
  return new LockLostError(lease.key, { kind: 'taken', current }, lease.fence)
}

export interface DeployOutcome {
  status: DeployStatus
}

export type ReleaseResult =
  | { released: true; alreadyReleased: boolean }
  /** Definitely not released by us: the item belongs to someone else now (or was force-released), as `current` says. */
  | { released: false; current?: LockRecord }
  /** No answer within the release deadline: whether the release happened is unknown. */
  | { released: 'unknown'; error: string; leaseEndsBy: number }

/**
 * Releases the lease: marks the item released (never deletes it, so the fence only grows) and records how the
 * deploy ended. A stale holder whose lease was taken over changes nothing and learns who holds the lock now.
 * Unanswered calls are retried with full jitter for at most `deadlineMs` (RELEASE_DEADLINE_MS by default, inside
 * GitHub's SIGINT → SIGTERM window); after that the outcome is reported as unknown, with the latest time the lease
 * can end (no renewal happens after the heartbeat stopped, so one lease from now at the latest).
 */
export async function releaseLease(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  outcome?: DeployOutcome,
  deadlineMs = RELEASE_DEADLINE_MS
): Promise<ReleaseResult> {
  const deadline = deadlineIn(clock, deadlineMs)
  const leaseEndsBy = clock.now() + lease.leaseMs
  let withOutcome = outcome
  for (let attempt = 0; ; attempt++) {
    const signal = requestSignal(deadline.remaining(), undefined, 500)
    try {
      return await releaseOnce(table, lease, clock, withOutcome, { signal })
    } catch (error) {
      if (error === RETRY_WITHOUT_OUTCOME) {
        withOutcome = undefined
        continue
      }
      if (!isUnanswered(error)) throw error
      if (deadline.passed()) return { released: 'unknown', error: errorLine(error), leaseEndsBy }
      await clock.sleep(retryDelay(attempt, deadline))
      if (deadline.passed()) return { released: 'unknown', error: errorLine(error), leaseEndsBy }
    }
  }
}

const RETRY_WITHOUT_OUTCOME = Symbol('retry without outcome')

async function releaseOnce(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  outcome: DeployOutcome | undefined,
  options: CallOptions
): Promise<ReleaseResult> {
  const now = clock.now()
  const values: Record<string, unknown> = {
    ':owner': lease.owner,
    ':false': false,
    ':true': true,
    ':now': now
  }
  let update = 'SET #released = :true, #releasedAt = :now'
  let condition = OWNED
  if (outcome) {
    // The deploy outcome is written only onto our own deploy record, never over a newer one.
    update += ', #lastDeploy.#status = :status, #lastDeploy.#finishedAt = :now'
    values[':status'] = outcome.status
    values[':fence'] = lease.fence
    condition += ' AND #lastDeploy.#fence = :fence'
    if (lease.scope) {
      update += ', #deploys.#scope.#status = :status, #deploys.#scope.#finishedAt = :now'
      condition += ' AND #deploys.#scope.#fence = :fence'
    }
  }
  try {
    await table.update(lease.key, { update, condition, values, names: scopeName(lease) }, options)
    return { released: true, alreadyReleased: false }
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error
    const current = error.current
    // Released under our token: by our own earlier attempt whose reply was lost — unless it was forced open.
    const forcedOpen = current?.forced !== undefined && current.forced.fence === lease.fence
    if (current && current.owner === lease.owner && current.released && !forcedOpen)
      return { released: true, alreadyReleased: true }
    // Ours, but the deploy never began (refused before it started): release without recording an outcome.
    if (outcome && current && ownedBy(current, lease)) throw RETRY_WITHOUT_OUTCOME
    return { released: false, ...(current ? { current } : {}) }
  }
}

/**
 * The fencing check CloudFormation cannot do: before the deploy starts, record this lease's fence as the latest
 * deploy, conditioned on it being higher than any recorded before, so a paused or stale run never deploys over a
 * newer one. The deploy is also recorded under the lease's scope (its stack), which out-of-order protection reads.
 *
 * @throws LockLostError when the lock is no longer ours or a newer fence already deployed
 */
export async function beginDeploy(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  options: CallOptions = {}
): Promise<LastDeploy> {
  const deploy: LastDeploy = {
    fence: lease.fence,
    status: 'started',
    startedAt: clock.now(),
    identity: lease.holder.identity,
    ...pick(lease.holder, ['repository', 'workflow', 'runNumber', 'runUrl', 'sha'])
  }
  const scope = lease.scope ?? lease.key
  // We hold the lock, so the map read at acquisition is current: write it whole (a nested path needs the map).
  const deploys = { ...lease.previousDeploys, [scope]: deploy }
  try {
    await table.update(
      lease.key,
      {
        update: 'SET #lastDeploy = :deploy, #lastDeployFence = :fence, #deploys = :deploys',
        condition: `${OWNED} AND (attribute_not_exists(#lastDeployFence) OR #lastDeployFence < :fence)`,
        values: {
          ':deploy': deploy,
          ':fence': lease.fence,
          ':owner': lease.owner,
          ':false': false,
          ':deploys': deploys
        }
      },
      options
    )
    return deploy
  } catch (error) {
    if (error instanceof ConditionFailed) throw lost(lease, error.current)
    if (!isUnanswered(error)) throw error
    const current = await table.read(lease.key, options).catch(() => undefined)
    if (current && ownedBy(current, lease) && current.lastDeployFence === lease.fence) return deploy
    throw error
  }
}

function ownedBy(record: LockRecord, lease: Lease): boolean {
  return record.owner === lease.owner && !record.released && record.fence === lease.fence
}

function scopeName(lease: Lease): Record<string, string> | undefined {
  return lease.scope ? { '#scope': lease.scope } : undefined
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {}
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key]
  return out
}
