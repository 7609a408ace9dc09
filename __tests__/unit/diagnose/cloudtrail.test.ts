import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { CloudTrailClient, type Event, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import type { Clock } from '../../../src/core/clock.js'
import { lookupTrailContext, type TrailRequest } from '../../../src/core/diagnose/cloudtrail.js'

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack/abc'
const T0 = Date.parse('2026-11-20T11:26:47Z')

/** A clock whose sleeps only advance time, recording when each request was sent. */
function fakeClock(now: number): Clock {
  let monotonic = 0
  return {
    now: () => now + monotonic,
    monotonic: () => monotonic,
    sleep: async ms => {
      monotonic += ms
    }
  }
}

function record(eventName: string, at: number, identity: object, extra: object = {}): Event {
  return {
    EventId: `${eventName}-${at}`,
    EventName: eventName,
    EventTime: new Date(at),
    EventSource: 'cloudformation.amazonaws.com',
    CloudTrailEvent: JSON.stringify({
      userIdentity: identity,
      requestParameters: { masterUserPassword: 'hunter2-secret' },
      ...extra
    })
  }
}
const deployer = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::123456789012:user/iseepatterns-iam-user',
  userName: 'iseepatterns-iam-user'
}
const cdkRole = {
  type: 'AssumedRole',
  arn: 'arn:aws:sts::123456789012:assumed-role/aws-cdk-showboat/aws-cdk-showboat',
  sessionContext: { sessionIssuer: { userName: 'aws-cdk-showboat' } }
}
const operator = {
  type: 'IAMUser',
  arn: 'arn:aws:iam::123456789012:user/iseepatterns_user',
  userName: 'iseepatterns_user'
}

const request: TrailRequest = {
  stackName: 'CourtCaseManagementStack',
  stackId: STACK_ID,
  startedAt: T0,
  endedAt: T0 + 36 * 60_000,
  rootCauses: [
    {
      stackName: 'CourtCaseManagementStack',
      stackId: STACK_ID,
      logicalResourceId: 'Database',
      resourceType: 'AWS::RDS::DBInstance',
      status: 'CREATE_FAILED',
      reason: 'failed',
      summary: 'failed',
      timestamp: T0 + 35 * 60_000,
      nestedPath: []
    }
  ],
  heldWindow: { start: T0 - 60_000, end: T0 + 40 * 60_000 }
}

