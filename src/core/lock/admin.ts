import type { Clock } from '../clock.js'
import { InputError } from '../errors.js'
import { describeHolder } from './errors.js'
import { ConditionFailed, type LockTable } from './table.js'
import { isFreezeActive, isHeld, type LockHolder, type LockRecord } from './types.js'

export type UnlockResult =
  { outcome: 'released'; record: LockRecord } | { outcome: 'not-held'; record?: LockRecord }

export interface UnlockOptions {
  key: string
  /** Who asks: a plain unlock only releases a lock held under this identity. */
  requester: LockHolder
  /** Release someone else's lock (like `terraform force-unlock`); needs a reason, recorded on the item. */
  force?: { reason: string }
  /** Lift a freeze instead of a deploy lock. */
  kind?: 'deploy' | 'freeze'
}

/**
 * Releases a lock without its owner token: a person's own lock (same identity), or anyone's with `force`.
 * Conditional on the fence read just before, so it can never release a newer acquisition than the one it judged.
 */
export async function unlock(table: LockTable, clock: Clock, options: UnlockOptions): Promise<UnlockResult> {
  const record = await table.read(options.key)
  const wanted = options.kind ?? 'deploy'
  if (!record || record.released || record.kind !== wanted)
    return { outcome: 'not-held', ...(record ? { record } : {}) }
  const mine = record.holder.identity === options.requester.identity
  // Lifting a freeze is a team decision, not the freezer's alone; it is recorded like a forced release.
  if (!mine && !options.force && wanted === 'deploy') {
    throw new InputError(
      `Lock ${options.key} is held by ${describeHolder(record.holder)}, not by you (${options.requester.identity}). ` +
        'To release someone else\'s lock, add --force --reason "why" (the reason is recorded on the lock).'
    )
  }
  const now = clock.now()
  const values: Record<string, unknown> = {
    ':fence': record.fence,
    ':false': false,
    ':true': true,
    ':now': now,
    ':by': options.requester.identity
  }
  let update = 'SET #released = :true, #releasedAt = :now, #releasedBy = :by'
  if (!mine || options.force) {
    update += ', #forced = :forced'
    values[':forced'] = {
      by: options.requester.identity,
      reason: options.force?.reason ?? options.requester.reason ?? 'no reason given',
      at: now,
      previousHolder: record.holder.identity,
      fence: record.fence
    }
  }
  try {
    const released = await table.update(options.key, {
      update,
      condition: '#fence = :fence AND #released = :false',
      values
    })
    return { outcome: 'released', record: released }
  } catch (error) {
    if (error instanceof ConditionFailed)
      return { outcome: 'not-held', ...(error.current ? { record: error.current } : {}) }
    throw error
  }
}

export type LockState = 'held' | 'expired' | 'free' | 'frozen'

export interface LockStatus {
  record: LockRecord
  state: LockState
}

export function lockState(record: LockRecord, now: number): LockState {
  if (isFreezeActive(record, now)) return 'frozen'
  if (record.released) return 'free'
  return isHeld(record, now) ? 'held' : 'expired'
}

/** Every lock in the table, or just `key`; freezes are told apart from deploy locks by `state`. */
export async function readStatus(table: LockTable, clock: Clock, key?: string): Promise<LockStatus[]> {
  const records = key
    ? [await table.read(key)].filter((r): r is LockRecord => r !== undefined)
    : await table.list()
  const now = clock.now()
  return records.map(record => ({ record, state: lockState(record, now) }))
}
