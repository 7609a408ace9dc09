import { formatDuration } from './duration.js'
import type { WaitProgress } from './lock/acquire.js'
import { describeHolder } from './lock/errors.js'

/** Where the core reports progress; the action maps it to @actions/core, the CLI to stderr. */
export interface Log {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** "Waiting for lock …: held by … since …" — what every waiter prints about the holder. */
export function describeWait(progress: WaitProgress): string {
  const { record } = progress
  const what = record.kind === 'freeze' ? 'frozen' : 'held'
  return (
    `Waiting for lock ${progress.key} (${formatDuration(progress.waitedMs)} so far): ${what} by ` +
    `${describeHolder(record.holder)} since ${new Date(record.acquiredAt).toISOString()} ` +
    `(held ${formatDuration(progress.heldForMs)}, last heartbeat ${formatDuration(progress.heartbeatAgeMs)} ago, ` +
    `lease ${progress.expiresInMs >= 0 ? `expires in ${formatDuration(progress.expiresInMs)}` : `expired ${formatDuration(-progress.expiresInMs)} ago`}).`
  )
}
