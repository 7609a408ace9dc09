/**
 * Time as the core sees it. Wall time (epoch ms) is what other hosts can compare against;
 * monotonic time is what this process uses to measure how long it observed something,
 * so a wrong or jumping system clock cannot shorten a wait.
 */
export interface Clock {
  now(): number
  monotonic(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>(resolve => {
      if (signal?.aborted) return resolve()
      const timer = setTimeout(done, Math.max(0, ms))
      signal?.addEventListener('abort', done, { once: true })
      function done(): void {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
    })
}

/** A clock skewed by a fixed offset: how a host with a wrong system clock behaves. */
export function skewedClock(base: Clock, offsetMs: number): Clock {
  return { ...base, now: () => base.now() + offsetMs }
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): uniform in [0, min(cap, base·2^attempt)]. */
export function fullJitterBackoff(
  attempt: number,
  baseMs: number,
  capMs: number,
  random = Math.random
): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt))
}
