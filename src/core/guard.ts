import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { describeWait, type Log } from './log.js'
import {
  acquireAll,
  beginDeploy,
  describeHolder,
  isDraining,
  findOutOfOrder,
  type Heartbeat,
  type Lease,
  type LockHolder,
  type LockTable,
  OutOfOrderError,
  releaseLease,
  requestSignal,
  startHeartbeat,
  type DeployStatus,
  type ReleaseResult
} from './lock/index.js'
import { stackNameOf, type LockSettings } from './settings.js'

export interface GuardDeps {
  table: LockTable
  clock: Clock
  log: Log
  /** `git merge-base --is-ancestor` where a checkout is at hand; undefined when it cannot tell. */
  isAncestor?: (olderSha: string, newerSha: string) => Promise<boolean | undefined>
}

export type GuardSettings = Pick<
  LockSettings,
  'leaseMs' | 'waitTimeoutMs' | 'outOfOrder' | 'waitOnFreeze' | 'stacks' | 'lockKey'
> &
  Partial<Pick<LockSettings, 'queue'>>

/**
 * Whose deploy history a lock key's out-of-order check reads (issue 13 §5): the stack's own, also when one custom
 * key serializes several stacks; the key's for lock-only use (no stack).
 */
export function deployScope(settings: Pick<LockSettings, 'stacks' | 'lockKey'>, key: string): string {
  const [stack] = settings.stacks
  return settings.lockKey && stack && settings.stacks.length === 1 ? stackNameOf(stack) : key
}

export interface TakenLocks {
  leases: Lease[]
  waitedMs: number
}

/**
 * Takes every lock for a deploy: waits (printing who holds it), applies out-of-order protection, and records the
 * fence of the deploy about to start. A lock taken is never leaked: any refusal releases what was taken.
 */
export async function takeDeployLocks(
  deps: GuardDeps,
  keys: string[],
  holder: LockHolder,
  settings: GuardSettings,
  signal?: AbortSignal
): Promise<TakenLocks> {
  const started = deps.clock.monotonic()
  const leases = await acquireAll({ table: deps.table, clock: deps.clock }, keys, {
    holder,
    scopes: Object.fromEntries(keys.map(key => [key, deployScope(settings, key)])),
    leaseMs: settings.leaseMs,
    waitTimeoutMs: settings.waitTimeoutMs,
    waitOnFreeze: settings.waitOnFreeze,
    ...(settings.queue ? { queue: settings.queue } : {}),
    ...(signal ? { signal } : {}),
    onWait: progress => deps.log.info(describeWait(progress))
  })
  const waitedMs = deps.clock.monotonic() - started
  try {
    for (const lease of leases) {
      const took = lease.drainedAfter
        ? `, after the drain of the lock of ${describeHolder(lease.tookOverFrom!)}, force-released by ` +
          `${lease.drainedAfter.by} (reason: ${lease.drainedAfter.reason})`
        : lease.tookOverFrom
          ? `, taken over from ${describeHolder(lease.tookOverFrom)} whose lease expired`
          : ''
      deps.log.info(
        `Acquired lock ${lease.key} (fence ${lease.fence}) after ${formatDuration(lease.waitedMs)}${took}.`
      )
      const outOfOrder = await findOutOfOrder(holder, lease.previousDeploy, deps.isAncestor)
      if (outOfOrder && settings.outOfOrder === 'fail') {
        throw new OutOfOrderError(
          `Refusing an out-of-order deploy of ${lease.key}: ${outOfOrder}. Deploying it now would revert a newer ` +
            'release. To deploy an older version on purpose, set out-of-order: warn (CLI: --out-of-order warn).'
        )
      }
      if (outOfOrder && settings.outOfOrder === 'warn')
        deps.log.warn(`Out-of-order deploy of ${lease.key}: ${outOfOrder}.`)
    }
    for (const lease of leases)
      await beginDeploy(deps.table, lease, deps.clock, {
        signal: requestSignal(Math.min(lease.leaseMs / 3, 20_000), signal)
      })
    return { leases, waitedMs }
  } catch (error) {
    await releaseAll(deps, leases)
    throw error
  }
}

/** One heartbeat per lease; a lost lock is loud and reported to `onLost`. */
export function keepAlive(deps: GuardDeps, leases: Lease[], onLost: (message: string) => void): Heartbeat[] {
  return leases.map(lease =>
    startHeartbeat(deps.table, lease, deps.clock, {
      onRenewalFailed: error =>
        deps.log.warn(`Heartbeat for ${lease.key} failed and will be retried: ${String(error)}`),
      onLost: error => {
        deps.log.error(error.message)
        onLost(error.message)
      }
    })
  )
}

