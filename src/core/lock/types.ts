/** The lock's domain: what a lock item says, converted from DynamoDB's attribute maps in `table.ts` only. */

export type LockKind = 'deploy' | 'freeze'

/** Who holds a lock: shown to waiters, and `identity` decides who may release it without `--force`. */
export interface LockHolder {
  /** Stable identity of the holder: a GitHub run's job, or `user@host` for a person's CLI. */
  identity: string
  actor?: string
  repository?: string
  workflow?: string
  runId?: string
  runNumber?: number
  runAttempt?: number
  runUrl?: string
  job?: string
  sha?: string
  ref?: string
  host?: string
  reason?: string
}

export type DeployStatus = 'started' | 'succeeded' | 'failed' | 'cancelled' | 'unknown'

/** The latest deploy that began under this lock: what out-of-order protection compares against. */
export interface LastDeploy {
  fence: number
  status: DeployStatus
  startedAt: number
  finishedAt?: number
  identity: string
  repository?: string
  workflow?: string
  runNumber?: number
  runUrl?: string
  sha?: string
}

export interface ForcedRelease {
  by: string
  reason: string
  at: number
  previousHolder: string
  fence: number
}

export interface LockRecord {
  key: string
  kind: LockKind
  /** Random token of one acquisition; never shared, so two acquisitions by one person still exclude each other. */
  owner: string
  /** Incremented by every acquisition and never reset: items are marked released, never deleted. */
  fence: number
  leaseMs: number
  leaseExpiresAt: number
  heartbeatAt: number
  acquiredAt: number
  released: boolean
  releasedAt?: number
  releasedBy?: string
  holder: LockHolder
  /** The latest deploy under this lock, of any stack (shown by `status`). */
  lastDeploy?: LastDeploy
  /**
   * The latest deploy per stack (or per key for lock-only use): out-of-order protection compares a run with its own
   * stack's history, so one custom key shared by several stacks does not refuse StackBeta because of StackAlpha.
   */
  deploys?: Record<string, LastDeploy>
  lastDeployFence?: number
  forced?: ForcedRelease
  /** Waiters' tickets by ticket id: who may try next (issue 12). Absent when nobody ever queued. */
  queue?: Record<string, QueueTicket>
  /** The last ticket number handed out. */
  ticketSeq?: number
}

/** A waiter's place in the queue, kept in the lock item; it loses its place after one lease without a heartbeat. */
export interface QueueTicket {
  /** Served in increasing order; handed out by a conditional write on `ticketSeq`, so never twice. */
  number: number
  /** Wall time of the waiter's last ticket heartbeat (epoch ms); changes on every heartbeat. */
  heartbeatAt: number
  /** When the waiter took the ticket (epoch ms). */
  since: number
  /** The waiter's lease: its ticket is dead after this long without a heartbeat. */
  leaseMs?: number
  holder: LockHolder
}

/** A lock this process holds. */
export interface Lease {
  key: string
  kind: LockKind
  owner: string
  fence: number
  leaseMs: number
  acquiredAt: number
  holder: LockHolder
  waitedMs: number
  /** Whose deploy history out-of-order protection uses: the stack name, or the key for lock-only use. */
  scope?: string
  /** The deploy recorded before this acquisition for this `scope` (for out-of-order protection). */
  previousDeploy?: LastDeploy
  /** Every stack's latest deploy at acquisition: rewritten, with this one's, when the deploy begins. */
  previousDeploys?: Record<string, LastDeploy>
  /** Set when this acquisition took over an expired lease: whose. */
  tookOverFrom?: LockHolder
  /** Set when the lock taken over was draining after a forced release (`isDraining`): that release. */
  drainedAfter?: ForcedRelease
  /** The queue ticket this acquisition was served on, when it waited in the queue. */
  ticket?: number
}

export function isFreezeActive(record: LockRecord, now: number): boolean {
  return record.kind === 'freeze' && !record.released && record.leaseExpiresAt > now
}

export function isHeld(record: LockRecord, now: number): boolean {
  return !record.released && record.leaseExpiresAt > now
}

/**
 * A deploy lock force-released while its holder may still run (`unlock --force`): it keeps the forced acquisition's
 * fence under an owner token nobody holds, so the old holder's renewals fail, and its lease is the drain
 * (`drainAfterForceMs`): waiters take it over by the ordinary rule, after watching it unchanged for that long. The
 * next acquisition increments the fence, which ends the state.
 */
export function isDraining(record: LockRecord): boolean {
  return (
    record.kind === 'deploy' &&
    !record.released &&
    record.forced !== undefined &&
    record.forced.fence === record.fence
  )
}
