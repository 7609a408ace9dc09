import { randomBytes } from 'node:crypto'
import type { Clock } from '../clock.js'
import {
  deadlineIn,
  errorLine,
  isUnanswered,
  mayHaveApplied,
  requestSignal,
  retryDelay,
  type Deadline
} from './deadline.js'
import {
  LockFrozenError,
  LockNotGrantedError,
  LockWaitTimeoutError,
  MalformedLockError,
  describeHolder
} from './errors.js'
import {
  beatTicket,
  hasQueue,
  leaveQueue,
  type MyTicket,
  newerRunWaiting,
  pruneTicket,
  type QueueMode,
  QueueView,
  takeTicket
} from './queue.js'
import { ConditionFailed, type LockTable } from './table.js'
import {
  isDraining,
  isFreezeActive,
  type Lease,
  type LockHolder,
  type LockKind,
  type LockRecord
} from './types.js'

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
  /** The item as last read; undefined when it has not been read yet. */
  record?: LockRecord
  /** Set while the item cannot be read (DynamoDB unreachable, throttling, failing): the latest error. */
  unreadable?: unknown
  waitedMs: number
  /** How long this waiter will wait in all (the wait timeout, ms). */
  waitTimeoutMs: number
  heldForMs: number
  heartbeatAgeMs: number
  expiresInMs: number
  /** This waiter's place in the queue (1 = next), and how many live tickets there are. */
  queue?: { position: number; of: number }
}

export interface AcquireOptions {
  key: string
  kind?: LockKind
  holder: LockHolder
  leaseMs: number
  /** 0 means one attempt: fail at once when the lock is held. Also bounds every retry of an unanswered call. */
  waitTimeoutMs: number
  /** Whose deploy history out-of-order protection reads: the stack name, or the key for lock-only use. */
  scope?: string
  /** By default a freeze fails a deploy at once; with this it waits for the freeze to end. */
  waitOnFreeze?: boolean
  /** `fifo` (default) or `newest-wins`: a newer waiting run of the same workflow makes this one give up. */
  queue?: QueueMode
  /** Cancellation: aborts the request in flight and ends the wait. */
  signal?: AbortSignal
  /** How often the head of the queue polls (ms, jittered; default 100). */
  pollMinMs?: number
  /**
   * How often every other waiter heartbeats its ticket, which is also its poll (ms, jittered; default 2 s, at most a
   * quarter of the lease). The waiter right behind the head polls at the geometric mean of the two.
   */
  pollMaxMs?: number
  /** How often `onWait` is called while waiting (also called as soon as the lock is first found held). */
  reportEveryMs?: number
  /**
   * The longest a single request may take (10 s by default, at least 2 s even at a deadline of 0), so a DynamoDB
   * that never answers is retried and reported on, not waited on for the whole wait.
   */
  requestTimeoutMs?: number
  onWait?: (progress: WaitProgress) => void
}

/** The run gave up its place because a newer run of its workflow is waiting (`queue: newest-wins`). */
export class LockSupersededError extends LockNotGrantedError {}

/**
 * The holder state a waiter saw, and how long it has seen it unchanged on its own monotonic clock. Time in which the
 * item could not be read is never counted as the holder's silence (issue 13 §2).
 */
interface Observation {
  owner: string
  fence: number
  heartbeatAt: number
  silentMs: number
  lastSeen: number
}

/** The least time a single request gets, even at a deadline of 0, so `wait-timeout: 0` still makes one real try. */
const MIN_REQUEST_MS = 2_000
const MAX_REQUEST_MS = 10_000
/** How long an acquisition whose outcome is unknown may spend finding out (and undoing it) when the wait ends. */
const SETTLE_MS = 2_000

export function newOwnerToken(): string {
  return randomBytes(16).toString('hex')
}

type Step = 'acquire' | 'ticket' | 'beat' | 'prune' | 'read'