/**
 * Releases every lease, recording how the deploy ended. Each release is bounded (RELEASE_DEADLINE_MS); an outcome
 * that could not be confirmed is said as unknown, and a lock that was no longer ours says why (force-released by
 * whom, or taken over by whom).
 */
export async function releaseAll(deps: GuardDeps, leases: Lease[], status?: DeployStatus): Promise<boolean> {
  let allReleased = true
  for (const lease of leases) {
    const result = await releaseLease(deps.table, lease, deps.clock, status ? { status } : undefined).catch(
      (error: unknown) => {
        deps.log.error(
          `Could not release lock ${lease.key}: ${String(error)}. It expires by itself after its lease.`
        )
        return undefined
      }
    )
    if (result?.released === true) deps.log.info(`Released lock ${lease.key}.`)
    else {
      allReleased = false
      if (result) deps.log.warn(describeUnreleased(lease, result))
    }
  }
  return allReleased
}

/** Why a release did not happen, in words that do not claim more than is known. */
export function describeUnreleased(lease: Lease, result: Exclude<ReleaseResult, { released: true }>): string {
  if (result.released === 'unknown')
    return (
      `Could not confirm the release of lock ${lease.key} (${result.error}): the lease ends at ` +
      `${new Date(result.leaseEndsBy).toISOString()} at the latest, when the next run may take it.`
    )
  const current = result.current
  if (current?.forced && current.forced.fence === lease.fence) {
    const now = current.released
      ? ''
      : isDraining(current)
        ? ` The next run may take it from ${new Date(current.leaseExpiresAt).toISOString()}.`
        : ` It is now held by ${describeHolder(current.holder)}.`
    return (
      `Lock ${lease.key} was not released by this run: it had been force-released by ${current.forced.by} at ` +
      `${new Date(current.forced.at).toISOString()} (reason: ${current.forced.reason}).${now}`
    )
  }
  if (!current) return `Lock ${lease.key} was not released by this run: its item is gone.`
  if (current.fence < lease.fence)
    return `Lock ${lease.key} was not released by this run: the table was emptied or recreated (fence ${current.fence} < ${lease.fence}).`
  if (current.released)
    return `Lock ${lease.key} was not released by this run: it was already released by someone else.`
  return (
    `Lock ${lease.key} was not released by this run: it was taken over by ${describeHolder(current.holder)} ` +
    `(fence ${current.fence}) after this run's lease expired.`
  )
}

export interface GuardedRun {
  exitCode: number
  status: DeployStatus
  leases: Lease[]
  waitedMs: number
  heldMs: number
  lockLost: boolean
  /** Why the lock was lost, when it was. */
  lostReason?: string
}

/**
 * The full guard around a deploy command: lock → run → release. The command is injected (a child process at the
 * edges) and given the signal to stop on: cancellation (`signal`) or the loss of a lock (issue 13 §2: the holder
 * that can no longer count on its lease stops the command before anyone may take the lock over). The locks are
 * released whatever happens.
 */
export async function runGuarded(
  deps: GuardDeps,
  keys: string[],
  holder: LockHolder,
  settings: GuardSettings,
  runCommand: (stop: AbortSignal) => Promise<number>,
  signal?: AbortSignal,
  onLocked?: (leases: Lease[], waitedMs: number) => void
): Promise<GuardedRun> {
  const { leases, waitedMs } = await takeDeployLocks(deps, keys, holder, settings, signal)
  onLocked?.(leases, waitedMs)
  const heldSince = deps.clock.monotonic()
  let lostReason: string | undefined
  const heartbeats = keepAlive(deps, leases, message => (lostReason ??= message))
  const stop = AbortSignal.any([...(signal ? [signal] : []), ...heartbeats.map(heartbeat => heartbeat.lost)])
  let exitCode = 1
  let status: DeployStatus = 'failed'
  try {
    exitCode = await runCommand(stop)
    status =
      lostReason !== undefined
        ? 'unknown'
        : signal?.aborted
          ? 'cancelled'
          : exitCode === 0
            ? 'succeeded'
            : 'failed'
  } finally {
    await Promise.all(heartbeats.map(heartbeat => heartbeat.stop()))
    await releaseAll(deps, leases, status)
  }
  return {
    exitCode,
    status,
    leases,
    waitedMs,
    heldMs: deps.clock.monotonic() - heldSince,
    lockLost: lostReason !== undefined,
    ...(lostReason !== undefined ? { lostReason } : {})
  }
}
