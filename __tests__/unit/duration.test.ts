import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDuration } from '../../src/core/duration.js'
import { InputError } from '../../src/core/errors.js'

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['300', 300_000],
    ['250ms', 250],
    ['2d', 172_800_000],
    [' 1M ', 60_000]
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDuration(text, 'lease')).toBe(ms)
  })

  it.each(['', 'five minutes', '5 m', '-5m', '5x', 'm5'])(
    'rejects %p naming the input and the valid forms',
    text => {
      expect(() => parseDuration(text, 'wait-timeout')).toThrow(InputError)
      expect(() => parseDuration(text, 'wait-timeout')).toThrow(
        `wait-timeout: "${text}" is not a duration. Use a number of seconds (300) or units s, m, h, d combined, e.g. 90s, 5m, 1h30m.`
      )
    }
  )
})

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [1500, '2s'],
    [27 * 60_000, '27m'],
    [3_723_000, '1h 2m 3s']
  ])('shows %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