/**
 * Takes the lock with one conditional write, waiting in a fair queue while someone else holds it.
 *
 * Queue (issue 12): a waiter takes a ticket in the lock item (one write) and is served in ticket order; only the head
 * of the queue tries to acquire, polling fast; the others heartbeat their tickets slowly, each heartbeat's reply being
 * their poll. A ticket whose heartbeat stops for one lease (as seen by a waiter's own clock) is skipped and pruned. A
 * fresh acquisition never jumps a queue. The queue only decides who may TRY: the acquire condition alone decides who
 * holds.
 *
 * Takeover: a lease may be taken over only when it has expired by this waiter's wall clock AND the item kept the same
 * fence and heartbeat for a full lease on this waiter's monotonic clock (the amazon-dynamodb-lock-client rule), so a
 * host with a skewed clock cannot steal a lock that is still heartbeating. A write whose reply was lost is reconciled
 * by reading the item: an item carrying our owner token is ours. Every request is aborted at the wait's deadline or
 * on cancellation, failures are retried with full jitter until that deadline, and a state that could not be read
 * ends the wait as unknown, never as "free" or "held".
 *
 * @throws LockWaitTimeoutError (held, queued or unreadable at the deadline), LockFrozenError, MalformedLockError,
 *   LockSupersededError (newest-wins), LockNotGrantedError (cancelled), SetupError (table, credentials, region)
 */
