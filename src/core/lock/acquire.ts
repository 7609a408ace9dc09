import { randomBytes } from 'node:crypto'
import { isTransient } from '../../aws/errors.js'
import type { Clock } from '../clock.js'
import { LockFrozenError, LockNotGrantedError, LockWaitTimeoutError } from './errors.js'
import { ConditionFailed, type LockTable } from './table.js'
import { isFreezeActive, type Lease, type LockHolder, type LockKind, type LockRecord } from './types.js'

export interface LockDeps {
  table: LockTable
  clock: Clock
  random?: () => number
  /** Owner tokens are random per acquisition; injectable so tests can name them. */
  newOwnerToken?: () => string
}

/** What a waiter knows about the holder, for "who holds it, since when, for how long" lines. */
export interface WaitProgress {
  key: string
  record: LockRecord
  waitedMs: number
  heldForMs: number
  heartbeatAgeMs: number
  expiresInMs: number
}

export interface AcquireOptions {
  key: string
  kind?: LockKind
  holder: LockHolder
  leaseMs: number
  /** 0 means one attempt: fail at once when the lock is held. */
  waitTimeoutMs: number
  /** By default a freeze fails a deploy at once; with this it waits for the freeze to end. */
  waitOnFreeze?: boolean
  signal?: AbortSignal
  /** Poll interval bounds while waiting (jittered, growing from min to max). */
  pollMinMs?: number
  pollMaxMs?: number
  /** How often `onWait` is called while waiting (also called as soon as the lock is first found held). */
  reportEveryMs?: number
  onWait?: (progress: WaitProgress) => void
}

/** The holder state a waiter saw, and since when (monotonic): a takeover needs it unchanged for a full lease. */
interface Observation {
  owner: string
  fence: number
  heartbeatAt: number
  since: number
}

export function newOwnerToken(): string {
  return randomBytes(16).toString('hex')
}

/**
 * Takes the lock with one conditional write, waiting (jittered polls) while someone else holds it.
 *
 * A lease may be taken over only when it has expired by this waiter's wall clock AND the item kept the same fence and
 * heartbeat for a full lease on this waiter's monotonic clock (the amazon-dynamodb-lock-client rule), so a host with a
 * skewed clock cannot steal a lock that is still heartbeating. A write whose reply was lost is reconciled by reading
 * the item: an item carrying our owner token is ours.
 */
export async function acquireLock(deps: LockDeps, options: AcquireOptions): Promise<Lease> {
  const { table, clock } = deps
  const random = deps.random ?? Math.random
  const owner = (deps.newOwnerToken ?? newOwnerToken)()
  const kind = options.kind ?? 'deploy'
  const pollMin = options.pollMinMs ?? 250
  const pollMax = options.pollMaxMs ?? 1_000
  const reportEvery = options.reportEveryMs ?? 30_000
  const started = clock.monotonic()
  let known: LockRecord | undefined
  let writeNext = true
  let observed: Observation | undefined
  let lastReport: number | undefined
  let attempt = 0

  for (;;) {
    if (options.signal?.aborted)
      throw new LockNotGrantedError(`Cancelled while waiting for lock ${options.key}.`)
    const takeover = known !== undefined && !known.released && takeoverDue(known, observed, clock)
    if (writeNext || takeover) {
      try {
        const record = await table.update(
          options.key,
          acquireWrite(owner, kind, options, clock.now(), takeover ? known : undefined)
        )
        return toLease(
          record,
          options.holder,
          clock.monotonic() - started,
          takeover ? known?.holder : undefined
        )
      } catch (error) {
        if (error instanceof ConditionFailed) known = error.current
        else known = await reconcileAmbiguousWrite(table, options.key, owner, error)
      }
    } else {
      known = await readOrUndefinedOnTransient(table, options.key)
    }
    if (known && known.owner === owner && !known.released) {
      return toLease(known, options.holder, clock.monotonic() - started, undefined)
    }

    const now = clock.now()
    writeNext = !known || known.released
    if (known && !writeNext) {
      if (isFreezeActive(known, now) && kind === 'deploy' && !options.waitOnFreeze)
        throw new LockFrozenError(known)
      observed = observe(observed, known, clock.monotonic())
    }
    const waitedMs = clock.monotonic() - started
    if (waitedMs >= options.waitTimeoutMs && !writeNext) {
      throw new LockWaitTimeoutError(options.key, known, waitedMs, now)
    }
    if (
      known &&
      !writeNext &&
      options.onWait &&
      (lastReport === undefined || waitedMs - lastReport >= reportEvery)
    ) {
      lastReport = waitedMs
      options.onWait({
        key: options.key,
        record: known,
        waitedMs,
        heldForMs: now - known.acquiredAt,
        heartbeatAgeMs: now - known.heartbeatAt,
        expiresInMs: known.leaseExpiresAt - now
      })
    }
    const backoff = Math.min(pollMax, pollMin * 2 ** attempt++) * (0.5 + random() * 0.5)
    const untilDue = known && observed ? untilTakeoverDue(known, observed, clock) : Infinity
    const untilTimeout = Math.max(0, options.waitTimeoutMs - waitedMs)
    await clock.sleep(Math.max(1, Math.min(backoff, untilDue + 1, untilTimeout)), options.signal)
  }
}