describe('lookupTrailContext', () => {
  it('paces every lookup to at most 2 per second, sends one attribute each, bounds the window and reads no parameters', async () => {
    const trail = mockClient(CloudTrailClient)
    const sent: number[] = []
    const clock = fakeClock(T0 + 2 * 3_600_000)
    trail.on(LookupEventsCommand).callsFake(input => {
      sent.push(clock.monotonic())
      if (input.LookupAttributes?.[0]?.AttributeKey === 'EventSource') {
        return {
          Events: [
            {
              ...record(
                'CreateDBInstance',
                T0 + 35 * 60_000,
                {
                  type: 'AssumedRole',
                  arn: 'arn:aws:sts::123456789012:assumed-role/cfn/AWSCloudFormation',
                  invokedBy: 'cloudformation.amazonaws.com'
                },
                {
                  errorCode: 'InvalidParameterCombination',
                  errorMessage: 'DB subnet group does not cover 2 AZs'
                }
              ),
              EventSource: 'rds.amazonaws.com'
            }
          ]
        }
      }
      return {
        Events: [
          record('CreateChangeSet', T0, deployer),
          record('ExecuteChangeSet', T0 + 10_000, deployer),
          record('UpdateStack', T0 + 20 * 60_000, operator),
          record('DeleteStack', T0 + 52 * 60_000, cdkRole, {
            errorCode: 'ValidationError',
            errorMessage: 'cannot be deleted while TerminationProtection is enabled'
          })
        ]
      }
    })
    const context = await lookupTrailContext(new CloudTrailClient({ region: 'us-east-1' }), clock, request)
    const calls = trail.commandCalls(LookupEventsCommand).map(call => call.args[0].input)
    expect(calls.every(input => input.LookupAttributes?.length === 1 && input.MaxResults === 50)).toBe(true)
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(500)
    expect(calls[0]!.StartTime!.getTime()).toBe(request.startedAt - 10 * 60_000)
    expect(calls[0]!.EndTime!.getTime()).toBe(request.endedAt + 15 * 60_000)

    expect(context.timeline.map(entry => `${entry.eventName} by ${entry.principal}`)).toEqual([
      'CreateChangeSet by iseepatterns-iam-user',
      'ExecuteChangeSet by iseepatterns-iam-user',
      'UpdateStack by iseepatterns_user',
      'DeleteStack by role aws-cdk-showboat (session aws-cdk-showboat)'
    ])
    expect(context.apiErrors).toEqual([
      expect.objectContaining({
        eventName: 'CreateDBInstance',
        errorCode: 'InvalidParameterCombination',
        invokedBy: 'cloudformation.amazonaws.com'
      })
    ])
    expect(context.concurrentChanges.map(entry => entry.principal)).toEqual(['iseepatterns_user'])
    expect(JSON.stringify(context)).not.toContain('hunter2-secret')
    trail.restore()
  })

  it('turns AccessDenied into a note naming the permission, and says when events may still be arriving', async () => {
    const trail = mockClient(CloudTrailClient)
    trail
      .on(LookupEventsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
    const context = await lookupTrailContext(
      new CloudTrailClient({ region: 'us-east-1' }),
      fakeClock(request.endedAt + 60_000),
      request
    )
    expect(context.caveats).toEqual([
      'The failure is less than 15 minutes old: CloudTrail may not have delivered every event yet; run the diagnosis again later.',
      'cloudtrail:LookupEvents was denied: grant it to see who called what on the stack and which API call failed.'
    ])
    trail.restore()
  })
})

describe('lookupTrailContext with many root causes', () => {
  it('looks up the first three one by one and the other 197 in one time-window lookup matched here, and says so', async () => {
    const trail = mockClient(CloudTrailClient)
    const queue = (i: number) => `https://sqs.us-east-1.amazonaws.com/123456789012/queue-${i}`
    const failedCall = (i: number): Event => ({
      ...record('CreateQueue', T0 + 60_000 + i, cdkRole, {
        errorCode: 'QueueLimitExceeded',
        errorMessage: `queue ${i}`
      }),
      EventSource: 'sqs.amazonaws.com',
      Resources: [{ ResourceType: 'AWS::SQS::Queue', ResourceName: queue(i) }]
    })
    trail.on(LookupEventsCommand).callsFake(input => {
      if (input.LookupAttributes) return { Events: [] }
      return {
        Events: [
          failedCall(150),
          failedCall(7),
          { ...failedCall(500), EventSource: 'ec2.amazonaws.com', Resources: [] }
        ]
      }
    })
    const causes = Array.from({ length: 200 }, (_, i) => ({
      ...request.rootCauses[0]!,
      logicalResourceId: `Queue${i}`,
      resourceType: 'AWS::SQS::Queue',
      physicalResourceId: queue(i)
    }))
    const context = await lookupTrailContext(
      trail as unknown as CloudTrailClient,
      fakeClock(T0 + 2 * 3_600_000),
      {
        ...request,
        rootCauses: causes
      }
    )
    const calls = trail.commandCalls(LookupEventsCommand).map(call => call.args[0].input)
    expect(calls).toHaveLength(2 + 3 + 1)
    expect(calls.filter(input => !input.LookupAttributes)).toHaveLength(1)
    expect(context.apiErrors.map(entry => entry.errorMessage).sort()).toEqual(['queue 150', 'queue 7'])
    expect(context.caveats.join(' ')).toContain(
      'for the other 197 (Queue3, Queue4, Queue5, Queue6, Queue7, …) one lookup by time window'
    )
  })
})
