import { formatDuration } from '../duration.js'
import { DeployGuardError } from '../errors.js'
import type { LockHolder, LockRecord } from './types.js'

/** One line naming a holder for people: the run link when there is one, else its identity. */
export function describeHolder(holder: LockHolder): string {
  const who = holder.actor ? `${holder.actor} ` : ''
  const where = holder.runUrl ?? holder.identity
  const why = holder.reason ? ` (reason: ${holder.reason})` : ''
  return `${who}${where}${why}`.trim()
}

/** The lock was not granted: exit code 3. */
export class LockNotGrantedError extends DeployGuardError {
  override readonly exitCode: number = 3
}

export class LockWaitTimeoutError extends LockNotGrantedError {
  constructor(
    readonly key: string,
    readonly holderRecord: LockRecord | undefined,
    waitedMs: number,
    now: number
  ) {
    const holder = holderRecord
      ? `It is held by ${describeHolder(holderRecord.holder)} since ${new Date(holderRecord.acquiredAt).toISOString()}` +
        ` (lease expires in ${formatDuration(holderRecord.leaseExpiresAt - now)}).`
      : 'Its holder could not be read.'
    super(
      `Timed out after ${formatDuration(waitedMs)} waiting for lock ${key}. ${holder} ` +
        'Raise wait-timeout to wait longer, or check `deploy-guard status` if the holder looks stuck.'
    )
  }
}

export class LockFrozenError extends LockNotGrantedError {
  constructor(readonly record: LockRecord) {
    super(
      `Deploys to ${record.key} are frozen until ${new Date(record.leaseExpiresAt).toISOString()} by ` +
        `${describeHolder({ ...record.holder, reason: undefined })}: ${record.holder.reason ?? 'no reason given'}. ` +
        'Wait for the freeze to end (set wait-on-freeze to wait), or lift it with `deploy-guard unfreeze`.'
    )
  }
}

export class OutOfOrderError extends LockNotGrantedError {}

/** This process no longer holds a lock it thought it held (its lease was taken over or force-released). */
export class LockLostError extends DeployGuardError {
  constructor(
    readonly key: string,
    readonly current: LockRecord | undefined
  ) {
    const now = current
      ? current.released
        ? current.forced
          ? `it was force-released by ${current.forced.by}: ${current.forced.reason}`
          : 'it was released'
        : `it is now held by ${describeHolder(current.holder)} (fence ${current.fence})`
      : 'its item is gone'
    super(`Lost lock ${key}: ${now}. The lease expired before a heartbeat renewed it.`)
  }
}
