import { describe, expect, it } from '@jest/globals'
import {
  explainEvents,
  formatOperationList,
  listOperations,
  parseEventDump
} from '../../../src/core/diagnose/explain.js'
import { splitOperations } from '../../../src/core/diagnose/operations.js'
import { InputError } from '../../../src/core/errors.js'
import { arn, History, threeUpdates } from './history.js'

const DAY = 86_400_000
describe('explain: a whole describe-stack-events history', () => {
  it.each(['newest-first', 'oldest-first'] as const)(
    'explains the latest failed update (Api), not the oldest (OldQueue), in a %s dump',
    order => {
      const report = explainEvents(JSON.stringify(threeUpdates().dump(order)))
      expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['Api'])
      expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE')
      expect(report.operation).toMatchObject({ number: 1, count: 3, type: 'UPDATE_STACK' })
      expect(
        report.events.every(event => Date.parse(report.stack.operationStartedAt) <= event.timestamp)
      ).toBe(true)
    }
  )

  it('by default explains the newest operation that failed even when a successful one came after it', () => {
    const history = threeUpdates()
      .wait(DAY)
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .resource('Api', 'AWS::ApiGateway::RestApi', 'UPDATE_COMPLETE')
      .stack('UPDATE_COMPLETE')
    const report = explainEvents(history.dump())
    expect(report.operation).toMatchObject({ number: 2, count: 4 })
    expect(report.rootCauses[0]?.logicalResourceId).toBe('Api')
    const latest = explainEvents(history.dump(), [], { operation: 'latest' })
    expect(latest.stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', failed: false })
    expect(latest.rootCauses).toEqual([])
  })

  it('picks an operation by number counting back from the newest, or by the id the list prints', () => {
    const dump = threeUpdates().dump()
    expect(explainEvents(dump, [], { operation: '3' }).rootCauses[0]?.logicalResourceId).toBe('OldQueue')
    const oldest = listOperations(dump).at(-1)!
    expect(explainEvents(dump, [], { operation: oldest.id }).operation?.number).toBe(3)
  })

  it.each([
    [
      'a status that is not text',
      { ResourceStatus: 12 },
      /StackEvents\[1\]\.ResourceStatus is 12, not text\./
    ],
    [
      'a reason that is an object',
      { ResourceStatusReason: { a: 1 } },
      /StackEvents\[1\]\.ResourceStatusReason is \{"a":1\}, not text\./
    ],
    [
      'a row without its time',
      { Timestamp: undefined },
      /StackEvents\[1\] has no Timestamp; every stack event has one\./
    ],
    [
      'a time that is not one',
      { Timestamp: 'yesterday' },
      /StackEvents\[1\]\.Timestamp "yesterday" is not a time; .*ISO 8601/
    ],
    ['a row without its status', { ResourceStatus: undefined }, /StackEvents\[1\] has no ResourceStatus/],
    ['a row that is not an object', 'CREATE_FAILED', /StackEvents\[1\] is not an event object\./]
  ])('refuses %s with an error naming the row and the field, never a TypeError', (_, change, message) => {
    const rows = threeUpdates().dump().StackEvents as unknown as Record<string, unknown>[]
    const broken = typeof change === 'string' ? change : { ...rows[1], ...change }
    const dump = JSON.stringify({ StackEvents: [rows[0], broken, ...rows.slice(2)] })
    expect(() => explainEvents(dump)).toThrow(InputError)
    expect(() => explainEvents(dump)).toThrow(message)
  })

  it('refuses an operation the dump does not hold, saying what is valid', () => {
    expect(() => explainEvents(threeUpdates().dump(), [], { operation: '7' })).toThrow(InputError)
    expect(() => explainEvents(threeUpdates().dump(), [], { operation: '7' })).toThrow(
      '--operation: "7" names no operation of these events. Valid: latest, 1 to 3 (1 = newest)'
    )
  })

  it('lists one line per operation, newest first, with its type, final status and first root cause', () => {
    const list = listOperations(threeUpdates().dump())
    expect(
      list.map(({ number, type, finalStatus, rootCause }) => [number, type, finalStatus, rootCause])
    ).toEqual([
      [
        1,
        'UPDATE_STACK',
        'UPDATE_ROLLBACK_COMPLETE',
        'Api: Invalid request provided: Unable to complete operation due to concurrent modification. Please try again later.'
      ],
      [2, 'UPDATE_STACK', 'UPDATE_COMPLETE', undefined],
      [3, 'UPDATE_STACK', 'UPDATE_ROLLBACK_COMPLETE', 'OldQueue: Queue already exists']
    ])
    const lines = formatOperationList(list).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^ {2}1 {2}2026-11-04T10:00:\d\d\.000Z {2}UPDATE_STACK .* UPDATE_ROLLBACK_COMPLETE .* Api: /
    )
    expect(lines[1]).toMatch(/UPDATE_COMPLETE\s+-/)
  })

  it('explains a failed create and the deletion after it as that create (the stack failed and vanished)', () => {
    const history = new History('CourtCaseManagementStack')
      .stack('REVIEW_IN_PROGRESS', 'User Initiated')
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .resource('Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS')
      .resource(
        'Database',
        'AWS::RDS::DBInstance',
        'CREATE_FAILED',
        'Resource handler returned message: "DB subnet group does not cover enough Availability Zones"'
      )
      .stack(
        'ROLLBACK_IN_PROGRESS',
        'The following resource(s) failed to create: [Database]. Rollback requested by user.'
      )
      .resource('Database', 'AWS::RDS::DBInstance', 'DELETE_COMPLETE')
      .stack('ROLLBACK_COMPLETE')
      .wait(30 * 60_000)
      .stack('DELETE_IN_PROGRESS', 'User Initiated')
      .stack('DELETE_COMPLETE')
    const report = explainEvents(history.dump())
    expect(report.operation).toMatchObject({ count: 1, type: 'CREATE_STACK' })
    expect(report.stack).toMatchObject({ finalStatus: 'DELETE_COMPLETE', deleted: true, failed: true })
    expect(report.rootCauses[0]).toMatchObject({ logicalResourceId: 'Database', status: 'CREATE_FAILED' })
    expect(report.stuck).toBeUndefined()
  })

  it('recognises the stack row of a log copied without PhysicalResourceId or StackName by its logical id', () => {
    const history = threeUpdates()
    const copied = history.events.map(
      ({ EventId, LogicalResourceId, ResourceType, Timestamp, ResourceStatus, ResourceStatusReason }) => ({
        EventId,
        LogicalResourceId,
        ResourceType,
        Timestamp,
        ResourceStatus,
        ...(ResourceStatusReason ? { ResourceStatusReason } : {})
      })
    )
    const report = explainEvents(copied.reverse())
    expect(report.operation?.count).toBe(3)
    expect(report.stack).toMatchObject({ name: 'OrdersApiStack', finalStatus: 'UPDATE_ROLLBACK_COMPLETE' })
    expect(report.rootCauses[0]?.logicalResourceId).toBe('Api')
  })

  it('makes a continue-update-rollback an operation of its own and still explains the update it resumed', () => {
    const history = new History('LedgerStack')
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .resource(
        'Table',
        'AWS::DynamoDB::Table',
        'UPDATE_FAILED',
        'Resource handler returned message: "Table already exists: ledger"'
      )
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Table].')
      .resource('Cluster', 'AWS::RDS::DBCluster', 'UPDATE_FAILED', 'DBCluster ledger-db not found')
      .stack('UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [Cluster].')
      .wait(DAY)
      .stack('UPDATE_ROLLBACK_IN_PROGRESS')
      .resource('Cluster', 'AWS::RDS::DBCluster', 'UPDATE_COMPLETE')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    const operations = splitOperations(parseEventDump(history.dump()))
    expect(operations.map(operation => [operation.type, operation.finalStatus, operation.failed])).toEqual([
      ['UPDATE_STACK', 'UPDATE_ROLLBACK_FAILED', true],
      ['CONTINUE_ROLLBACK', 'UPDATE_ROLLBACK_COMPLETE', false]
    ])
    const report = explainEvents(history.dump())
    expect(report.rootCauses[0]?.logicalResourceId).toBe('Table')
    expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_FAILED')
  })

  it('keeps events older than the first operation start (a history cut off) as an operation of their own', () => {
    const history = new History('WebStack')
      .resource('Site', 'AWS::S3::Bucket', 'UPDATE_COMPLETE')
      .stack('UPDATE_COMPLETE')
      .wait(DAY)
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .stack('UPDATE_COMPLETE')
    const operations = splitOperations(parseEventDump(history.dump()))
    expect(operations.map(operation => [operation.number, operation.type, operation.finalStatus])).toEqual([
      [2, 'UPDATE_STACK', 'UPDATE_COMPLETE'],
      [1, 'UPDATE_STACK', 'UPDATE_COMPLETE']
    ])
  })

  it("takes a nested stack's events from its own dump only within the operation explained", () => {
    const childId = arn('PaymentsStack-WorkersStack-1X2Y', 'child')
    const parent = new History('PaymentsStack')
    const child = new History('PaymentsStack-WorkersStack-1X2Y', childId)
    parent.stack('UPDATE_IN_PROGRESS', 'User Initiated').nested('WorkersStack', childId, 'UPDATE_IN_PROGRESS')
    child.at(parent.now()).stack('UPDATE_IN_PROGRESS', 'User Initiated')
    child.resource(
      'OldWorker',
      'AWS::Lambda::Function',
      'UPDATE_FAILED',
      'Resource handler returned message: "Old runtime"'
    )
    parent
      .at(child.now())
      .nested(
        'WorkersStack',
        childId,
        'UPDATE_FAILED',
        `Embedded stack ${childId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [OldWorker].`
      )
    parent
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [WorkersStack].')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    parent
      .wait(DAY)
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .nested('WorkersStack', childId, 'UPDATE_IN_PROGRESS')
    child.at(parent.now()).stack('UPDATE_IN_PROGRESS', 'User Initiated')
    child.resource(
      'Worker',
      'AWS::Lambda::Function',
      'UPDATE_FAILED',
      'Resource handler returned message: "Unzipped size must be smaller than 262144000 bytes"'
    )
    parent
      .at(child.now())
      .nested(
        'WorkersStack',
        childId,
        'UPDATE_FAILED',
        `Embedded stack ${childId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Worker].`
      )
    parent
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [WorkersStack].')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    const report = explainEvents(parent.dump(), [child.dump()])
    expect(report.rootCauses.map(cause => [cause.nestedPath, cause.logicalResourceId])).toEqual([
      [['WorkersStack'], 'Worker']
    ])
    expect(report.events.some(event => event.logicalResourceId === 'OldWorker')).toBe(false)
    const older = explainEvents(parent.dump(), [child.dump()], { operation: '2' })
    expect(older.rootCauses[0]?.logicalResourceId).toBe('OldWorker')
  })

  it('matches a nested log copied without ARNs to its parent by the name CloudFormation gives nested stacks', () => {
    const childId = arn('AppStack-StorageStack-9ZQ', 'child')
    const parent = new History('AppStack')
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .nested('StorageStack', childId, 'CREATE_IN_PROGRESS')
    const child = parent
      .child('AppStack-StorageStack-9ZQ', childId)
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .resource('Bucket', 'AWS::S3::Bucket', 'CREATE_FAILED', 'data-bucket already exists')
    parent
      .at(child.now())
      .nested(
        'StorageStack',
        childId,
        'CREATE_FAILED',
        `Embedded stack ${childId} was not successfully created: The following resource(s) failed to create: [Bucket].`
      )
      .stack(
        'ROLLBACK_IN_PROGRESS',
        'The following resource(s) failed to create: [StorageStack]. Rollback requested by user.'
      )
      .stack('ROLLBACK_COMPLETE')
    const withoutArns = (history: History) =>
      history.events.map(({ StackId: _id, PhysicalResourceId: _physical, ...rest }) => rest)
    const report = explainEvents(withoutArns(parent), [withoutArns(child)])
    expect(report.notes).toEqual([])
    expect(report.rootCauses.map(cause => [cause.nestedPath, cause.logicalResourceId])).toEqual([
      [['StorageStack'], 'Bucket']
    ])
  })

  it('says so when a nested dump belongs to no nested stack of the root', () => {
    const stranger = new History('UnrelatedStack').stack('CREATE_IN_PROGRESS', 'User Initiated')
    const report = explainEvents(threeUpdates().dump(), [stranger.dump()])
    expect(report.notes).toContain(
      'The events of UnrelatedStack belong to no nested stack of these events and were left out.'
    )
  })
})

