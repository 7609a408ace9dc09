import { describe, expect, it } from '@jest/globals'
import { explainEvents, listOperations } from '../../../src/core/diagnose/explain.js'
import { specificStackReason } from '../../../src/core/diagnose/reason.js'
import { rootCauseLine } from '../../../src/core/report/report.js'
import { arn, History } from './history.js'

const ROLLBACK = 'Rollback requested by user.'

describe('a failure with no failing resource: the stack itself is the root cause', () => {
  it.each<[string, () => History, { status: string; summary: string }]>([
    [
      'a create importing an export that does not exist (reason on ROLLBACK_IN_PROGRESS)',
      () =>
        new History('AppStack')
          .stack('CREATE_IN_PROGRESS', 'User Initiated')
          .stack('ROLLBACK_IN_PROGRESS', `No export named CoreNetwork-VpcId found. ${ROLLBACK}`)
          .stack('ROLLBACK_COMPLETE'),
      { status: 'ROLLBACK_IN_PROGRESS', summary: 'No export named CoreNetwork-VpcId found.' }
    ],
    [
      'an update removing an export another stack still imports (reason on UPDATE_ROLLBACK_IN_PROGRESS)',
      () =>
        new History('CoreNetwork')
          .stack('UPDATE_IN_PROGRESS', 'User Initiated')
          .resource('PublicSubnet', 'AWS::EC2::Subnet', 'UPDATE_COMPLETE')
          .stack(
            'UPDATE_ROLLBACK_IN_PROGRESS',
            'Export CoreNetwork-VpcId cannot be deleted as it is in use by AppStack and BatchStack'
          )
          .resource('PublicSubnet', 'AWS::EC2::Subnet', 'UPDATE_COMPLETE')
          .stack('UPDATE_ROLLBACK_COMPLETE'),
      {
        status: 'UPDATE_ROLLBACK_IN_PROGRESS',
        summary: 'Export CoreNetwork-VpcId cannot be deleted as it is in use by AppStack and BatchStack'
      }
    ],
    [
      'a failed AWS::Include transform (reason on CREATE_FAILED on the stack row)',
      () =>
        new History('IncludeStack')
          .stack('CREATE_IN_PROGRESS', 'User Initiated')
          .stack(
            'CREATE_FAILED',
            'Transform AWS::Include failed with: The location parameter is not a valid S3 uri.'
          )
          .stack('ROLLBACK_IN_PROGRESS', ROLLBACK)
          .stack('ROLLBACK_COMPLETE'),
      {
        status: 'CREATE_FAILED',
        summary: 'Transform AWS::Include failed with: The location parameter is not a valid S3 uri.'
      }
    ],
    [
      'a failed AWS::Serverless transform (reason repeated on the CREATE_IN_PROGRESS row)',
      () =>
        new History('sam-app')
          .stack('REVIEW_IN_PROGRESS', 'User Initiated')
          .stack(
            'CREATE_IN_PROGRESS',
            'Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [HelloFunction] is invalid. property Handler not defined.'
          )
          .stack(
            'ROLLBACK_IN_PROGRESS',
            'Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [HelloFunction] is invalid. property Handler not defined. Rollback requested by user.'
          )
          .stack('ROLLBACK_COMPLETE'),
      {
        status: 'CREATE_IN_PROGRESS',
        summary:
          'Transform AWS::Serverless-2016-10-31 failed with: Invalid Serverless Application Specification document. Number of errors found: 1. Resource with id [HelloFunction] is invalid. property Handler not defined.'
      }
    ],
    [
      'a parameter that names something that does not exist',
      () =>
        new History('WebStack')
          .stack('CREATE_IN_PROGRESS', 'User Initiated')
          .stack(
            'ROLLBACK_IN_PROGRESS',
            `Parameter validation failed: parameter value sg-0abc1234 for parameter name WebSecurityGroup does not exist. ${ROLLBACK}`
          )
          .stack('ROLLBACK_COMPLETE'),
      {
        status: 'ROLLBACK_IN_PROGRESS',
        summary:
          'Parameter validation failed: parameter value sg-0abc1234 for parameter name WebSecurityGroup does not exist.'
      }
    ],
    [
      'a cancelled update',
      () =>
        new History('QueueStack')
          .stack('UPDATE_IN_PROGRESS', 'User Initiated')
          .resource('Queue', 'AWS::SQS::Queue', 'UPDATE_IN_PROGRESS')
          .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'Stack update cancelled')
          .resource('Queue', 'AWS::SQS::Queue', 'UPDATE_COMPLETE')
          .stack('UPDATE_ROLLBACK_COMPLETE'),
      { status: 'UPDATE_ROLLBACK_IN_PROGRESS', summary: 'Stack update cancelled' }
    ]
  ])('%s', (_name, history, expected) => {
    const report = explainEvents(history().dump())
    expect(report.rootCauses).toHaveLength(1)
    const stackName = history().stackName
    expect(report.rootCauses[0]).toMatchObject({
      scope: 'stack',
      logicalResourceId: stackName,
      resourceType: 'AWS::CloudFormation::Stack',
      nestedPath: [],
      ...expected
    })
    expect(rootCauseLine(report)).toBe(
      `${stackName}: the stack ${stackName} itself failed (${expected.status}): ${expected.summary}`
    )
  })

  it('never takes the generic summaries alone: only cascades left gives the earliest resource, not the stack', () => {
    const report = explainEvents(
      new History('BucketStack')
        .stack('CREATE_IN_PROGRESS', 'User Initiated')
        .resource('Bucket', 'AWS::S3::Bucket', 'CREATE_FAILED', 'Resource creation cancelled')
        .stack('ROLLBACK_IN_PROGRESS', `The following resource(s) failed to create: [Bucket]. ${ROLLBACK}`)
        .stack('ROLLBACK_COMPLETE')
        .dump()
    )
    expect(report.rootCauses.map(cause => [cause.scope, cause.logicalResourceId])).toEqual([
      ['resource', 'Bucket']
    ])
  })

  it("names the resources a generic summary lists when their own rows are missing, never the summary's stack", () => {
    const onlyStackRows = new History('AppStack')
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .stack('CREATE_FAILED', 'The following resource(s) failed to create: [Db, Queue].')
    const report = explainEvents(onlyStackRows.dump())
    expect(
      report.rootCauses.map(cause => [cause.scope, cause.logicalResourceId, cause.status, cause.summary])
    ).toEqual([
      [
        'resource',
        'Db',
        'CREATE_FAILED',
        "Db failed to create; its own event, with the reason, is not in these events (the stack's CREATE_FAILED row lists it)."
      ],
      [
        'resource',
        'Queue',
        'CREATE_FAILED',
        "Queue failed to create; its own event, with the reason, is not in these events (the stack's CREATE_FAILED row lists it)."
      ]
    ])
    const userOnly = new History('AppStack')
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', ROLLBACK)
      .stack('UPDATE_ROLLBACK_COMPLETE')
    expect(explainEvents(userOnly.dump()).rootCauses).toEqual([])
  })

  it('prefers a failed resource over the stack-level summary of it', () => {
    const report = explainEvents(
      new History('AppStack')
        .stack('CREATE_IN_PROGRESS', 'User Initiated')
        .resource(
          'Role',
          'AWS::IAM::Role',
          'CREATE_FAILED',
          'Resource handler returned message: "Policy is malformed"'
        )
        .stack('ROLLBACK_IN_PROGRESS', `The following resource(s) failed to create: [Role]. ${ROLLBACK}`)
        .stack('ROLLBACK_COMPLETE')
        .dump()
    )
    expect(report.rootCauses[0]).toMatchObject({ scope: 'resource', logicalResourceId: 'Role' })
  })

  it('drills into a nested stack that failed at the stack level: its logical id in the parent, its own reason', () => {
    const childId = arn('AppStack-StorageStack-9ZQ', 'child')
    const parent = new History('AppStack')
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .nested('StorageStack', childId, 'CREATE_IN_PROGRESS', 'Resource creation Initiated')
    const child = parent
      .child('AppStack-StorageStack-9ZQ', childId)
      .stack('CREATE_IN_PROGRESS', 'User Initiated')
      .stack('CREATE_FAILED', 'No export named Shared-BucketArn found')
    parent
      .at(child.now())
      .nested(
        'StorageStack',
        childId,
        'CREATE_FAILED',
        `Embedded stack ${childId} was not successfully created: No export named Shared-BucketArn found`
      )
      .stack(
        'ROLLBACK_IN_PROGRESS',
        `The following resource(s) failed to create: [StorageStack]. ${ROLLBACK}`
      )
      .stack('ROLLBACK_COMPLETE')
    const report = explainEvents(parent.dump(), [child.dump()])
    expect(report.rootCauses).toEqual([
      expect.objectContaining({
        scope: 'stack',
        logicalResourceId: 'StorageStack',
        nestedPath: [],
        physicalResourceId: childId,
        status: 'CREATE_FAILED',
        summary: 'No export named Shared-BucketArn found'
      })
    ])
    // Without the child's own events, the parent's row for it says the same.
    const parentOnly = explainEvents(parent.dump())
    expect(parentOnly.rootCauses[0]).toMatchObject({
      scope: 'stack',
      logicalResourceId: 'StorageStack',
      summary: 'No export named Shared-BucketArn found'
    })
  })

  it('names a nested stack that needs a capability by its path, two levels down, from the parent rows', () => {
    const mid = arn('Platform-Services-1A', 'mid')
    const leaf = arn('Platform-Services-1A-Macro-2B', 'leaf')
    const root = new History('Platform')
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .nested('Services', mid, 'UPDATE_IN_PROGRESS')
    const services = root
      .child('Platform-Services-1A', mid)
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .nested(
        'Macro',
        leaf,
        'CREATE_FAILED',
        `Embedded stack ${leaf} was not successfully created: Requires capabilities : [CAPABILITY_AUTO_EXPAND]`
      )
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Macro].')
    root
      .at(services.now())
      .nested(
        'Services',
        mid,
        'UPDATE_FAILED',
        `Embedded stack ${mid} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to create: [Macro].`
      )
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Services].')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    const report = explainEvents(root.dump(), [services.dump()])
    expect(
      report.rootCauses.map(cause => [cause.scope, cause.nestedPath, cause.logicalResourceId, cause.summary])
    ).toEqual([['stack', ['Services'], 'Macro', 'Requires capabilities : [CAPABILITY_AUTO_EXPAND]']])
  })

  it.each([
    [`The following resource(s) failed to create: [A, B]. ${ROLLBACK}`, ''],
    ['The following resource(s) failed to update: [Api].', ''],
    ['User Initiated', ''],
    [`No export named X found. ${ROLLBACK}`, 'No export named X found.'],
    [
      'Embedded stack arn:aws:cloudformation:us-east-1:1:stack/C/1 was not successfully created: The following resource(s) failed to create: [Db].',
      ''
    ],
    [
      'Embedded stack arn:aws:cloudformation:us-east-1:1:stack/C/1 was not successfully created: Transform AWS::Include failed with: S3 error',
      'Transform AWS::Include failed with: S3 error'
    ],
    ['Resource creation cancelled', '']
  ])('the specific part of "%s" is "%s"', (reason, specific) => {
    expect(specificStackReason(reason)).toBe(specific)
  })
})