export async function acquireLock(deps: LockDeps, options: AcquireOptions): Promise<Lease> {
  const { table, clock } = deps
  const random = deps.random ?? Math.random
  const owner = (deps.newOwnerToken ?? newOwnerToken)()
  const kind = options.kind ?? 'deploy'
  const headPoll = options.pollMinMs ?? 100
  const slowPoll = Math.max(headPoll, Math.min(options.pollMaxMs ?? 2_000, options.leaseMs / 4))
  const reportEvery = options.reportEveryMs ?? 30_000
  // Freezes and one-shot attempts do not queue: they take the lock now or not at all.
  const queues = kind === 'deploy' && options.waitTimeoutMs > 0
  const started = clock.monotonic()
  const deadline = deadlineIn(clock, options.waitTimeoutMs)
  const view = new QueueView(clock)
  let known: LockRecord | undefined
  let fresh = true
  let freshAfterDeadline = 0
  let observed: Observation | undefined
  let ticket: MyTicket | undefined
  let lastBeat = Number.NEGATIVE_INFINITY
  let lastBeatAt = 0
  let unreadable: unknown
  let failures = 0
  let ambiguous = false
  let lastReport: number | undefined

  const leave = async () => {
    if (ticket) await leaveQueue(table, options.key, ticket.id, { signal: requestSignal(SETTLE_MS) })
  }

  for (;;) {
    if (options.signal?.aborted) {
      await Promise.all([settle(deps, options, owner, ambiguous, true), leave()])
      throw new LockNotGrantedError(`Cancelled while waiting for lock ${options.key}.`)
    }
    const live = view.live(known)
    const head = ticket !== undefined && live[0]?.[0] === ticket.id
    const takeover = known !== undefined && !known.released && takeoverDue(known, observed, clock)
    const deadTicket = ticket ? view.dead(known)[0] : undefined
    // Only the head of the queue may try; freezes (set by people) do not queue.
    const mayTry = head || kind !== 'deploy'
    const step: Step =
      fresh || (mayTry && (known?.released || takeover))
        ? 'acquire'
        : !queues || !known
          ? 'read'
          : !ticket
            ? 'ticket'
            : deadTicket
              ? 'prune'
              : clock.monotonic() - lastBeat >=
                  (head ? slowPoll : pollFor(live, ticket.id, headPoll, slowPoll))
                ? 'beat'
                : 'read'
    const signal = requestSignal(
      Math.min(deadline.remaining(), options.requestTimeoutMs ?? MAX_REQUEST_MS),
      options.signal,
      MIN_REQUEST_MS
    )
    try {
      if (step === 'acquire') {
        const record = await table.update(
          options.key,
          acquireWrite(owner, kind, options, clock.now(), {
            ...(takeover && !fresh ? { takeoverOf: known } : {}),
            ...(fresh && kind === 'deploy' ? { onlyIfNoQueue: true } : {}),
            ...(ticket ? { ticketId: ticket.id } : {}),
            // Tickets this waiter judged dead leave with its acquisition, so they block nobody afterwards.
            deadTickets: view
              .dead(known)
              .map(([id]) => id)
              .slice(0, 20)
          }),
          { signal }
        )
        return toLease(record, options, clock.monotonic() - started, {
          ...(takeover && !fresh && known
            ? { tookOverFrom: known.holder, ...(isDraining(known) ? { drainedAfter: known.forced! } : {}) }
            : {}),
          ...(ticket ? { ticket: ticket.number } : {})
        })
      } else if (step === 'ticket') {
        const taken = await takeTicket(
          table,
          options.key,
          known!,
          owner,
          options.holder,
          options.leaseMs,
          clock,
          {
            signal
          }
        )
        ticket = taken.ticket
        known = taken.record
        lastBeat = clock.monotonic()
        lastBeatAt = known.queue?.[owner]?.heartbeatAt ?? 0
      } else if (step === 'beat') {
        const sentAt = clock.monotonic()
        known = await beatTicket(table, options.key, ticket!.id, clock, lastBeatAt, { signal })
        lastBeat = sentAt
        lastBeatAt = known.queue?.[ticket!.id]?.heartbeatAt ?? lastBeatAt
      } else if (step === 'prune') {
        known = (await pruneTicket(table, options.key, deadTicket![0], deadTicket![1], { signal })) ?? known
      } else {
        known = await table.read(options.key, { signal })
      }
      unreadable = undefined
    } catch (error) {
      if (error instanceof ConditionFailed) {
        known = error.current
        unreadable = undefined
        // A heartbeat whose ticket is gone: we were judged dead (a long outage on our side). Queue again.
        if (step === 'beat') ticket = undefined
      } else if (error instanceof MalformedLockError || !isUnanswered(error)) {
        if (ambiguous || (step === 'acquire' && mayHaveApplied(error)))
          await settle(deps, options, owner, true, true)
        await leave()
        throw error
      } else {
        unreadable = error
        ambiguous ||= step === 'acquire' && mayHaveApplied(error)
      }
    }

    if (unreadable === undefined) {
      failures = 0
      if (known && known.owner === owner && !known.released)
        return toLease(known, options, clock.monotonic() - started, ticket ? { ticket: ticket.number } : {})
      // The item as read does not carry our token: no write of ours is pending any more.
      ambiguous = false
      view.see(known)
      // A newcomer (one-shot attempts included) never jumps a queue; freezes are set by people, not queued.
      fresh = !known || (known.released && (kind !== 'deploy' || (!ticket && !hasQueue(known))))
      if (ticket && known && !known.queue?.[ticket.id]) ticket = undefined
      if (known && !known.released) {
        if (isFreezeActive(known, clock.now()) && kind === 'deploy' && !options.waitOnFreeze) {
          await leave()
          throw new LockFrozenError(known)
        }
        observed = observe(observed, known, clock.monotonic())
      } else observed = undefined
      if (ticket && options.queue === 'newest-wins') {
        const newer = newerRunWaiting(options.holder, view.live(known), ticket.id)
        if (newer) {
          await leave()
          throw new LockSupersededError(
            `Gave up waiting for lock ${options.key}: a newer run of ${options.holder.workflow} in ` +
              `${options.holder.repository} is waiting for it (${describeHolder(newer.holder)}), and this lock is ` +
              'queue: newest-wins, so only the newest waiting run of a workflow deploys.'
          )
        }
      }
    } else {
      failures++
      view.blind()
      // Whatever happened while the item could not be read is not silence we observed.
      if (observed) observed.lastSeen = Number.NaN
    }

    const waitedMs = clock.monotonic() - started
    if (deadline.passed() && !(fresh && unreadable === undefined && freshAfterDeadline++ < 1)) {
      const lease = await settle(deps, options, owner, ambiguous, false)
      if (lease) return toLease(lease, options, clock.monotonic() - started, {})
      await leave()
      throw new LockWaitTimeoutError(options.key, {
        holderRecord: known,
        waitedMs,
        now: clock.now(),
        ...(known ? { observedSilenceMs: known.leaseMs } : {}),
        ...(unreadable !== undefined ? { unreadable: errorLine(unreadable) } : {}),
        queued: view.live(known).filter(([id]) => id !== ticket?.id).length
      })
    }
    const position = ticket ? view.position(known, ticket.id) : undefined
    if (
      options.onWait &&
      (unreadable !== undefined || (known && !fresh)) &&
      (lastReport === undefined || waitedMs - lastReport >= reportEvery)
    ) {
      lastReport = waitedMs
      options.onWait({
        ...progressOf(options, known, unreadable, waitedMs, clock.now()),
        ...(position !== undefined ? { queue: { position, of: view.live(known).length } } : {})
      })
    }
    // Taking a ticket (or losing a race for one) is retried at once: the queue order is the order tickets are taken.
    const wantsTicket = queues && known !== undefined && !fresh && !ticket
    await clock.sleep(
      nextDelay({
        unreadable,
        failures,
        // Full jitter over a window that grows with the queue, so a burst of arrivals does not collide forever.
        interval: wantsTicket
          ? 1 + random() * 10 * (1 + Object.keys(known?.queue ?? {}).length)
          : fresh || !queues
            ? slowPoll / 2
            : pollFor(view.live(known), ticket?.id, headPoll, slowPoll),
        known,
        observed,
        deadline,
        random,
        clock
      }),
      options.signal
    )
  }
}

