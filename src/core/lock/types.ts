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
  lastDeploy?: LastDeploy
  lastDeployFence?: number
  forced?: ForcedRelease
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
  /** The deploy recorded before this acquisition (for out-of-order protection). */
  previousDeploy?: LastDeploy
  /** Set when this acquisition took over an expired lease: whose. */
  tookOverFrom?: LockHolder
}

export function isFreezeActive(record: LockRecord, now: number): boolean {
  return record.kind === 'freeze' && !record.released && record.leaseExpiresAt > now
}

export function isHeld(record: LockRecord, now: number): boolean {
  return !record.released && record.leaseExpiresAt > now
}
