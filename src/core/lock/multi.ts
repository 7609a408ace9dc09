import { type AcquireOptions, acquireLock, type LockDeps } from './acquire.js'
import { releaseLease } from './lease.js'
import type { Lease } from './types.js'

/**
 * Takes several locks (a CDK app with many stacks) in sorted key order, so two runs wanting {A,B} and {B,A} can
 * never deadlock. If one cannot be taken, the ones already held are released before the error is rethrown.
 */
export async function acquireAll(
  deps: LockDeps,
  keys: string[],
  options: Omit<AcquireOptions, 'key' | 'scope'> & { scopes?: Record<string, string> }
): Promise<Lease[]> {
  const leases: Lease[] = []
  const started = deps.clock.monotonic()
  try {
    for (const key of [...new Set(keys)].sort()) {
      // One wait budget for the whole set, not one per key.
      const remaining = Math.max(0, options.waitTimeoutMs - (deps.clock.monotonic() - started))
      const { scopes, ...rest } = options
      const scope = scopes?.[key]
      leases.push(
        await acquireLock(deps, { ...rest, key, waitTimeoutMs: remaining, ...(scope ? { scope } : {}) })
      )
    }
    return leases
  } catch (error) {
    // Bounded by the release deadline each, so a failed multi-stack acquisition never hangs on clean-up.
    await Promise.allSettled(leases.map(lease => releaseLease(deps.table, lease, deps.clock)))
    throw error
  }
}
