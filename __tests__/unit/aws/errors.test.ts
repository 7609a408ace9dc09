import { describe, expect, it } from '@jest/globals'
import { isThrottling, isTransient } from '../../../src/aws/errors.js'

const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(name), { name, ...extra })

describe('isTransient', () => {
  it.each([
    ['CloudFormation throttling', named('Throttling')],
    ['CloudTrail throttling', named('ThrottlingException')],
    ['a 500 from the service', named('InternalFailure', { $metadata: { httpStatusCode: 500 } })],
    ['a server fault', named('ServiceUnavailable', { $fault: 'server' })],
    ['a reset connection', named('TimeoutError', { code: 'ECONNRESET' })],
    [
      'a dropped connection wrapped in a plain error',
      new Error('AWS SDK error wrapper for TimeoutError: socket hang up')
    ]
  ])('retries %s', (_, error) => {
    expect(isTransient(error)).toBe(true)
  })

  it.each([
    ['a validation error', named('ValidationError', { $metadata: { httpStatusCode: 400 } })],
    ['access denied', named('AccessDeniedException', { $metadata: { httpStatusCode: 400 } })],
    ['a failed condition', named('ConditionalCheckFailedException', { $metadata: { httpStatusCode: 400 } })]
  ])('does not retry %s', (_, error) => {
    expect(isTransient(error)).toBe(false)
  })

  it('tells throttling apart from other transient errors', () => {
    expect(isThrottling(named('Throttling'))).toBe(true)
    expect(isThrottling(named('InternalFailure', { $metadata: { httpStatusCode: 500 } }))).toBe(false)
  })
})
