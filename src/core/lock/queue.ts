import type { Clock } from '../clock.js'
import type { CallOptions } from './deadline.js'
import { ConditionFailed, type LockTable } from './table.js'
import type { LockHolder, LockRecord, QueueTicket } from './types.js'

/**
 * The waiters' queue (issue 12): tickets in the lock item itself, so one consistent read shows the holder and the
 * whole queue, and taking a ticket is one conditional write. The queue only decides who may TRY to acquire; the
 * acquire condition alone decides who holds (DESIGN §3).
 */

/** `fifo`: served in ticket order. `newest-wins`: also, a newer run of the same workflow makes older waiting runs give up. */
export type QueueMode = 'fifo' | 'newest-wins'
export const QUEUE_MODES: readonly QueueMode[] = ['fifo', 'newest-wins']

/** My ticket: its id (the acquisition's owner token) and number. */
export interface MyTicket {
  id: string
  number: number
}

/** How long a waiter has seen another ticket's heartbeat unchanged, on its own monotonic clock. */
interface TicketObservation {
  heartbeatAt: number
  silentMs: number
  lastSeen: number
}

/**
 * What one waiter knows of the queue: the tickets it has seen, and which it judges dead. A ticket is dead when its
 * heartbeat stayed the same for one lease (the ticket's own `leaseMs`) observed on this waiter's clock; time in which
 * the item could not be read does not count, as for the holder's lease.
 */
export class QueueView {
  private readonly observed = new Map<string, TicketObservation>()

  constructor(private readonly clock: Clock) {}

  /** Folds in a fresh read of the item. */
  see(record: LockRecord | undefined): void {
    const now = this.clock.monotonic()
    const queue = record?.queue ?? {}
    for (const id of this.observed.keys()) if (!(id in queue)) this.observed.delete(id)
    for (const [id, ticket] of Object.entries(queue)) {
      const previous = this.observed.get(id)
      if (!previous || previous.heartbeatAt !== ticket.heartbeatAt) {
        this.observed.set(id, { heartbeatAt: ticket.heartbeatAt, silentMs: 0, lastSeen: now })
        continue
      }
      const gap = now - previous.lastSeen
      previous.silentMs += Number.isNaN(gap) ? 0 : gap
      previous.lastSeen = now
    }
  }

  /** The item could not be read: the time until the next successful read is not silence. */
  blind(): void {
    for (const observation of this.observed.values()) observation.lastSeen = Number.NaN
  }

  isDead(id: string, ticket: QueueTicket): boolean {
    const observation = this.observed.get(id)
    return observation !== undefined && observation.silentMs >= ticketLeaseMs(ticket)
  }

  /** Live tickets in serving order (lowest number first). */
  live(record: LockRecord | undefined): [string, QueueTicket][] {
    return Object.entries(record?.queue ?? {})
      .filter(([id, ticket]) => !this.isDead(id, ticket))
      .sort(([, a], [, b]) => a.number - b.number)
  }

  /** Tickets judged dead, for pruning. */
  dead(record: LockRecord | undefined): [string, QueueTicket][] {
    return Object.entries(record?.queue ?? {}).filter(([id, ticket]) => this.isDead(id, ticket))
  }

  /** 1-based place of `id` among live tickets, or undefined when it holds none. */
  position(record: LockRecord | undefined, id: string): number | undefined {
    const index = this.live(record).findIndex(([ticketId]) => ticketId === id)
    return index < 0 ? undefined : index + 1
  }
}

/** A ticket stores the lease its waiter was started with: it is dead after that long without a heartbeat. */
function ticketLeaseMs(ticket: QueueTicket): number {
  return ticket.leaseMs ?? 300_000
}

/** Whether the item has any ticket at all (a fresh acquisition must not jump a queue). */
export function hasQueue(record: LockRecord | undefined): boolean {
  return Object.keys(record?.queue ?? {}).length > 0
}

/**
 * Takes the next ticket with one conditional write: its number is `ticketSeq + 1`, conditioned on `ticketSeq` being
 * what was read, so no number is handed out twice. The queue map is written whole when it does not exist yet (a
 * nested path needs its map).
 *
 * @returns the ticket and the item after the write
 * @throws ConditionFailed when another waiter took a ticket first (retry with the item it carries)
 */
