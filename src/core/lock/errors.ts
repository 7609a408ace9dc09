import { formatDuration } from '../duration.js'
import { DeployGuardError } from '../errors.js'
import { isDraining, type LockHolder, type LockRecord } from './types.js'
import type { MalformedLock } from './validate.js'

/** One line naming a holder for people: the run link when there is one, else its identity. */
export function describeHolder(holder: LockHolder): string {
  const who = holder.actor ? `${holder.actor} ` : ''
  const where = holder.runUrl ?? holder.identity
  const why = holder.reason ? ` (reason: ${holder.reason})` : ''
  return `${who}${where}${why}`.trim()
}

/**
 * A draining lock for people (see `isDraining`): "force-released by bob@ops-box at … (reason: …) while held by …;
 * free from … (once that run's command has stopped)". Waiters that started watching later wait the drain themselves.
 */
export function describeDrain(record: LockRecord): string {
  const forced = record.forced!
  return (
    `force-released by ${forced.by} at ${new Date(forced.at).toISOString()} (reason: ${forced.reason}) while held by ` +
    `${describeHolder(record.holder)}; draining until ${new Date(record.leaseExpiresAt).toISOString()} so that ` +
    `run's command has stopped before the next one starts (a waiter takes it after watching it for ` +
    `${formatDuration(record.leaseMs)})`
  )
}

/** The lock was not granted: exit code 3. */
export class LockNotGrantedError extends DeployGuardError {
  override readonly exitCode: number = 3
}

export interface WaitTimeoutContext {
  /** The holder's state as last read, or undefined when it could not be read. */
  holderRecord: LockRecord | undefined
  waitedMs: number
  /** Wall clock now (epoch ms). */
  now: number
  /** The lease this waiter would have needed to observe as silence before a takeover (ms). */
  observedSilenceMs?: number
  /** The last error reading the item, when the latest attempt to read it failed. */
  unreadable?: unknown
  /** How many other runs were queued for the lock (live tickets). */
  queued?: number
}

export class LockWaitTimeoutError extends LockNotGrantedError {
  readonly holderRecord: LockRecord | undefined
  constructor(
    readonly key: string,
    context: WaitTimeoutContext
  ) {
    const queued = context.queued ? ` ${context.queued} other run(s) were queued for it.` : ''
    super(
      `Timed out after ${formatDuration(context.waitedMs)} waiting for lock ${key}. ${explainWait(context)}${queued}`
    )
    this.holderRecord = context.holderRecord
  }
}

/**
 * Why the wait ended without the lock, and what to do. A lease that already expired is not "expires in 0ms": a
 * takeover needs one full lease of silence observed by the waiter itself (DESIGN §3, clock skew), so a wait-timeout
 * shorter than the lease can never take over a dead holder's lock.
 */
