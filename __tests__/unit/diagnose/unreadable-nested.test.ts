import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  CloudFormationClient,
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type StackEvent as SdkStackEvent
} from '@aws-sdk/client-cloudformation'
import { diagnoseStack } from '../../../src/core/diagnose/diagnose.js'
import { arn } from './history.js'

const ROOT = arn('PaymentsStack')
const CHILD = arn('PaymentsStack-WorkersStack-1X2Y', 'child')
const T0 = Date.parse('2026-11-02T10:00:00Z')
let n = 0
const event = (
  logical: string,
  type: string,
  status: string,
  reason?: string,
  physical?: string
): SdkStackEvent => ({
  EventId: `e${++n}`,
  StackId: ROOT,
  StackName: 'PaymentsStack',
  LogicalResourceId: logical,
  ResourceType: type,
  ResourceStatus: status as SdkStackEvent['ResourceStatus'],
  Timestamp: new Date(T0 + n * 1000),
  ...(reason ? { ResourceStatusReason: reason } : {}),
  ...(physical ? { PhysicalResourceId: physical } : {})
})
const EMBEDDED = `Embedded stack ${CHILD} was not successfully updated. Currently in UPDATE_ROLLBACK_IN_PROGRESS with reason: The following resource(s) failed to update: [Worker].`

function cloudFormation(childError: Error) {
  const mock = mockClient(CloudFormationClient)
  const history = [
    event('PaymentsStack', 'AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS', 'User Initiated', ROOT),
    event('WorkersStack', 'AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS', undefined, CHILD),
    event('WorkersStack', 'AWS::CloudFormation::Stack', 'UPDATE_FAILED', EMBEDDED, CHILD),
    event(
      'PaymentsStack',
      'AWS::CloudFormation::Stack',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'The following resource(s) failed to update: [WorkersStack].',
      ROOT
    ),
    event('PaymentsStack', 'AWS::CloudFormation::Stack', 'UPDATE_ROLLBACK_COMPLETE', undefined, ROOT)
  ]
  mock.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'PaymentsStack',
        StackId: ROOT,
        StackStatus: 'UPDATE_ROLLBACK_COMPLETE',
        CreationTime: new Date(T0)
      }
    ]
  })
  mock.on(DescribeStackEventsCommand, { StackName: ROOT }).resolves({ StackEvents: [...history].reverse() })
  mock.on(DescribeStackEventsCommand, { StackName: CHILD }).rejects(childError)
  mock.on(DescribeEventsCommand).resolves({ OperationEvents: [] })
  return new CloudFormationClient({ region: 'us-east-1' })
}

const named = (name: string, message: string) =>
  Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } })

describe('diagnose: a nested stack whose events cannot be read is a note, and the diagnosis goes on', () => {
  it.each([
    [
      'deleted too long ago',
      named('ValidationError', `Stack with id ${CHILD} does not exist`),
      `Stack with id ${CHILD} does not exist`
    ],
    [
      'denied',
      named(
        'AccessDenied',
        'User: arn:aws:iam::123456789012:role/ci is not authorized to perform: cloudformation:DescribeStackEvents'
      ),
      'cloudformation:DescribeStackEvents was denied'
    ]
  ])('%s', async (_name, error, said) => {
    const report = await diagnoseStack(
      {
        cfn: cloudFormation(error),
        clock: { now: () => T0 + 3_600_000, monotonic: () => 0, sleep: async () => undefined }
      },
      { stackName: 'PaymentsStack', region: 'us-east-1' }
    )
    expect(report.notes).toEqual([
      expect.stringMatching(
        /^Nested stack WorkersStack could not be read: .*; its parent's reason is shown\.$/
      )
    ])
    expect(report.notes[0]).toContain(said)
    expect(report.rootCauses[0]).toMatchObject({ logicalResourceId: 'WorkersStack', reason: EMBEDDED })
    expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE')
  })
})
