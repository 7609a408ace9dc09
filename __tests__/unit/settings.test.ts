import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/core/errors.js'
import {
  lockKeysFor,
  parseLockSettings,
  parseWatchSettings,
  type RawSettings
} from '../../src/core/settings.js'

const valid: RawSettings = { 'stack-name': 'CourtCaseManagementStack', 'lock-table': 'deploy-locks' }

describe('parseLockSettings', () => {
  it('applies the documented defaults', () => {
    expect(parseLockSettings(valid)).toEqual({
      stacks: ['CourtCaseManagementStack'],
      table: 'deploy-locks',
      keyAttribute: 'LockID',
      leaseMs: 300_000,
      waitTimeoutMs: 1_800_000,
      outOfOrder: 'fail',
      queue: 'fifo',
      waitOnFreeze: false
    })
  })

  it("cuts a long reason (it is stored on the lock item with every waiter's) to 1000 characters", () => {
    const reason = parseLockSettings({ ...valid, reason: 'r'.repeat(120_000) }).reason!
    expect(reason).toHaveLength(1000)
    expect(reason.endsWith('r…')).toBe(true)
    expect(parseLockSettings({ ...valid, reason: 'release 1.2' }).reason).toBe('release 1.2')
  })

  it('refuses a lock key longer than a DynamoDB partition key can be, naming the limit', () => {
    const settings = { 'lock-table': 'deploy-locks', 'lock-key': 'k'.repeat(2049) }
    expect(() => parseLockSettings(settings)).toThrow(InputError)
    expect(() => parseLockSettings(settings)).toThrow(
      /^lock-key: "k{40}…" is 2049 bytes; a DynamoDB partition key holds at most 2048 bytes \(UTF-8\)\./
    )
    expect(parseLockSettings({ ...settings, 'lock-key': 'ü'.repeat(1024) }).lockKey).toHaveLength(1024)
    expect(() => parseLockSettings({ ...settings, 'lock-key': 'ü'.repeat(1025) })).toThrow(/is 2050 bytes/)
  })

  it('reads several stacks from lines and commas, dropping blanks and duplicates', () => {
    const settings = parseLockSettings({
      ...valid,
      'stack-name': 'NetworkStack,\n DatabaseStack\n\nNetworkStack'
    })
    expect(settings.stacks).toEqual(['NetworkStack', 'DatabaseStack'])
  })

  it('locks a stack given by ARN under the same key as its name', () => {
    const arn =
      'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack/1a2b3c4d-0000-1111-2222-333344445555'
    expect(lockKeysFor(parseLockSettings({ ...valid, 'stack-name': arn }), 'us-east-1')).toEqual([
      'deploy-guard/us-east-1/CourtCaseManagementStack'
    ])
  })

  it.each<[string, RawSettings, string]>([
    [
      'a missing stack name',
      { 'lock-table': 'deploy-locks' },
      'stack-name: required. Name the CloudFormation stack(s) to guard, one per line or comma-separated, e.g. stack-name: CourtCaseManagementStack.'
    ],
    [
      'an invalid stack name',
      { ...valid, 'stack-name': 'court_cases' },
      'stack-name: "court_cases" is not a valid CloudFormation stack name. A name starts with a letter and has only letters, digits and hyphens (at most 128 characters); a stack ARN is also accepted.'
    ],
    [
      'a missing table',
      { 'stack-name': 'A' },
      'lock-table: required. Name the DynamoDB table that holds the locks (partition key LockID, a string). Create one with: aws dynamodb create-table --table-name deploy-locks --attribute-definitions AttributeName=LockID,AttributeType=S --key-schema AttributeName=LockID,KeyType=HASH --billing-mode PAY_PER_REQUEST'
    ],
    [
      'an invalid table name',
      { ...valid, 'lock-table': 'locks table' },
      "lock-table: \"locks table\" is not a valid DynamoDB table name. Use 3 to 255 letters, digits, '_', '-' or '.'."
    ],
    [
      'a custom key with several stacks',
      { ...valid, 'stack-name': 'A,B', 'lock-key': 'prod' },
      'lock-key: a custom key locks one stack, but stack-name lists 2. Leave lock-key empty to lock each stack under deploy-guard/<region>/<stack>.'
    ],
    [
      'a lease that is not a duration',
      { ...valid, lease: 'forever' },
      'lease: "forever" is not a duration. Use a number of seconds (300) or units s, m, h, d combined, e.g. 90s, 5m, 1h30m.'
    ],
    [
      'a lease too short to heartbeat',
      { ...valid, lease: '5s' },
      'lease: "5s" is out of range. Use between 10s and 12h (default 5m): the heartbeat renews every lease/3, and a dead holder is taken over one lease after its last heartbeat.'
    ],
    [
      'a bad wait timeout',
      { ...valid, 'wait-timeout': 'soon' },
      'wait-timeout: "soon" is not a duration. Use a number of seconds (300) or units s, m, h, d combined, e.g. 90s, 5m, 1h30m.'
    ],
    [
      'a bad region',
      { ...valid, region: 'Virginia' },
      'region: "Virginia" is not an AWS region name. Use a name such as us-east-1 or eu-west-2.'
    ],
    [
      'a bad out-of-order policy',
      { ...valid, 'out-of-order': 'ignore' },
      'out-of-order: "ignore" is not one of fail, warn, allow.'
    ],
    [
      'a bad boolean',
      { ...valid, 'wait-on-freeze': 'maybe' },
      'wait-on-freeze: "maybe" is not a boolean. Use true or false.'
    ]
  ])('rejects %s with a message that says what is valid', (_, raw, message) => {
    expect(() => parseLockSettings(raw)).toThrow(InputError)
    expect(() => parseLockSettings(raw)).toThrow(message)
  })

  it('lets status run without a stack', () => {
    expect(parseLockSettings({ 'lock-table': 'deploy-locks' }, { requireStack: false }).stacks).toEqual([])
  })
})

describe('command-grace and stop-after-stack-settles', () => {
  const stack = { 'stack-name': 'ApiStack' }

  it('default to reporting a command still running 5 minutes after the stacks settled, without stopping it', () => {
    expect(parseWatchSettings(stack)).toMatchObject({ commandGraceMs: 300_000, stopAfterStackSettles: false })
    expect(
      parseWatchSettings({ ...stack, 'command-grace': '90s', 'stop-after-stack-settles': 'true' })
    ).toMatchObject({ commandGraceMs: 90_000, stopAfterStackSettles: true })
  })

  it('refuses a grace of 0 with the range and what it means', () => {
    expect(() => parseWatchSettings({ ...stack, 'command-grace': '0' })).toThrow(
      'command-grace: "0" is out of range. Use between 1s and 6h (default 5m)'
    )
  })
})

describe('watch-timeout', () => {
  const stack = { 'stack-name': 'ApiStack' }

  it('refuses more than 7 days as bad input, naming the range, instead of failing later on a timer', () => {
    expect(parseWatchSettings({ ...stack, 'watch-timeout': '7d' }).timeoutMs).toBe(7 * 86_400_000)
    expect(() => parseWatchSettings({ ...stack, 'watch-timeout': '99999d' })).toThrow(InputError)
    expect(() => parseWatchSettings({ ...stack, 'watch-timeout': '99999d' })).toThrow(
      'watch-timeout: "99999d" is out of range. Use at most 7d'
    )
  })

  it('refuses a start-timeout of more than 7 days the same way', () => {
    expect(() => parseWatchSettings({ ...stack, 'start-timeout': '99999d' })).toThrow(
      'start-timeout: "99999d" is out of range. Use at most 7d (default 10m).'
    )
  })
})
