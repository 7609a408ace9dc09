/**
 * Simulated time: `now = wall - lag`. A scenario starts with the lag set to its span, so every scripted timestamp
 * lies in the wall clock's past; advancing or autoplaying shrinks the lag, never below zero, and from then on the
 * sim runs in real time. A watcher measuring "in progress for 27 minutes" on its own wall clock is therefore right.
 */
export interface SimClock {
  now(): number
  lag(): number
  /** Fast-forwards by `ms` of simulated time (at most up to the wall clock). */
  advance(ms: number): void
  /** Simulated time passes `speed` times as fast as wall time until the lag is gone; 1 stops autoplay. */
  autoplay(speed: number): void
  setLag(ms: number): void
}

export function createSimClock(wallNow: () => number = Date.now): SimClock {
  let lagAt = 0
  let wallAt = wallNow()
  let speed = 1

  const lag = () => Math.max(0, lagAt - (speed - 1) * (wallNow() - wallAt))
  const rebase = (nextLag: number) => {
    lagAt = Math.max(0, nextLag)
    wallAt = wallNow()
  }

  return {
    now: () => wallNow() - lag(),
    lag,
    advance: ms => rebase(lag() - Math.max(0, ms)),
    autoplay: nextSpeed => {
      if (!(nextSpeed >= 1)) throw new Error(`autoplay speed must be ≥ 1, got ${nextSpeed}`)
      rebase(lag())
      speed = nextSpeed
    },
    setLag: ms => rebase(ms)
  }
}
