import type { Clock } from './clock.js'

/**
 * A token bucket shared by every caller: at most `ratePerSecond` requests per second on average, bursts of `burst`.
 * One pacer per API budget (all stacks of one watch; CloudTrail's 2 requests/s), so N stacks do not mean N× the calls.
 */
export function createPacer(
  clock: Clock,
  ratePerSecond: number,
  burst = Math.max(1, Math.floor(ratePerSecond))
): () => Promise<void> {
  let available = burst
  let last = clock.monotonic()
  return async () => {
    const now = clock.monotonic()
    available = Math.min(burst, available + ((now - last) * ratePerSecond) / 1000)
    last = now
    available -= 1
    // Each caller that overdraws waits for its own share, so concurrent callers queue rather than stampede.
    if (available < 0) await clock.sleep((-available * 1000) / ratePerSecond)
  }
}