describe('explain: logs copied without the row that opened the operation', () => {
  /** A successful create and update: the part of a history a partial log of a later operation follows. */
  const settled = (name: string) =>
    new History(name)
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .resource('Queue', 'AWS::SQS::Queue', 'CREATE_COMPLETE')
      .stack('CREATE_COMPLETE')
      .wait(DAY)
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .resource('Queue', 'AWS::SQS::Queue', 'UPDATE_FAILED', 'Queue attribute out of range')
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Queue].')
      .stack('UPDATE_ROLLBACK_COMPLETE')
      .wait(DAY)
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .stack('UPDATE_COMPLETE')
      .wait(DAY)

  it('opens an operation at a resource row that follows a final status: a finished operation gets no more rows', () => {
    const history = settled('DataStack').resource(
      'Settings',
      'AWS::LakeFormation::DataLakeSettings',
      'CREATE_FAILED',
      'Invalid principal'
    )
    const operations = splitOperations(parseEventDump(history.dump()))
    expect(operations.map(operation => [operation.type, operation.finalStatus, operation.failed])).toEqual([
      ['CREATE_STACK', 'CREATE_COMPLETE', false],
      ['UPDATE_STACK', 'UPDATE_ROLLBACK_COMPLETE', true],
      ['UPDATE_STACK', 'UPDATE_COMPLETE', false],
      ['UPDATE_STACK', 'UNKNOWN', true]
    ])
    const report = explainEvents(history.dump())
    expect(report.operation).toMatchObject({ number: 1, count: 4 })
    expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['Settings'])
  })

  it('opens one at a clean-up row after a final status, and counts a resource the clean-up could not delete', () => {
    const history = settled('AssetsStack')
      .stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
      .resource(
        'Deploy',
        'AWS::CloudFormation::CustomResource',
        'DELETE_FAILED',
        'AccessDenied on CreateInvalidation'
      )
    const report = explainEvents(history.dump())
    expect(report.operation).toMatchObject({ number: 1, count: 4, type: 'UPDATE_STACK' })
    expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['Deploy'])
  })

  it('types an update whose start row is missing by its rollback, even when it follows a successful update', () => {
    const history = settled('FnStack')
      .resource(
        'Version',
        'AWS::Lambda::Version',
        'CREATE_FAILED',
        'A version for this Lambda function exists ( 1 ).'
      )
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Version].')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    const latest = splitOperations(parseEventDump(history.dump())).at(-1)!
    expect([latest.type, latest.finalStatus, latest.failed]).toEqual([
      'UPDATE_STACK',
      'UPDATE_ROLLBACK_COMPLETE',
      true
    ])
    expect(explainEvents(history.dump()).rootCauses[0]?.logicalResourceId).toBe('Version')
  })

  it('explains a create cut off before its start row and deleted afterwards as that create', () => {
    const history = new History('NodeStack')
      .resource('Instance', 'AWS::EC2::Instance', 'CREATE_COMPLETE')
      .resource('Wait', 'AWS::CloudFormation::WaitCondition', 'CREATE_FAILED', 'WaitCondition timed out.')
      .stack(
        'ROLLBACK_IN_PROGRESS',
        'The following resource(s) failed to create: [Wait]. Rollback requested by user.'
      )
      .wait(DAY)
      .stack('DELETE_IN_PROGRESS', 'User Initiated')
      .resource('Instance', 'AWS::EC2::Instance', 'DELETE_COMPLETE')
      .resource('Wait', 'AWS::CloudFormation::WaitCondition', 'DELETE_COMPLETE')
      .stack('DELETE_COMPLETE')
    const report = explainEvents(history.dump())
    expect(report.operation).toMatchObject({ count: 1, type: 'CREATE_STACK' })
    expect(report.stack).toMatchObject({ finalStatus: 'DELETE_COMPLETE', deleted: true, failed: true })
    expect(report.rootCauses.map(cause => cause.logicalResourceId)).toEqual(['Wait'])
  })

  it("takes a nested stack's rows that come before the parent's first copied row of the operation", () => {
    const childId = arn('Amp-api-1FGH', 'child')
    const parent = settled('Amp')
    const child = parent
      .child('Amp-api-1FGH', childId)
      .resource(
        'Model',
        'AWS::CloudFormation::Stack',
        'UPDATE_FAILED',
        'Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/Amp-api-1FGH-Model-9/x was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to create: [Resolver].'
      )
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Model].')
    parent
      .at(child.now())
      .nested(
        'api',
        childId,
        'UPDATE_FAILED',
        `Embedded stack ${childId} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Model].`
      )
    const report = explainEvents(parent.dump(), [child.dump()])
    expect(report.operation?.number).toBe(1)
    expect(report.rootCauses.map(cause => [cause.nestedPath, cause.logicalResourceId])).toEqual([
      [['api'], 'Model']
    ])
  })

  it('keeps a clean-up row printed after the status it ends in, in the same second, with its operation', () => {
    const history = new History('demo').stack('UPDATE_IN_PROGRESS', 'User Initiated').stack('UPDATE_COMPLETE')
    history.wait(DAY).stack('UPDATE_ROLLBACK_IN_PROGRESS', 'User Initiated').stack('UPDATE_ROLLBACK_COMPLETE')
    // Same second, printed after the status it leads to (as a tool printing in arrival order may copy it).
    history.at(history.now() - 1000).stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
    const operations = splitOperations(parseEventDump(history.dump('oldest-first')))
    expect(operations.map(operation => [operation.type, operation.finalStatus, operation.failed])).toEqual([
      ['UPDATE_STACK', 'UPDATE_COMPLETE', false],
      ['UPDATE_STACK', 'UPDATE_ROLLBACK_COMPLETE', true]
    ])
  })
})
