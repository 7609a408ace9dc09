import { formatDuration } from './duration.js'
import type { WaitProgress } from './lock/acquire.js'
import { describeDrain, describeHolder } from './lock/errors.js'
import { isDraining } from './lock/types.js'

/** Where the core reports progress; the action maps it to @actions/core, the CLI to stderr. */
export interface Log {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/**
 * "Waiting for lock …: held by … since …" — what every waiter prints about the holder; while the item cannot be read,
 * what it is waiting for and why (so a wait on an unreachable DynamoDB is never silent).
 */
export function describeWait(progress: WaitProgress): string {
  const { record } = progress
  const place = progress.queue
    ? `, place ${progress.queue.position} of ${progress.queue.of} in the queue`
    : ''
  const waiting = `Waiting for lock ${progress.key} (${formatDuration(progress.waitedMs)} of ${formatDuration(progress.waitTimeoutMs)}${place})`
  if (progress.unreadable !== undefined) {
    const last = record
      ? ` Last seen ${record.released ? 'free' : `held by ${describeHolder(record.holder)}`}.`
      : ''
    return (
      `${waiting}: its state cannot be read (${String(progress.unreadable)}); retrying with backoff until the ` +
      `wait timeout.${last}`
    )
  }
  if (!record) return `${waiting}: its state is not known yet.`
  if (isDraining(record)) return `${waiting}: ${describeDrain(record)}.`
  const what = record.kind === 'freeze' ? 'frozen' : 'held'
  return (
    `${waiting}: ${what} by ` +
    `${describeHolder(record.holder)} since ${new Date(record.acquiredAt).toISOString()} ` +
    `(held ${formatDuration(progress.heldForMs)}, last heartbeat ${formatDuration(progress.heartbeatAgeMs)} ago, ` +
    `lease ${progress.expiresInMs >= 0 ? `expires in ${formatDuration(progress.expiresInMs)}` : `expired ${formatDuration(-progress.expiresInMs)} ago; a takeover needs one lease of silence observed by this waiter`}).`
  )
}