function explainWait(context: WaitTimeoutContext): string {
  const { holderRecord: record, now, waitedMs } = context
  if (!record) {
    const why = context.unreadable ? ` (${errorText(context.unreadable)})` : ''
    return (
      `Its state could not be read${why}, so whether it is free is unknown. ` +
      'Check that DynamoDB is reachable (region, endpoint, network), then retry or raise wait-timeout.'
    )
  }
  if (record.released)
    return (
      'It is free, but other runs are queued for it and are served first (first come, first served). ' +
      'Raise wait-timeout to take a place in the queue.'
    )
  const unreadable = context.unreadable
    ? ` The last attempt to read it failed (${errorText(context.unreadable)}); this is the state read before.`
    : ''
  if (isDraining(record))
    return (
      `It was ${describeDrain(record)}.${unreadable} Raise wait-timeout above ${formatDuration(record.leaseMs)} ` +
      'to take it after the drain.'
    )
  const holder = `It is held by ${describeHolder(record.holder)} since ${new Date(record.acquiredAt).toISOString()}`
  if (record.leaseExpiresAt > now) {
    return (
      `${holder} (lease expires in ${formatDuration(record.leaseExpiresAt - now)}, last heartbeat ` +
      `${formatDuration(now - record.heartbeatAt)} ago).${unreadable} ` +
      'Raise wait-timeout to wait longer, or check `deploy-guard status` if the holder looks stuck.'
    )
  }
  const silence = context.observedSilenceMs ?? record.leaseMs
  const rule =
    `Its lease expired ${formatDuration(now - record.leaseExpiresAt)} ago (last heartbeat ` +
    `${new Date(record.heartbeatAt).toISOString()}), but a takeover needs one lease (${formatDuration(silence)}) ` +
    'of silence observed by the waiter itself, so a skewed clock can never steal a live lock.'
  const advice =
    waitedMs < silence
      ? ` This wait (${formatDuration(waitedMs)}) is shorter than the lease, so it could never take over: set ` +
        `wait-timeout above ${formatDuration(silence)}, or, if the holder is gone for good, ` +
        '`deploy-guard unlock --force --reason "…"`.'
      : ' If the holder is gone for good, `deploy-guard unlock --force --reason "…"` frees it (at once when its ' +
        'lease ended more than the command stop window ago, else after that window).'
  return `${holder}. ${rule}${unreadable}${advice}`
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A freeze for people: `until <ISO time> by <who>: <reason>`. */
export function describeFreeze(record: LockRecord): string {
  return (
    `until ${new Date(record.leaseExpiresAt).toISOString()} by ` +
    `${describeHolder({ ...record.holder, reason: undefined })}: ${record.holder.reason ?? 'no reason given'}`
  )
}

export class LockFrozenError extends LockNotGrantedError {
  constructor(readonly record: LockRecord) {
    super(
      `Deploys to ${record.key} are frozen ${describeFreeze(record)}. ` +
        'Wait for the freeze to end (set wait-on-freeze to wait), or lift it with `deploy-guard unfreeze`.'
    )
  }
}

export class OutOfOrderError extends LockNotGrantedError {}

export type LockLossCause =
  /** The item says so: taken over, force-released, recreated. */
  | { kind: 'taken'; current: LockRecord | undefined }
  /** No renewal was confirmed for lease minus the safety margin: the lock may be taken over any moment. */
  | { kind: 'unconfirmed'; sinceMs: number; lastError?: unknown }

/** This process no longer holds a lock it thought it held. */
export class LockLostError extends DeployGuardError {
  readonly current: LockRecord | undefined
  constructor(
    readonly key: string,
    readonly loss: LockLossCause,
    readonly fence?: number
  ) {
    super(`Lost lock ${key}: ${describeLoss(loss, fence)}`)
    this.current = loss.kind === 'taken' ? loss.current : undefined
  }
}

function describeLoss(loss: LockLossCause, fence: number | undefined): string {
  if (loss.kind === 'unconfirmed') {
    const why = loss.lastError ? ` (last error: ${errorText(loss.lastError)})` : ''
    return (
      `no renewal was confirmed for ${formatDuration(loss.sinceMs)}${why}, so another run may take it over as ` +
      'soon as the lease ends. The guarded command is stopped.'
    )
  }
  const current = loss.current
  if (!current) return 'its item is gone (the table was emptied or recreated).'
  if (fence !== undefined && current.fence < fence)
    return (
      `the item's fence ${current.fence} is lower than this holder's ${fence}: the lock table was emptied or ` +
      'recreated, so fences may be handed out again.'
    )
  if (current.forced && (fence === undefined || current.forced.fence === fence) && current.released)
    return `it was force-released by ${current.forced.by}: ${current.forced.reason}.`
  if (isDraining(current) && (fence === undefined || current.fence === fence))
    return (
      `it was force-released by ${current.forced!.by}: ${current.forced!.reason}. The guarded command is stopped; ` +
      `the next run may take the lock from ${new Date(current.leaseExpiresAt).toISOString()}.`
    )
  if (current.released) return 'it was released.'
  return `it is now held by ${describeHolder(current.holder)} (fence ${current.fence}); the lease expired before a heartbeat renewed it.`
}

/** A lock item that is not what deploy-guard writes: `run` refuses it, `unlock --force --reason` clears it. */
export class MalformedLockError extends LockNotGrantedError {
  constructor(readonly malformed: MalformedLock) {
    super(
      `Lock ${malformed.key} is malformed: ${malformed.problems.join('; ')}. deploy-guard does not guess what such ` +
        'an item means. Clear it with `deploy-guard unlock --key ' +
        `${malformed.key} --force --reason "…"\` (it is rewritten as released, fence ${malformed.highestFence + 1}).`
    )
  }
}

/**
 * The lock's state could not be read within the deadline: whether it is held, or ours, is unknown. Thrown by the
 * admin paths (status, unlock), where it is a plain failure (exit 1); an acquisition that cannot read the item ends
 * as a LockWaitTimeoutError (exit 3) instead.
 */
export class LockStateUnknownError extends DeployGuardError {}
