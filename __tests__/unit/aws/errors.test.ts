import { describe, expect, it } from '@jest/globals'
import { debugRequested, describeFailure, isThrottling, isTransient } from '../../../src/aws/errors.js'

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

describe('describeFailure: one line for an AWS or network failure', () => {
  const network = (code: string, extra: Record<string, unknown>) =>
    Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code, $metadata: { attempts: 3 }, ...extra })
  it.each<[string, unknown, RegExp]>([
    [
      'an unknown host',
      Object.assign(new Error('getaddrinfo ENOTFOUND cloudformation.eu-west-9.amazonaws.com'), {
        code: 'ENOTFOUND',
        hostname: 'cloudformation.eu-west-9.amazonaws.com',
        $metadata: {}
      }),
      /^deploy-guard diagnose ApiStack failed: could not reach cloudformation\.eu-west-9\.amazonaws\.com \(ENOTFOUND\)\. Check the network or proxy, the Region \(AWS_REGION\) and any AWS_ENDPOINT_URL\* setting\.$/
    ],
    [
      'a refused connection',
      network('ECONNREFUSED', { address: '127.0.0.1', port: 1 }),
      /failed: could not reach 127\.0\.0\.1:1 \(ECONNREFUSED\)\. Check the network/
    ],
    [
      'a request that timed out',
      named('TimeoutError'),
      /failed: could not reach AWS \(no answer in time: TimeoutError\)/
    ],
    [
      'a denied call',
      named('AccessDenied', {
        message: 'User: arn:aws:iam::1:user/ci is not authorized to perform: cloudformation:DescribeStacks',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 }
      }),
      /failed: AWS answered AccessDenied \(HTTP 403\): User: .* cloudformation:DescribeStacks\. Check the role's IAM policy against iam\/deploy-guard-policy\.json\.$/
    ],
    [
      'expired credentials',
      named('ExpiredToken', {
        message: 'The security token included in the request is expired',
        $fault: 'client',
        $metadata: {}
      }),
      /The AWS credentials have expired/
    ],
    [
      'missing credentials',
      named('CredentialsProviderError', { message: 'Could not load credentials from any providers' }),
      /failed: no AWS credentials were found \(Could not load credentials from any providers\)\. Check the credentials/
    ],
    [
      'a stack that does not exist',
      named('ValidationError', {
        message: 'Stack with id ApiStack does not exist',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 }
      }),
      /failed: AWS answered ValidationError \(HTTP 400\): Stack with id ApiStack does not exist\. Check the stack name, the Region/
    ],
    [
      'a service outage',
      named('InternalFailure', {
        message: 'We encountered an internal error.\nPlease try again.',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 }
      }),
      /AWS answered InternalFailure \(HTTP 500\): We encountered an internal error\. Please try again\. The service failed on its side/
    ],
    [
      'a bug of ours',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      /failed unexpectedly: TypeError: Cannot read properties of undefined \(reading 'x'\)\. Set DEPLOY_GUARD_DEBUG=1 for the stack trace/
    ]
  ])('%s', (_, error, expected) => {
    const line = describeFailure(error, 'deploy-guard diagnose ApiStack')
    expect(line).toMatch(expected)
    expect(line).not.toContain('\n')
    expect(line).not.toMatch(/\bat \S+ \(/)
  })

  it('takes stack traces only when asked: DEPLOY_GUARD_DEBUG, ACTIONS_STEP_DEBUG or RUNNER_DEBUG', () => {
    expect(debugRequested({})).toBe(false)
    expect(debugRequested({ DEPLOY_GUARD_DEBUG: '0' })).toBe(false)
    expect(debugRequested({ DEPLOY_GUARD_DEBUG: '1' })).toBe(true)
    expect(debugRequested({ ACTIONS_STEP_DEBUG: 'true' })).toBe(true)
    expect(debugRequested({ RUNNER_DEBUG: '1' })).toBe(true)
  })
})
