import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import { type ProtectionRestore, watchStacks, type WatchOptions } from '../../../src/core/stack/index.js'
import { arn, FakeCloudFormation, seconds, STACK, throttled } from './fake-cloudformation.js'

const MINUTE = 60
let cloud: FakeCloudFormation

afterEach(() => cloud.restore())

/** A stack deploy-guard protected before the command; the command then deploys it as `cdk deploy` does. */
function existingProtected(cfn: FakeCloudFormation): FakeCloudFormation {
  return cfn
    .stack(STACK, { protected: true })
    .status(STACK, 'CREATE_IN_PROGRESS', -86_400)
    .status(STACK, 'CREATE_COMPLETE', -86_000)
}

async function runModeWatch(options: Partial<WatchOptions> = {}) {
  const restores: ProtectionRestore[] = []
  const outcome = await watchStacks(
    { cfn: cloud.client, clock: cloud.clock, random: () => 0.5 },
    {
      stacks: [STACK],
      mode: 'new-operation',
      protect: true,
      protectedAtStart: [STACK],
      pollMinMs: 3_000,
      pollMaxMs: 30_000,
      onProtectionRestored: restore => restores.push(restore),
      ...options
    }
  )
  return { outcome, restores, stack: outcome.stacks[0]! }
}

const protectionCalls = () =>
  cloud.mock.commandCalls(UpdateTerminationProtectionCommand).map(call => call.args[0].input)

describe('protection that survives the deploy tool', () => {
  it('turns protection back on when cdk deploy turns it off before executing its change set, within one poll interval', async () => {
    // cdk deploy: CreateChangeSet (quiet for 2 minutes), UpdateTerminationProtection false, ExecuteChangeSet.
    cloud = existingProtected(new FakeCloudFormation())
      .protectionChange(STACK, false, 2 * MINUTE)
      .status(STACK, 'UPDATE_IN_PROGRESS', 2 * MINUTE + 1)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', 2 * MINUTE + 3)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', 8 * MINUTE)
      .status(STACK, 'UPDATE_COMPLETE', 8 * MINUTE + 2)
    const { stack, restores } = await runModeWatch()
    expect(protectionCalls()).toEqual([{ StackName: arn(STACK), EnableTerminationProtection: true }])
    expect(restores).toHaveLength(1)
    expect(restores[0]).toMatchObject({ stackName: STACK, stackId: arn(STACK) })
    expect(restores[0]!.foundOffAt).toBeGreaterThanOrEqual(seconds(2 * MINUTE + 1))
    const window = cloud.unprotectedMs(STACK, 0, 10 * MINUTE)
    expect(window).toBeGreaterThan(0)
    expect(window).toBeLessThanOrEqual(30_000 * 1.2)
    expect(stack).toMatchObject({
      protected: true,
      finalStatus: 'UPDATE_COMPLETE',
      protectionRestored: restores
    })
    expect(cloud.isProtected(STACK)).toBe(true)
  })

  it('costs no DescribeStacks in idle polls: the first look, one at the operation start, one at the end', async () => {
    cloud = existingProtected(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', 10)
      .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS', 12)
      .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_COMPLETE', 30 * MINUTE)
      .status(STACK, 'UPDATE_COMPLETE', 30 * MINUTE + 2)
    await runModeWatch()
    const polls = cloud.clock.sleeps.length + 1
    expect(polls).toBeGreaterThan(20)
    expect(cloud.mock.commandCalls(DescribeStacksCommand)).toHaveLength(3)
    expect(cloud.mock.commandCalls(DescribeStackEventsCommand).length).toBeLessThanOrEqual(polls + 1)
    expect(protectionCalls()).toEqual([])
  })

  it('catches a deploy that changed nothing but protection (no operation) when the command ends', async () => {
    cloud = existingProtected(new FakeCloudFormation()).protectionChange(STACK, false, 20)
    const commandDone = new AbortController()
    cloud.clock.sleep = (sleep => async (ms: number) => {
      await sleep(ms)
      if (cloud.clock.now() >= seconds(25)) commandDone.abort()
    })(cloud.clock.sleep.bind(cloud.clock))
    const { stack, restores } = await runModeWatch({ commandDone: commandDone.signal })
    expect(stack).toMatchObject({ changed: false, failed: false, protected: true })
    expect(restores).toHaveLength(1)
    expect(cloud.isProtected(STACK)).toBe(true)
  })

  it('protects a stack that was never protected without calling it a restore', async () => {
    cloud = new FakeCloudFormation()
      .stack(STACK)
      .status(STACK, 'UPDATE_IN_PROGRESS', -10)
      .status(STACK, 'UPDATE_COMPLETE', 60)
    const protectedNames: string[] = []
    const { restores, stack } = await runModeWatch({
      mode: 'follow-current',
      protectedAtStart: [],
      onProtected: (name, _id, appeared) => protectedNames.push(`${name} ${appeared}`)
    })
    expect(protectedNames).toEqual([`${STACK} false`])
    expect(restores).toEqual([])
    expect(stack.protected).toBe(true)
  })

  it('retries a throttled re-protection on the next poll rather than losing it', async () => {
    cloud = existingProtected(new FakeCloudFormation())
      .protectionChange(STACK, false, 60)
      .status(STACK, 'UPDATE_IN_PROGRESS', 61)
      .status(STACK, 'UPDATE_COMPLETE', 20 * MINUTE)
    cloud.failures.UpdateTerminationProtection = [throttled()]
    const { restores } = await runModeWatch()
    expect(protectionCalls()).toHaveLength(2)
    expect(restores).toHaveLength(1)
    expect(cloud.isProtected(STACK)).toBe(true)
  })

  it('leaves protection alone when asked not to protect', async () => {
    cloud = existingProtected(new FakeCloudFormation())
      .protectionChange(STACK, false, 60)
      .status(STACK, 'UPDATE_IN_PROGRESS', 61)
      .status(STACK, 'UPDATE_COMPLETE', 5 * MINUTE)
    const { stack } = await runModeWatch({ protect: false })
    expect(protectionCalls()).toEqual([])
    expect(stack.protectionRestored).toEqual([])
    expect(cloud.isProtected(STACK)).toBe(false)
  })
})
