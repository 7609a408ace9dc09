import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import { replaceFailedCreate, StackApi } from '../../../src/core/stack/index.js'
import { arn, FakeCloudFormation, STACK } from './fake-cloudformation.js'

let cloud: FakeCloudFormation
afterEach(() => cloud.restore())

/** Deployment #75 of incident A: the first create failed and rolled back, and the stack is protected. */
function failedCreate(): FakeCloudFormation {
  return new FakeCloudFormation()
    .stack(STACK, { protected: true })
    .status(STACK, 'CREATE_IN_PROGRESS', -40 * 60)
    .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', -39 * 60)
    .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'CREATE_FAILED', -5 * 60, {
      reason: 'DB subnet group does not cover enough Availability Zones'
    })
    .status(STACK, 'ROLLBACK_IN_PROGRESS', -4 * 60)
    .status(STACK, 'ROLLBACK_COMPLETE', -60)
}

describe('replaceFailedCreate', () => {
  it('records every event first, then lifts protection, deletes by ARN and waits until it is gone', async () => {
    cloud = failedCreate()
    const api = new StackApi(cloud.client)
    const summary = (await api.describeStack(STACK))!
    const replaced = await replaceFailedCreate(api, cloud.clock, summary, { pollMs: 5_000 })

    expect(replaced.stackId).toBe(arn(STACK))
    expect(replaced.events.map(event => `${event.logicalResourceId} ${event.resourceStatus}`)).toEqual([
      `${STACK} CREATE_IN_PROGRESS`,
      'Database CREATE_IN_PROGRESS',
      'Database CREATE_FAILED',
      `${STACK} ROLLBACK_IN_PROGRESS`,
      `${STACK} ROLLBACK_COMPLETE`
    ])
    const order = cloud.mock
      .calls()
      .map(call => (call.args[0] as { constructor: { name: string } }).constructor.name)
    expect(order.slice(1, 4)).toEqual([
      DescribeStackEventsCommand.name,
      UpdateTerminationProtectionCommand.name,
      DeleteStackCommand.name
    ])
    expect(cloud.mock.commandCalls(DeleteStackCommand)[0]!.args[0].input).toEqual({ StackName: arn(STACK) })
    expect(cloud.mock.commandCalls(UpdateTerminationProtectionCommand)[0]!.args[0].input).toEqual({
      StackName: arn(STACK),
      EnableTerminationProtection: false
    })
    expect(cloud.calls('DescribeStacks').slice(1)).toEqual(
      Array(cloud.calls('DescribeStacks').length - 1).fill(arn(STACK))
    )
    expect(cloud.clock.sleeps).toEqual(Array(cloud.clock.sleeps.length).fill(5_000))
    expect(cloud.clock.sleeps.length).toBeGreaterThanOrEqual(6)
    expect(cloud.mock.commandCalls(DescribeStacksCommand).length).toBe(cloud.clock.sleeps.length + 2)
  })
})
