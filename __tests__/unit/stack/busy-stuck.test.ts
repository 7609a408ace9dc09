import { afterEach, describe, expect, it } from '@jest/globals'
import {
  BusyStackFailedError,
  BusyStackTimeoutError,
  protectStacks,
  StackApi,
  StackStuckError,
  waitForBusyStacks
} from '../../../src/core/stack/index.js'
import {
  attributeProtectionChanges,
  operationStarter,
  type StackCall
} from '../../../src/core/stack/trail.js'
import { arn, FakeCloudFormation, seconds, STACK } from './fake-cloudformation.js'

const MINUTE = 60
let cloud: FakeCloudFormation | undefined

afterEach(() => cloud?.restore())

/** Someone else's update started 30 s before the lock was taken. */
function busy(
  cfn: FakeCloudFormation,
  ending: 'UPDATE_COMPLETE' | 'UPDATE_ROLLBACK_COMPLETE'
): FakeCloudFormation {
  return cfn
    .stack(STACK)
    .status(STACK, 'CREATE_COMPLETE', -86_400)
    .status(STACK, 'UPDATE_IN_PROGRESS', -30)
    .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', -28)
    .status(STACK, ending, 6 * MINUTE)
}

async function waitBusy(timeoutMs = 30 * MINUTE * 1000) {
  const info: string[] = []
  const events: string[] = []
  const waits = await waitForBusyStacks(
    { cfn: cloud!.client, api: new StackApi(cloud!.client), clock: cloud!.clock },
    [STACK],
    {
      timeoutMs,
      onInfo: text => info.push(text),
      onEvent: event => events.push(`${event.logicalResourceId} ${event.resourceStatus}`)
    }
  )
  return { waits, info, events }
}

describe('a stack busy with another operation when the lock is taken', () => {
  it('is waited for, its events streamed, until it settles; then the run goes on', async () => {
    cloud = busy(new FakeCloudFormation(), 'UPDATE_COMPLETE')
    const { waits, info, events } = await waitBusy()
    expect(info[0]).toBe(
      `${STACK} is UPDATE_IN_PROGRESS: an operation started by someone unknown at ${new Date(seconds(-30)).toISOString()} ` +
        "is still running, and it is not this run's. Waiting up to 30m (wait-timeout) for it to finish before running the deploy command."
    )
    expect(events).toEqual([
      `${STACK} UPDATE_IN_PROGRESS`,
      'BackendService UPDATE_IN_PROGRESS',
      `${STACK} UPDATE_COMPLETE`
    ])
    expect(waits).toEqual([
      expect.objectContaining({
        stackName: STACK,
        status: 'UPDATE_IN_PROGRESS',
        finalStatus: 'UPDATE_COMPLETE'
      })
    ])
    expect(cloud.clock.now()).toBeGreaterThanOrEqual(seconds(6 * MINUTE))
  })

  it('stops the run when it ends failed', async () => {
    cloud = busy(new FakeCloudFormation(), 'UPDATE_ROLLBACK_COMPLETE')
    const failure = await waitBusy().catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(BusyStackFailedError)
    expect((failure as BusyStackFailedError).wait).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE' })
    expect((failure as Error).message).toContain("was busy with someone else's operation (UPDATE_IN_PROGRESS")
  })

  it('gives up at the wait-timeout without running the command', async () => {
    cloud = busy(new FakeCloudFormation(), 'UPDATE_COMPLETE')
    const failure = await waitBusy(2 * MINUTE * 1000).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(BusyStackTimeoutError)
    expect((failure as Error).message).toMatch(/is still UPDATE_IN_PROGRESS after waiting 2m/)
  })

  it('does not wait for a stack at rest, or a change set under review', async () => {
    cloud = new FakeCloudFormation().stack(STACK).status(STACK, 'REVIEW_IN_PROGRESS', -10)
    const { waits, info } = await waitBusy()
    expect(waits).toEqual([])
    expect(info).toEqual([])
  })
})

describe('a stack stuck in a failed rollback', () => {
  it('stops the run before the command with the continue-update-rollback way out', async () => {
    cloud = new FakeCloudFormation()
      .stack(STACK)
      .status(STACK, 'UPDATE_IN_PROGRESS', -600)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', -500, {
        reason: 'circuit breaker'
      })
      .status(STACK, 'UPDATE_ROLLBACK_IN_PROGRESS', -499)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', -100, { reason: 'still broken' })
      .status(STACK, 'UPDATE_ROLLBACK_FAILED', -99)
    const failure = await protectStacks(new StackApi(cloud.client), [STACK], async () => undefined).catch(
      (error: unknown) => error
    )
    expect(failure).toBeInstanceOf(StackStuckError)
    // The diagnosis' wording (diagnose/stuck.ts wayOut): only what failed during the rollback and stayed failed.
    expect((failure as Error).message).toContain(
      'It is blocked by BackendService (AWS::ECS::Service): still broken.'
    )
    expect((failure as Error).message).not.toContain('circuit breaker')
    expect((failure as Error).message).toContain(
      `aws cloudformation continue-update-rollback --stack-name ${STACK} --resources-to-skip BackendService`
    )
    expect((failure as Error).message).toContain('The deploy command was not run.')
  })
})

describe('who did it, from CloudTrail', () => {
  const call = (eventName: string, at: number, extra: Partial<StackCall> = {}): StackCall => ({
    eventId: `${eventName}-${at}`,
    time: seconds(at),
    eventName,
    eventSource: 'cloudformation.amazonaws.com',
    principal: 'iseepatterns-iam-user',
    ...extra
  })

  it('matches each protection restore with the latest call that turned it off', () => {
    const restore = {
      stackName: STACK,
      stackId: arn(STACK),
      foundOffAt: seconds(70),
      restoredAt: seconds(71)
    }
    const named = attributeProtectionChanges(
      [restore],
      [
        call('UpdateTerminationProtection', 0, { enable: true, principal: 'deploy-guard role' }),
        call('UpdateTerminationProtection', 60, { enable: false, principal: 'role cdk-deploy-role' }),
        call('ExecuteChangeSet', 61),
        call('UpdateTerminationProtection', 71, { enable: true, principal: 'deploy-guard role' })
      ]
    )
    expect(named).toEqual([{ ...restore, turnedOffBy: 'role cdk-deploy-role', turnedOffAt: seconds(60) }])
  })

  it("names an operation's starter by its token, else by the last starting call before it", () => {
    const calls = [
      call('ExecuteChangeSet', 10, { principal: 'alice', clientRequestToken: 'Console-1' }),
      call('ExecuteChangeSet', 50, { principal: 'bob' })
    ]
    expect(operationStarter(calls, seconds(60), 'Console-1')?.principal).toBe('alice')
    expect(operationStarter(calls, seconds(60))?.principal).toBe('bob')
    expect(operationStarter(calls, seconds(20))?.principal).toBe('alice')
  })
})