describe('operations that stop on the stack itself: a cancelled update, a refused deletion', () => {
  const CANCELLED =
    'The update was cancelled (CancelUpdateStack, or "Cancel update stack" in the console) and rolled back; no resource had failed before the cancel.'

  it('names a cancelled update (rollback "User Initiated", no failed resource), with or without its start row', () => {
    const full = new History('demo')
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .resource('Queue', 'AWS::SQS::Queue', 'UPDATE_IN_PROGRESS')
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'User Initiated')
      .resource('Queue', 'AWS::SQS::Queue', 'UPDATE_FAILED', 'Resource update cancelled')
      .stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    // As lono's `cfn cancel` prints it: only the rows after the cancel.
    const copied = new History('demo')
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'User Initiated')
      .stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    for (const history of [full, copied]) {
      const report = explainEvents(history.dump())
      expect(report.operation?.type).toBe('UPDATE_STACK')
      expect(report.stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', failed: true })
      expect(report.rootCauses).toEqual([
        expect.objectContaining({
          scope: 'stack',
          logicalResourceId: 'demo',
          status: 'UPDATE_ROLLBACK_IN_PROGRESS',
          summary: CANCELLED
        })
      ])
    }
  })

  it('does not call a continue-update-rollback "User Initiated" a cancel', () => {
    const history = new History('LedgerStack')
      .stack('UPDATE_IN_PROGRESS', 'User Initiated')
      .resource('Table', 'AWS::DynamoDB::Table', 'UPDATE_FAILED', 'Table already exists: ledger')
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Table].')
      .resource('Table', 'AWS::DynamoDB::Table', 'UPDATE_FAILED', 'Table ledger not found')
      .stack('UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [Table].')
      .wait(86_400_000)
      .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'User Initiated')
      .resource('Table', 'AWS::DynamoDB::Table', 'UPDATE_COMPLETE')
      .stack('UPDATE_ROLLBACK_COMPLETE')
    const latest = explainEvents(history.dump(), [], { operation: 'latest' })
    expect(latest.operation?.type).toBe('CONTINUE_ROLLBACK')
    expect(listOperations(history.dump())[0]).toMatchObject({ type: 'CONTINUE_ROLLBACK', failed: false })
    expect(latest.rootCauses).toEqual([])
    expect(explainEvents(history.dump()).rootCauses[0]?.logicalResourceId).toBe('Table')
  })

  const REFUSED = 'Export foo-vpc-EcsCluster cannot be deleted as it is in use by foo-events'
  it.each<[string, (history: History) => History, string]>([
    // stax issue 40 shows only this row.
    ['the repeated status row alone', history => history.stack('UPDATE_COMPLETE', REFUSED), 'UPDATE_STACK'],
    // What describe-stack-events holds (aws/aws-sdk issue 383): the deletion starts, then the status comes back.
    [
      'the deletion start and the status it falls back to',
      history => history.stack('DELETE_IN_PROGRESS', 'User Initiated').stack('UPDATE_COMPLETE', REFUSED),
      'DELETE_STACK'
    ]
  ])('names a deletion refused for an export in use, from %s', (_name, refusal, type) => {
    const history = refusal(
      new History('foo-vpc')
        .stack('UPDATE_IN_PROGRESS', 'User Initiated')
        .stack('UPDATE_COMPLETE')
        .wait(86_400_000)
    )
    const report = explainEvents(history.dump())
    expect(report.operation).toMatchObject({ number: 1, count: 2, type })
    expect(report.stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', failed: true })
    expect(report.rootCauses).toEqual([
      expect.objectContaining({
        scope: 'stack',
        logicalResourceId: 'foo-vpc',
        status: 'UPDATE_COMPLETE',
        summary: REFUSED
      })
    ])
    // The update before it did not fail.
    expect(explainEvents(history.dump(), [], { operation: '2' }).rootCauses).toEqual([])
  })
})