function acquireWrite(
  owner: string,
  kind: LockKind,
  options: AcquireOptions,
  now: number,
  takeoverOf?: LockRecord
) {
  const values: Record<string, unknown> = {
    ':kind': kind,
    ':owner': owner,
    ':zero': 0,
    ':one': 1,
    ':leaseMs': options.leaseMs,
    ':expires': now + options.leaseMs,
    ':now': now,
    ':true': true,
    ':false': false,
    ':holder': options.holder
  }
  let condition = 'attribute_not_exists(#key) OR #released = :true OR #owner = :owner'
  if (takeoverOf) {
    condition += ' OR (#fence = :seenFence AND #heartbeatAt = :seenHeartbeat AND #leaseExpiresAt < :now)'
    values[':seenFence'] = takeoverOf.fence
    values[':seenHeartbeat'] = takeoverOf.heartbeatAt
  }
  return {
    update:
      'SET #kind = :kind, #owner = :owner, #fence = if_not_exists(#fence, :zero) + :one, #leaseMs = :leaseMs, ' +
      '#leaseExpiresAt = :expires, #heartbeatAt = :now, #acquiredAt = :now, #released = :false, #holder = :holder ' +
      'REMOVE #releasedAt, #releasedBy',
    condition,
    values
  }
}

function observe(previous: Observation | undefined, record: LockRecord, monotonicNow: number): Observation {
  const unchanged =
    previous &&
    previous.owner === record.owner &&
    previous.fence === record.fence &&
    previous.heartbeatAt === record.heartbeatAt
  return unchanged
    ? previous
    : { owner: record.owner, fence: record.fence, heartbeatAt: record.heartbeatAt, since: monotonicNow }
}

/** A freeze ends by the wall clock; a deploy lease also needs a full lease of silence seen on our own clock. */
function takeoverDue(record: LockRecord, observed: Observation | undefined, clock: Clock): boolean {
  if (!observed || observed.fence !== record.fence || observed.heartbeatAt !== record.heartbeatAt)
    return false
  return untilTakeoverDue(record, observed, clock) <= 0
}

function untilTakeoverDue(record: LockRecord, observed: Observation, clock: Clock): number {
  const untilExpiry = record.leaseExpiresAt - clock.now()
  if (record.kind === 'freeze') return untilExpiry
  return Math.max(untilExpiry, observed.since + record.leaseMs - clock.monotonic())
}

/**
 * The write's outcome is unknown (lost reply, timeout, retries exhausted): the item tells whether it was applied.
 * Ours → we hold it. Otherwise a transient failure is one more failed attempt, and anything else is the caller's to see.
 */
async function reconcileAmbiguousWrite(
  table: LockTable,
  key: string,
  owner: string,
  error: unknown
): Promise<LockRecord | undefined> {
  let current: LockRecord | undefined
  try {
    current = await table.read(key)
  } catch (readError) {
    if (isTransient(error) && isTransient(readError)) return undefined
    throw error
  }
  if (current?.owner === owner || isTransient(error)) return current
  throw error
}

async function readOrUndefinedOnTransient(table: LockTable, key: string): Promise<LockRecord | undefined> {
  try {
    return await table.read(key)
  } catch (error) {
    if (isTransient(error)) return undefined
    throw error
  }
}

function toLease(record: LockRecord, holder: LockHolder, waitedMs: number, tookOverFrom?: LockHolder): Lease {
  return {
    key: record.key,
    kind: record.kind,
    owner: record.owner,
    fence: record.fence,
    leaseMs: record.leaseMs,
    acquiredAt: record.acquiredAt,
    holder,
    waitedMs,
    ...(record.lastDeploy ? { previousDeploy: record.lastDeploy } : {}),
    ...(tookOverFrom ? { tookOverFrom } : {})
  }
}