export async function takeTicket(
  table: LockTable,
  key: string,
  seen: LockRecord,
  id: string,
  holder: LockHolder,
  leaseMs: number,
  clock: Clock,
  options: CallOptions = {}
): Promise<{ ticket: MyTicket; record: LockRecord }> {
  const number = (seen.ticketSeq ?? 0) + 1
  const now = clock.now()
  const ticket: QueueTicket = { number, heartbeatAt: now, since: now, leaseMs, holder }
  const seq = seen.ticketSeq === undefined ? 'attribute_not_exists(#ticketSeq)' : '#ticketSeq = :seenSeq'
  const record = await table.update(
    key,
    seen.queue
      ? {
          update: 'SET #queue.#ticket = :ticket, #ticketSeq = :number',
          condition: `attribute_exists(#queue) AND ${seq}`,
          values: { ':ticket': ticket, ':number': number, ':seenSeq': seen.ticketSeq },
          names: { '#ticket': id }
        }
      : {
          update: 'SET #queue = :queue, #ticketSeq = :number',
          condition: `attribute_exists(#key) AND attribute_not_exists(#queue) AND ${seq}`,
          values: { ':queue': { [id]: ticket }, ':number': number, ':seenSeq': seen.ticketSeq }
        },
    options
  )
  return { ticket: { id, number }, record }
}

/**
 * The ticket's heartbeat, which is also the waiter's poll: the reply carries the whole item.
 * @throws ConditionFailed when the ticket is gone (pruned as dead): the waiter lost its place
 */
export function beatTicket(
  table: LockTable,
  key: string,
  id: string,
  clock: Clock,
  lastBeatAt: number,
  options: CallOptions = {}
): Promise<LockRecord> {
  return table.update(
    key,
    {
      update: 'SET #queue.#ticket.#heartbeatAt = :now',
      condition: 'attribute_exists(#queue.#ticket)',
      values: { ':now': Math.max(clock.now(), lastBeatAt + 1) },
      names: { '#ticket': id }
    },
    options
  )
}

/** Removes a ticket judged dead, only if its heartbeat is still the one judged. Returns the item after, if removed. */
export async function pruneTicket(
  table: LockTable,
  key: string,
  id: string,
  ticket: QueueTicket,
  options: CallOptions = {}
): Promise<LockRecord | undefined> {
  try {
    return await table.update(
      key,
      {
        update: 'REMOVE #queue.#ticket',
        condition: '#queue.#ticket.#heartbeatAt = :seen',
        values: { ':seen': ticket.heartbeatAt },
        names: { '#ticket': id }
      },
      options
    )
  } catch (error) {
    if (error instanceof ConditionFailed) return error.current
    throw error
  }
}

/** Leaves the queue (timed out, cancelled, gave up); best effort: a ticket left behind dies after one lease. */
export async function leaveQueue(
  table: LockTable,
  key: string,
  id: string,
  options: CallOptions = {}
): Promise<void> {
  await table
    .update(
      key,
      {
        update: 'REMOVE #queue.#ticket',
        condition: 'attribute_exists(#queue.#ticket)',
        values: {},
        names: { '#ticket': id }
      },
      options
    )
    .catch(() => undefined)
}

/**
 * `newest-wins`: the newer live ticket of the same repository and workflow that makes this run give up, if any.
 * Newer means a higher run number, or the same run re-attempted.
 */
export function newerRunWaiting(
  me: LockHolder,
  live: [string, QueueTicket][],
  myId: string
): QueueTicket | undefined {
  if (!me.repository || !me.workflow || me.runNumber === undefined) return undefined
  return live.find(
    ([id, { holder }]) =>
      id !== myId &&
      holder.repository === me.repository &&
      holder.workflow === me.workflow &&
      holder.runNumber !== undefined &&
      (holder.runNumber > me.runNumber! ||
        (holder.runNumber === me.runNumber && (holder.runAttempt ?? 0) > (me.runAttempt ?? 0)))
  )?.[1]
}
