import { describe, expect, it } from '@jest/globals'
import { describeResource, formatEventLine, type StackEvent } from '../../../src/core/stack/index.js'

const event = (overrides: Partial<StackEvent> = {}): StackEvent => ({
  eventId: 'e1',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack/id',
  stackName: 'CourtCaseManagementStack',
  logicalResourceId: 'Database',
  resourceType: 'AWS::RDS::DBInstance',
  timestamp: Date.parse('2026-03-12T11:42:01.734Z'),
  resourceStatus: 'CREATE_FAILED',
  nestedPath: [],
  ...overrides
})

describe('formatEventLine', () => {
  it.each([
    ['a root resource', event(), '2026-03-12T11:42:01Z Database AWS::RDS::DBInstance CREATE_FAILED'],
    [
      'a nested resource, prefixed with the path from the root',
      event({ nestedPath: ['DataStack', 'DatabaseStack'] }),
      '2026-03-12T11:42:01Z DataStack/DatabaseStack/Database AWS::RDS::DBInstance CREATE_FAILED'
    ],
    [
      'a reason',
      event({ resourceStatusReason: 'DB subnet group does not cover enough Availability Zones' }),
      '2026-03-12T11:42:01Z Database AWS::RDS::DBInstance CREATE_FAILED DB subnet group does not cover enough Availability Zones'
    ]
  ])('%s', (_, input, line) => {
    expect(formatEventLine(input)).toBe(line)
  })

  it('keeps an untrusted reason on its line and unable to issue a workflow command', () => {
    const line = formatEventLine(
      event({ resourceStatusReason: 'failed\n::add-mask::secret\r\n::error::forged' })
    )
    expect(line.split('\n')).toHaveLength(1)
    expect(line).not.toMatch(/(^|\s)::[a-z-]+::/)
    expect(line).toContain('AWS::RDS::DBInstance')
  })
})

describe('describeResource', () => {
  it('names the type when the input has one, and never prints empty parentheses when it has none', () => {
    expect(
      describeResource({
        nestedPath: ['Api'],
        logicalResourceId: 'Table',
        resourceType: 'AWS::DynamoDB::Table'
      })
    ).toBe('Api/Table (AWS::DynamoDB::Table)')
    // A copied console log (lumigo-runtime-same-second) has rows without ResourceType.
    expect(describeResource({ nestedPath: [], logicalResourceId: 'SetRetention', resourceType: '' })).toBe(
      'SetRetention'
    )
  })
})
