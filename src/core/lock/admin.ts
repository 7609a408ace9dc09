import type { Clock } from '../clock.js'
import { InputError } from '../errors.js'
import { newOwnerToken } from './acquire.js'
import { deadlineIn, retryUntil } from './deadline.js'
import { describeHolder } from './errors.js'
import { drainAfterForceMs } from './drain.js'
import { ConditionFailed, type LockTable } from './table.js'
import { isDraining, isFreezeActive, isHeld, type LockHolder, type LockRecord } from './types.js'
import type { LockEntry, MalformedLock } from './validate.js'

export type UnlockResult =
  | { outcome: 'released'; record: LockRecord }
  /**
   * Force-released while its holder may still run: the holder's renewals fail from now on, so it stops its command,
   * and waiters may take the lock from `record.leaseExpiresAt` (after watching it for `record.leaseMs`, the drain).
   * `previous` is the lock as it was before (the holder whose command is being stopped).
   */
  | { outcome: 'draining'; record: LockRecord; previous: LockRecord }
  | { outcome: 'not-held'; record?: LockRecord }
  /** A malformed item rewritten as released, its fence restarted above every number it held. */
  | { outcome: 'cleared'; record: LockRecord; malformed: MalformedLock }

export interface UnlockOptions {
  key: string
  /** Who asks: a plain unlock only releases a lock held under this identity. */
  requester: LockHolder
  /** Release someone else's lock (like `terraform force-unlock`); needs a reason, recorded on the item. */
  force?: { reason: string }
  /** How the caller's edge forces a release, for the refusal: the CLI's flags by default, the action's inputs. */
  howToForce?: string
  /** Lift a freeze instead of a deploy lock. */
  kind?: 'deploy' | 'freeze'
  /** The whole unlock, retries included (ms); 20 s by default. */
  deadlineMs?: number
  signal?: AbortSignal
}

/**
 * Releases a lock without its owner token: a person's own lock (same identity), or anyone's with `force`.
 * Conditional on the fence and owner read just before, so it can never release a newer acquisition than the one it
 * judged.
 *
 * A forced release of a deploy lock whose holder may still run does not free it: it drains (issue 13 §3, the guarded
 * command never outlives its lock). The item gets an owner token nobody holds — the holder's next renewal fails, it
 * says it was force-released and stops its command — and a lease as long as `drainAfterForceMs` (the holder's
 * give-up time plus the command's stop window), with a fresh heartbeat; waiters take it over by the ordinary rule
 * once they have watched it unchanged for that lease. A dead holder's long-expired lease is released at once. A lock
 * already draining is left as it is (`draining`) until its drain ends.
 * A malformed item (issue 13 §4) is cleared only with `force`: rewritten as released with a fence above any number
 * it held, conditioned on the `fence` attribute still being what was read.
 *
 * @throws InputError (someone else's lock without force, a malformed item without force), LockStateUnknownError
 *   (no answer from DynamoDB within the deadline)
 */
export async function unlock(table: LockTable, clock: Clock, options: UnlockOptions): Promise<UnlockResult> {
  const deadline = deadlineIn(clock, options.deadlineMs ?? 20_000)
  const entry = await retryUntil(
    clock,
    deadline,
    `read lock ${options.key}`,
    call => table.inspect(options.key, call),
    options.signal
  )
  if (entry && 'malformed' in entry) return clearMalformed(table, clock, options, entry.malformed, deadline)
  const record = entry?.record
  const wanted = options.kind ?? 'deploy'
  if (!record || record.released || record.kind !== wanted)
    return { outcome: 'not-held', ...(record ? { record } : {}) }
  const mine = record.holder.identity === options.requester.identity
  // Lifting a freeze is a team decision, not the freezer's alone; it is recorded like a forced release.
  if (!mine && !options.force && wanted === 'deploy') {
    throw new InputError(
      `Lock ${options.key} is held by ${describeHolder(record.holder)}, not by you (${options.requester.identity}). ` +
        `To release someone else's lock, ${options.howToForce ?? 'add --force --reason "why"'} (the reason is recorded on the lock).`
    )
  }
  const now = clock.now()
  const forced = !mine || options.force !== undefined
  if (isDraining(record) && record.leaseExpiresAt > now)
    return { outcome: 'draining', record, previous: record }
  const drainMs = forced && !isDraining(record) ? drainAfterForceMs(record, now) : 0
  const values: Record<string, unknown> = {
    ':fence': record.fence,
    ':owner': record.owner,
    ':false': false
  }
  let update: string
  if (drainMs > 0) {
    update =
      'SET #owner = :drainOwner, #leaseMs = :drainMs, #leaseExpiresAt = :freeAt, #heartbeatAt = :heartbeat, ' +
      '#forced = :forced'
    values[':drainOwner'] = `force-released-${newOwnerToken()}`
    values[':drainMs'] = drainMs
    values[':freeAt'] = now + drainMs
    // Always a new heartbeat: a waiter that judged the old one silent must not take over on it.
    values[':heartbeat'] = Math.max(now, record.heartbeatAt + 1)
  } else {
    update = 'SET #released = :true, #releasedAt = :now, #releasedBy = :by'
    values[':true'] = true
    values[':now'] = now
    values[':by'] = options.requester.identity
    if (forced) update += ', #forced = :forced'
  }
  if (forced) {
    values[':forced'] = {
      by: options.requester.identity,
      reason: options.force?.reason ?? options.requester.reason ?? 'no reason given',
      at: now,
      previousHolder: record.holder.identity,
      fence: record.fence
    }
  }
  try {
    const written = await retryUntil(
      clock,
      deadline,
      `release lock ${options.key}`,
      call =>
        table.update(
          options.key,
          { update, condition: '#fence = :fence AND #owner = :owner AND #released = :false', values },
          call
        ),
      options.signal
    )
    return drainMs > 0
      ? { outcome: 'draining', record: written, previous: record }
      : { outcome: 'released', record: written }
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error
    const current = error.current
    // Our own drain write, applied by an attempt whose reply was lost (retryUntil retried it): report it as such.
    if (current && isDraining(current) && current.forced!.at === now && current.fence === record.fence)
      return { outcome: 'draining', record: current, previous: record }
    return { outcome: 'not-held', ...(current ? { record: current } : {}) }
  }
}

