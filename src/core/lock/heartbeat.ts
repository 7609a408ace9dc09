import type { Clock } from '../clock.js'
import { errorLine, requestSignal, retryDelay, deadlineIn } from './deadline.js'
import { LockLostError } from './errors.js'
import { renewLease } from './lease.js'
import type { LockTable } from './table.js'
import type { Lease } from './types.js'

export interface HeartbeatOptions {
  /** Renewal interval; lease/3 by default, so two renewals can fail before the lease runs out. */
  intervalMs?: number
  /**
   * How long before the lease would end (counted from the last confirmed renewal) the holder gives the lock up as
   * lost; lease/3 by default. It must cover stopping the guarded command, since a waiter may take over when the
   * lease ends.
   */
  safetyMarginMs?: number
  /**
   * When the last renewal this holder knows of was sent, on `clock.monotonic()`. By default it is derived from the
   * lease's `acquiredAt` (wall clock), which is exact in the acquiring process and conservative in another one.
   */
  confirmedAtMonotonic?: number
  random?: () => number
  onRenewed?: (heartbeatAt: number) => void
  /** A renewal failed but the lease may still be ours: loud, and retried. */
  onRenewalFailed?: (error: unknown) => void
  /** The lock is no longer ours, or can no longer be counted on: the heartbeat stops. */
  onLost: (error: LockLostError) => void
}

export interface Heartbeat {
  stop(): Promise<void>
  /** Resolves when the heartbeat ends (stopped or lost). */
  readonly done: Promise<void>
  /** Aborts the moment the lock is lost (its reason is the `LockLostError`): wire it to the guarded command. */
  readonly lost: AbortSignal
}

/**
 * How long after its last confirmed renewal a holder gives its lock up as lost (ms): two thirds of the lease, the
 * default safety margin being a third. A forced release drains at least this long (drain.ts), since a holder that
 * cannot reach DynamoDB learns of the force no sooner.
 */
export function holderGivesUpAfterMs(leaseMs: number): number {
  return leaseMs - Math.floor(leaseMs / 3)
}

/**
 * Keeps a lease alive until stopped or lost. The holder judges its lease on its own monotonic clock from the last
 * CONFIRMED renewal (DESIGN §3): a renewal is counted from the moment it was sent, and when `leaseMs − safetyMargin`
 * passes without a confirmed one the lock is declared lost — before any waiter, which needs a full lease of observed
 * silence, can take it over. Every renewal request is aborted at that point, so a hung DynamoDB cannot hide the loss.
 */
export function startHeartbeat(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  options: HeartbeatOptions
): Heartbeat {
  const stopper = new AbortController()
  const lostController = new AbortController()
  const interval = options.intervalMs ?? Math.max(10, Math.floor(lease.leaseMs / 3))
  const margin = options.safetyMarginMs ?? lease.leaseMs - holderGivesUpAfterMs(lease.leaseMs)
  let confirmedAt =
    options.confirmedAtMonotonic ?? clock.monotonic() - Math.max(0, clock.now() - lease.acquiredAt)
  const declareLost = (error: LockLostError) => {
    lostController.abort(error)
    options.onLost(error)
  }
  const done = (async () => {
    let lastHeartbeatAt = 0
    let delay = interval
    let failures = 0
    let lastError: unknown
    for (;;) {
      const lossAt = confirmedAt + lease.leaseMs - margin
      await clock.sleep(Math.min(delay, Math.max(0, lossAt - clock.monotonic())), stopper.signal)
      if (stopper.signal.aborted) return
      if (clock.monotonic() >= lossAt)
        return declareLost(
          new LockLostError(
            lease.key,
            {
              kind: 'unconfirmed',
              sinceMs: clock.monotonic() - confirmedAt,
              ...(lastError !== undefined ? { lastError: errorLine(lastError) } : {})
            },
            lease.fence
          )
        )
      const sentAt = clock.monotonic()
      try {
        lastHeartbeatAt = await renewLease(table, lease, clock, lastHeartbeatAt, {
          signal: requestSignal(lossAt - sentAt, stopper.signal)
        })
        confirmedAt = sentAt
        delay = interval
        failures = 0
        lastError = undefined
        options.onRenewed?.(lastHeartbeatAt)
      } catch (error) {
        if (stopper.signal.aborted) return
        if (error instanceof LockLostError) return declareLost(error)
        lastError = error
        options.onRenewalFailed?.(error)
        delay = retryDelay(
          failures++,
          deadlineIn(clock, interval),
          options.random,
          Math.max(10, interval / 8)
        )
      }
    }
  })()
  return {
    done,
    lost: lostController.signal,
    stop: async () => {
      stopper.abort()
      await done
    }
  }
}