/** The head polls fast, the next in line at the geometric mean, everyone else slowly (their ticket heartbeat). */
function pollFor(
  live: [string, unknown][],
  id: string | undefined,
  headPoll: number,
  slowPoll: number
): number {
  const index = live.findIndex(([ticketId]) => ticketId === id)
  if (index === 0) return headPoll
  if (index === 1) return Math.sqrt(headPoll * slowPoll)
  return slowPoll
}

function nextDelay(state: {
  unreadable: unknown
  failures: number
  interval: number
  known: LockRecord | undefined
  observed: Observation | undefined
  deadline: Deadline
  random: () => number
  clock: Clock
}): number {
  const { deadline } = state
  if (state.unreadable !== undefined) return retryDelay(state.failures - 1, deadline, state.random)
  // Jittered to ±25 %, so waiters that started together do not poll in lockstep.
  const poll = state.interval * (0.75 + state.random() * 0.5)
  const untilDue =
    state.known && state.observed
      ? untilTakeoverDue(state.known, state.observed, state.clock)
      : Number.POSITIVE_INFINITY
  return Math.max(1, Math.min(poll, untilDue + 1, deadline.remaining()))
}

function progressOf(
  options: AcquireOptions,
  record: LockRecord | undefined,
  unreadable: unknown,
  waitedMs: number,
  now: number
): WaitProgress {
  return {
    key: options.key,
    ...(record ? { record } : {}),
    ...(unreadable !== undefined ? { unreadable: errorLine(unreadable) } : {}),
    waitedMs,
    waitTimeoutMs: options.waitTimeoutMs,
    heldForMs: record ? now - record.acquiredAt : 0,
    heartbeatAgeMs: record ? now - record.heartbeatAt : 0,
    expiresInMs: record ? record.leaseExpiresAt - now : 0
  }
}

/**
 * The wait is over (deadline or cancellation) while an acquire write of ours may have been applied unseen. Find out
 * within SETTLE_MS: ours and the wait merely timed out → keep it (returned); ours and cancelled → release it; not
 * ours → nothing to do; unknown → one release attempt by owner token, so a lost reply does not leak the lock.
 */
async function settle(
  deps: LockDeps,
  options: AcquireOptions,
  owner: string,
  ambiguous: boolean,
  cancelled: boolean
): Promise<LockRecord | undefined> {
  if (!ambiguous) return undefined
  const signal = requestSignal(SETTLE_MS)
  try {
    const current = await deps.table.read(options.key, { signal })
    if (!current || current.owner !== owner || current.released) return undefined
    if (!cancelled) return current
  } catch {
    // Unknown: fall through to a release that only applies if the item is ours.
  }
  await deps.table
    .update(
      options.key,
      {
        update: 'SET #released = :true, #releasedAt = :now',
        condition: '#owner = :owner AND #released = :false',
        values: { ':owner': owner, ':true': true, ':false': false, ':now': deps.clock.now() }
      },
      { signal }
    )
    .catch(() => undefined)
  return undefined
}

