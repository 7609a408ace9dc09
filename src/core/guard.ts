import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { describeWait, type Log } from './log.js'
import {
  acquireAll,
  beginDeploy,
  describeHolder,
  findOutOfOrder,
  type Heartbeat,
  type Lease,
  type LockHolder,
  type LockTable,
  OutOfOrderError,
  releaseLease,
  startHeartbeat,
  type DeployStatus
} from './lock/index.js'
import type { LockSettings } from './settings.js'

export interface GuardDeps {
  table: LockTable
  clock: Clock
  log: Log
  /** `git merge-base --is-ancestor` where a checkout is at hand; undefined when it cannot tell. */
  isAncestor?: (olderSha: string, newerSha: string) => Promise<boolean | undefined>
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
  settings: Pick<LockSettings, 'leaseMs' | 'waitTimeoutMs' | 'outOfOrder' | 'waitOnFreeze'>,
  signal?: AbortSignal
): Promise<TakenLocks> {
  const started = deps.clock.monotonic()
  const leases = await acquireAll({ table: deps.table, clock: deps.clock }, keys, {
    holder,
    leaseMs: settings.leaseMs,
    waitTimeoutMs: settings.waitTimeoutMs,
    waitOnFreeze: settings.waitOnFreeze,
    ...(signal ? { signal } : {}),
    onWait: progress => deps.log.info(describeWait(progress))
  })
  const waitedMs = deps.clock.monotonic() - started
  try {
    for (const lease of leases) {
      const took = lease.tookOverFrom
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
    for (const lease of leases) await beginDeploy(deps.table, lease, deps.clock)
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

/** Releases every lease, recording how the deploy ended; a lease that was lost is reported, never retried. */
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
    if (result?.released) deps.log.info(`Released lock ${lease.key}.`)
    else {
      allReleased = false
      if (result) {
        const now = result.current ? ` It is now held by ${describeHolder(result.current.holder)}.` : ''
        deps.log.warn(
          `Lock ${lease.key} was no longer ours to release: it had been taken over or force-released.${now}`
        )
      }
    }
  }
  return allReleased
}

export interface GuardedRun {
  exitCode: number
  status: DeployStatus
  leases: Lease[]
  waitedMs: number
  heldMs: number
  lockLost: boolean
}

/**
 * The full guard around a deploy command: lock → run → release. The command is injected (a child process at the
 * edges), so the same sequence runs in the action, the CLI and the tests. Cancellation (`signal`) is passed to
 * the command; the locks are released whatever happens.
 */
export async function runGuarded(
  deps: GuardDeps,
  keys: string[],
  holder: LockHolder,
  settings: Pick<LockSettings, 'leaseMs' | 'waitTimeoutMs' | 'outOfOrder' | 'waitOnFreeze'>,
  runCommand: () => Promise<number>,
  signal?: AbortSignal,
  onLocked?: (leases: Lease[], waitedMs: number) => void
): Promise<GuardedRun> {
  const { leases, waitedMs } = await takeDeployLocks(deps, keys, holder, settings, signal)
  onLocked?.(leases, waitedMs)
  const heldSince = deps.clock.monotonic()
  let lockLost = false
  const heartbeats = keepAlive(deps, leases, () => (lockLost = true))
  let exitCode = 1
  let status: DeployStatus = 'failed'
  try {
    exitCode = await runCommand()
    status = signal?.aborted ? 'cancelled' : exitCode === 0 ? 'succeeded' : 'failed'
  } finally {
    await Promise.all(heartbeats.map(heartbeat => heartbeat.stop()))
    await releaseAll(deps, leases, status)
  }
  return { exitCode, status, leases, waitedMs, heldMs: deps.clock.monotonic() - heldSince, lockLost }
}
