import { formatDuration } from '../duration.js'
import { describeHolder } from './errors.js'
import { holderGivesUpAfterMs } from './heartbeat.js'
import type { LockRecord } from './types.js'

/**
 * How long the guard gives a stopping deploy command between SIGINT and SIGTERM (ms): GitHub's own cancellation
 * window (SIGINT, SIGTERM 7.5 s later). `runtime/command.ts` stops the command with it.
 */
export const COMMAND_STOP_GRACE_MS = 7_500

/**
 * What a drain adds after the command was signalled (ms): SIGTERM taking effect, and the SIGKILL the guard sends
 * 2.5 s after it (runtime/command.ts, as GitHub's runner does), the forced write's own latency and scheduling on a
 * loaded runner.
 */
export const DRAIN_MARGIN_MS = 5_000

/**
 * How long a forced release keeps the lock from waiters (ms), so the old holder's command has stopped before the next
 * one starts. `0` means the lock may be released at once.
 *
 * - A live lease (not yet expired by this clock): the holder learns of the force at its next renewal, and even if it
 *   cannot reach DynamoDB it gives the lock up when `holderGivesUpAfterMs(leaseMs)` pass without a confirmed renewal
 *   (its last confirmed one was sent before the force); then it stops its command (SIGINT, SIGTERM after
 *   COMMAND_STOP_GRACE_MS). Drain = that + COMMAND_STOP_GRACE_MS + DRAIN_MARGIN_MS.
 * - A lease that expired less than COMMAND_STOP_GRACE_MS + DRAIN_MARGIN_MS ago: a live holder has already given it up
 *   (a third of a lease before it expired) but its command may still be stopping: drain only that.
 * - A lease that expired longer ago (a dead holder): free at once, as before; a live holder's command stopped long
 *   ago, unless the two clocks disagree by more than a third of a lease plus the stop window.
 *
 * Freezes run no command: never drained.
 */
export function drainAfterForceMs(record: LockRecord, now: number): number {
  if (record.kind !== 'deploy') return 0
  const stopping = COMMAND_STOP_GRACE_MS + DRAIN_MARGIN_MS
  if (now < record.leaseExpiresAt) return holderGivesUpAfterMs(record.leaseMs) + stopping
  return now - record.leaseExpiresAt >= stopping ? 0 : stopping
}

/** What `unlock --force` says about a lock it left draining (`record` as written). */
export function describeForcedDrain(key: string, record: LockRecord): string {
  return (
    `Force-released ${key}, held by ${describeHolder(record.holder)}: its renewals fail from now on, so it stops ` +
    `its command. The next run may take the lock from ${new Date(record.leaseExpiresAt).toISOString()} ` +
    `(a drain of ${formatDuration(record.leaseMs)}: the time a holder that cannot reach DynamoDB takes to give the ` +
    'lock up, plus the time its command gets to stop).'
  )
}
