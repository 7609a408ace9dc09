import type { Clock } from '../clock.js'
import { LockLostError } from './errors.js'
import { renewLease } from './lease.js'
import type { LockTable } from './table.js'
import type { Lease } from './types.js'

export interface HeartbeatOptions {
  /** Renewal interval; lease/3 by default, so two renewals can fail before the lease runs out. */
  intervalMs?: number
  /** Retry delay after a failed (transient) renewal. */
  retryMs?: number
  onRenewed?: (heartbeatAt: number) => void
  /** A renewal failed but the lease may still be ours: loud, and retried. */
  onRenewalFailed?: (error: unknown) => void
  /** The lock is no longer ours: the heartbeat stops. */
  onLost: (error: LockLostError) => void
}

export interface Heartbeat {
  stop(): Promise<void>
  /** Resolves when the heartbeat ends (stopped or lost). */
  readonly done: Promise<void>
}

/** Keeps a lease alive until stopped or lost. */
export function startHeartbeat(
  table: LockTable,
  lease: Lease,
  clock: Clock,
  options: HeartbeatOptions
): Heartbeat {
  const stopper = new AbortController()
  const interval = options.intervalMs ?? Math.max(10, Math.floor(lease.leaseMs / 3))
  const retry = options.retryMs ?? Math.max(10, Math.floor(interval / 4))
  const done = (async () => {
    let lastHeartbeatAt = 0
    let delay = interval
    for (;;) {
      await clock.sleep(delay, stopper.signal)
      if (stopper.signal.aborted) return
      try {
        lastHeartbeatAt = await renewLease(table, lease, clock, lastHeartbeatAt)
        delay = interval
        options.onRenewed?.(lastHeartbeatAt)
      } catch (error) {
        if (error instanceof LockLostError) return options.onLost(error)
        options.onRenewalFailed?.(error)
        delay = retry
      }
    }
  })()
  return {
    done,
    stop: async () => {
      stopper.abort()
      await done
    }
  }
}
