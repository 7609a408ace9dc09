import { describe, expect, it } from '@jest/globals'
import { createSimClock } from '../../src/sim/clock.js'

function fakeWall(start = 1_700_000_000_000) {
  let now = start
  return { now: () => now, pass: (ms: number) => void (now += ms) }
}

describe('the sim clock', () => {
  it('lags the wall clock by the lag it is given', () => {
    const wall = fakeWall()
    const clock = createSimClock(wall.now)
    clock.setLag(35 * 60_000)
    expect(wall.now() - clock.now()).toBe(35 * 60_000)
  })

  it('advance fast-forwards but never past the wall clock', () => {
    const wall = fakeWall()
    const clock = createSimClock(wall.now)
    clock.setLag(10_000)
    clock.advance(4_000)
    expect(clock.lag()).toBe(6_000)
    clock.advance(60_000)
    expect(clock.now()).toBe(wall.now())
  })

  it('autoplay at 60x turns 35 simulated minutes into 35 wall seconds, then runs in real time', () => {
    const wall = fakeWall()
    const clock = createSimClock(wall.now)
    clock.setLag(35 * 60_000 * (60 / 59))
    clock.autoplay(60)
    const before = clock.now()
    wall.pass(35_000)
    expect(clock.now() - before).toBe(35 * 60_000)
    wall.pass(10_000)
    expect(clock.lag()).toBe(0)
    expect(clock.now()).toBe(wall.now())
  })

  it('refuses an autoplay speed below real time', () => {
    expect(() => createSimClock().autoplay(0.5)).toThrow(/speed/)
  })
})
