import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  CloudFormationClient,
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  type OperationEvent,
  type StackEvent as SdkStackEvent
} from '@aws-sdk/client-cloudformation'
import { StackApi } from '../../../src/core/stack/api.js'
import { EventStream } from '../../../src/core/stack/event-stream.js'

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack/abc'

function event(n: number, overrides: Partial<SdkStackEvent> = {}): SdkStackEvent {
  return {
    EventId: `e${n}`,
    StackId: STACK_ID,
    StackName: 'CourtCaseManagementStack',
    LogicalResourceId: `Resource${n}`,
    PhysicalResourceId: `physical-${n}`,
    ResourceType: 'AWS::SQS::Queue',
    Timestamp: new Date(1_700_000_000_000 + n * 1000),
    ResourceStatus: 'CREATE_COMPLETE',
    ...overrides
  }
}

/** A mocked DescribeStackEvents over `history` (oldest first), newest first in pages of 100 as AWS returns them. */
function serve(history: SdkStackEvent[]) {
  const cfn = mockClient(CloudFormationClient)
  cfn.on(DescribeStackEventsCommand).callsFake(input => {
    const newestFirst = [...history].reverse()
    const start = input.NextToken ? Number(input.NextToken) : 0
    const page = newestFirst.slice(start, start + 100)
    return {
      StackEvents: page,
      NextToken: start + 100 < newestFirst.length ? String(start + 100) : undefined
    }
  })
  return cfn
}

describe('EventStream', () => {
  it('costs one call when nothing happened since the last poll', async () => {
    const history = Array.from({ length: 30 }, (_, n) => event(n))
    const cfn = serve(history)
    const api = new StackApi(new CloudFormationClient({ region: 'us-east-1' }))
    const stream = new EventStream(api, STACK_ID, [])
    await stream.poll()
    const before = cfn.commandCalls(DescribeStackEventsCommand).length
    expect(await stream.poll()).toEqual([])
    expect(cfn.commandCalls(DescribeStackEventsCommand).length - before).toBe(1)
    cfn.restore()
  })

  it('pages back only to the last seen event: 250 new events cost 3 calls, returned oldest first', async () => {
    const history = Array.from({ length: 10 }, (_, n) => event(n))
    const cfn = serve(history)
    const api = new StackApi(new CloudFormationClient({ region: 'us-east-1' }))
    const stream = new EventStream(api, STACK_ID, [])
    await stream.poll()
    history.push(...Array.from({ length: 250 }, (_, n) => event(10 + n)))
    const before = cfn.commandCalls(DescribeStackEventsCommand).length
    const fresh = await stream.poll()
    expect(cfn.commandCalls(DescribeStackEventsCommand).length - before).toBe(3)
    expect(fresh.map(e => e.eventId)).toEqual(Array.from({ length: 250 }, (_, n) => `e${10 + n}`))
    cfn.restore()
  })

  it('reads a watched stack only back to the start of its current operation', async () => {
    const history = [
      ...Array.from({ length: 150 }, (_, n) => event(n)),
      event(150, {
        LogicalResourceId: 'CourtCaseManagementStack',
        PhysicalResourceId: STACK_ID,
        ResourceType: 'AWS::CloudFormation::Stack',
        ResourceStatus: 'UPDATE_IN_PROGRESS'
      }),
      event(151, { ResourceStatus: 'UPDATE_IN_PROGRESS' })
    ]
    const cfn = serve(history)
    const api = new StackApi(new CloudFormationClient({ region: 'us-east-1' }))
    const fresh = await new EventStream(api, STACK_ID, [], { currentOperation: true }).poll()
    expect(fresh.map(e => e.eventId)).toEqual(['e150', 'e151'])
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(1)
    cfn.restore()
  })

  it('starts after everything that already happened when given the newest event', async () => {
    const history = Array.from({ length: 5 }, (_, n) => event(n))
    const cfn = serve(history)
    const api = new StackApi(new CloudFormationClient({ region: 'us-east-1' }))
    const stream = new EventStream(api, STACK_ID, [], {
      afterEventId: (await EventStream.newestEvent(api, STACK_ID))?.eventId
    })
    history.push(event(5))
    expect((await stream.poll()).map(e => e.eventId)).toEqual(['e5'])
    cfn.restore()
  })

  it('after a first read by DescribeEvents, an idle poll still costs one call even if its newest event is not a stack event', async () => {
    const history = Array.from({ length: 300 }, (_, n) => event(n))
    const cfn = serve(history)
    const validation = {
      EventId: 'validation-1',
      StackId: STACK_ID,
      OperationId: 'op-1',
      EventType: 'VALIDATION_ERROR' as const,
      LogicalResourceId: 'Database',
      ResourceType: 'AWS::RDS::DBInstance',
      Timestamp: new Date(1_700_000_000_000 + 300 * 1000),
      ValidationStatus: 'FAILED' as const
    }
    cfn.on(DescribeEventsCommand).resolves({
      OperationEvents: [validation, { ...history[299]!, OperationId: 'op-1' } as OperationEvent]
    })
    const api = new StackApi(new CloudFormationClient({ region: 'us-east-1' }))
    const stream = new EventStream(api, STACK_ID, [], {
      currentOperation: true,
      operation: { stackName: 'CourtCaseManagementStack', ids: ['op-1'] }
    })
    expect((await stream.poll()).map(e => e.eventId)).toEqual(['e299', 'validation-1'])
    expect(await stream.poll()).toEqual([])
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(1)
    cfn.restore()
  })
})