function acquireWrite(
  owner: string,
  kind: LockKind,
  options: AcquireOptions,
  now: number,
  how: {
    takeoverOf?: LockRecord | undefined
    onlyIfNoQueue?: boolean
    ticketId?: string
    deadTickets?: string[]
  }
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
  const names: Record<string, string> = {}
  // A fresh acquisition has no queue to tidy (it only succeeds when the queue is empty).
  if (!how.onlyIfNoQueue) {
    for (const [i, id] of [how.ticketId, ...(how.deadTickets ?? [])].filter(Boolean).entries())
      names[`#ticket${i}`] = id!
  }
  let condition = 'attribute_not_exists(#key) OR #released = :true OR #owner = :owner'
  if (how.takeoverOf) {
    condition += ' OR (#fence = :seenFence AND #heartbeatAt = :seenHeartbeat AND #leaseExpiresAt < :now)'
    values[':seenFence'] = how.takeoverOf.fence
    values[':seenHeartbeat'] = how.takeoverOf.heartbeatAt
  }
  // A newcomer never jumps a queue: it may only take a lock nobody is queued for (who may TRY, not who holds).
  if (how.onlyIfNoQueue)
    condition = `(${condition}) AND (attribute_not_exists(#queue) OR size(#queue) = :zero)`
  return {
    update:
      'SET #kind = :kind, #owner = :owner, #fence = if_not_exists(#fence, :zero) + :one, #leaseMs = :leaseMs, ' +
      '#leaseExpiresAt = :expires, #heartbeatAt = :now, #acquiredAt = :now, #released = :false, #holder = :holder ' +
      `REMOVE #releasedAt, #releasedBy${Object.keys(names)
        .map(alias => `, #queue.${alias}`)
        .join('')}`,
    condition,
    values,
    names
  }
}

/**
 * Counts the silence between two successful reads that both saw the same holder state. After a read failed
 * (`lastSeen` is NaN) the next read restarts the count from its own time: an outage is not the holder's silence.
 */
function observe(previous: Observation | undefined, record: LockRecord, monotonicNow: number): Observation {
  const unchanged =
    previous &&
    previous.owner === record.owner &&
    previous.fence === record.fence &&
    previous.heartbeatAt === record.heartbeatAt
  if (!unchanged)
    return {
      owner: record.owner,
      fence: record.fence,
      heartbeatAt: record.heartbeatAt,
      silentMs: 0,
      lastSeen: monotonicNow
    }
  const gap = monotonicNow - previous.lastSeen
  return { ...previous, silentMs: previous.silentMs + (Number.isNaN(gap) ? 0 : gap), lastSeen: monotonicNow }
}

/** A freeze ends by the wall clock; a deploy lease also needs a full lease of silence seen on our own clock. */
function takeoverDue(record: LockRecord, observed: Observation | undefined, clock: Clock): boolean {
  if (!observed || observed.fence !== record.fence || observed.heartbeatAt !== record.heartbeatAt)
    return false
  if (record.leaseExpiresAt >= clock.now()) return false
  return record.kind === 'freeze' || observed.silentMs >= record.leaseMs
}

/** Milliseconds until a takeover may be due, for the next poll's timing (the next read confirms the silence). */
function untilTakeoverDue(record: LockRecord, observed: Observation, clock: Clock): number {
  const untilExpiry = record.leaseExpiresAt - clock.now()
  if (record.kind === 'freeze') return untilExpiry
  return Math.max(untilExpiry, record.leaseMs - observed.silentMs)
}

function toLease(
  record: LockRecord,
  options: AcquireOptions,
  waitedMs: number,
  extra: Pick<Lease, 'tookOverFrom' | 'drainedAfter' | 'ticket'>
): Lease {
  const scope = options.scope ?? record.key
  // Items written before deploys were kept per stack carry only `lastDeploy`: it stands for every scope.
  const previousDeploy = record.deploys ? record.deploys[scope] : record.lastDeploy
  return {
    key: record.key,
    kind: record.kind,
    owner: record.owner,
    fence: record.fence,
    leaseMs: record.leaseMs,
    acquiredAt: record.acquiredAt,
    holder: options.holder,
    waitedMs,
    scope,
    ...(previousDeploy ? { previousDeploy } : {}),
    ...(record.deploys ? { previousDeploys: record.deploys } : {}),
    ...extra
  }
}