async function clearMalformed(
  table: LockTable,
  clock: Clock,
  options: UnlockOptions,
  malformed: MalformedLock,
  deadline: ReturnType<typeof deadlineIn>
): Promise<UnlockResult> {
  if (!options.force) {
    throw new InputError(
      `Lock ${options.key} is malformed (${malformed.problems.join('; ')}), so whose it is cannot be told. ` +
        'Clear it with --force --reason "why": it is rewritten as released and the reason is recorded.'
    )
  }
  const now = clock.now()
  const fence = malformed.highestFence + 1
  const values: Record<string, unknown> = {
    ':kind': 'deploy',
    ':owner': `cleared-by-${options.requester.identity}`,
    ':fence': fence,
    ':zero': 0,
    ':now': now,
    ':true': true,
    ':by': options.requester.identity,
    ':holder': { identity: 'unknown (malformed item)' },
    ':forced': {
      by: options.requester.identity,
      reason: options.force.reason,
      at: now,
      previousHolder: `malformed item: ${malformed.problems.join('; ')}`,
      fence
    }
  }
  // Only the item that was judged: its fence attribute must still be exactly what was read (or still missing).
  let condition = 'attribute_exists(#key) AND attribute_not_exists(#fence)'
  if (malformed.storedFence !== undefined) {
    condition = '#fence = :storedFence'
    values[':storedFence'] = malformed.storedFence
  }
  const entry: LockEntry = await retryUntil(
    clock,
    deadline,
    `clear malformed lock ${options.key}`,
    call =>
      table.updateEntry(
        options.key,
        {
          update:
            'SET #kind = :kind, #owner = :owner, #fence = :fence, #leaseMs = :zero, #leaseExpiresAt = :now, ' +
            '#heartbeatAt = :now, #acquiredAt = :now, #released = :true, #releasedAt = :now, #releasedBy = :by, ' +
            '#holder = :holder, #forced = :forced, #lastDeployFence = :fence REMOVE #lastDeploy, #deploys, #queue',
          condition,
          values
        },
        call
      ),
    options.signal
  )
  if ('malformed' in entry) {
    throw new InputError(
      `Lock ${options.key} is still malformed after the clean-up (${entry.malformed.problems.join('; ')}); ` +
        'fix or delete the item by hand.'
    )
  }
  return { outcome: 'cleared', record: entry.record, malformed }
}

/** `draining`: force-released, free for waiters once its drain (its lease) has passed. */
export type LockState = 'held' | 'draining' | 'expired' | 'free' | 'frozen'

export type LockStatus =
  | { key: string; state: LockState; record: LockRecord }
  | { key: string; state: 'malformed'; malformed: MalformedLock }

export function lockState(record: LockRecord, now: number): LockState {
  if (isFreezeActive(record, now)) return 'frozen'
  if (record.released) return 'free'
  if (isDraining(record) && isHeld(record, now)) return 'draining'
  return isHeld(record, now) ? 'held' : 'expired'
}

/**
 * Every lock in the table, or just `key`; freezes are told apart from deploy locks by `state`, and items that are
 * not what deploy-guard writes are listed as `malformed` with what is wrong.
 *
 * @throws LockStateUnknownError when DynamoDB gives no answer within `deadlineMs` (20 s by default)
 */
export async function readStatus(
  table: LockTable,
  clock: Clock,
  key?: string,
  deadlineMs = 20_000
): Promise<LockStatus[]> {
  const deadline = deadlineIn(clock, deadlineMs)
  const entries = key
    ? [await retryUntil(clock, deadline, `read lock ${key}`, call => table.inspect(key, call))].filter(
        (entry): entry is LockEntry => entry !== undefined
      )
    : await retryUntil(clock, deadline, 'list the locks', call => table.list(call))
  const now = clock.now()
  return entries.map(entry =>
    'malformed' in entry
      ? { key: entry.malformed.key, state: 'malformed' as const, malformed: entry.malformed }
      : { key: entry.record.key, state: lockState(entry.record, now), record: entry.record }
  )
}
