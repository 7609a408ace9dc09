import { afterEach, describe, expect, it } from '@jest/globals'
import { watchStacks, type WatchOptions } from '../../../src/core/stack/index.js'
import { FakeCloudFormation, seconds, STACK } from './fake-cloudformation.js'

const MINUTE = 60
let cloud: FakeCloudFormation

afterEach(() => cloud.restore())

async function watch(options: Partial<WatchOptions> = {}) {
  const info: string[] = []
  const outcome = await watchStacks(
    { cfn: cloud.client, clock: cloud.clock, random: () => 0.5 },
    {
      stacks: [STACK],
      mode: 'follow-current',
      timeoutMs: 3 * 3_600_000,
      startTimeoutMs: 10 * MINUTE * 1000,
      onInfo: text => info.push(text),
      ...options
    }
  )
  return { outcome, info, stack: outcome.stacks[0]! }
}

/** Yesterday's update failed and rolled back: the operation a watch must never report as today's. */
function failedYesterday(cfn: FakeCloudFormation): FakeCloudFormation {
  return cfn
    .stack(STACK)
    .status(STACK, 'CREATE_IN_PROGRESS', -2 * 86_400)
    .status(STACK, 'CREATE_COMPLETE', -2 * 86_400 + 300)
    .status(STACK, 'UPDATE_IN_PROGRESS', -86_400)
    .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', -86_400 + 600, {
      reason: 'ECS Deployment Circuit Breaker was triggered'
    })
    .status(STACK, 'UPDATE_ROLLBACK_IN_PROGRESS', -86_400 + 601)
    .status(STACK, 'UPDATE_ROLLBACK_COMPLETE', -86_400 + 900)
}

describe('watch follows the deploy it was started for', () => {
  it('started before the change set executes: waits for the next operation, says so once, and follows it', async () => {
    cloud = failedYesterday(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', 2 * MINUTE)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', 2 * MINUTE + 2)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', 7 * MINUTE)
      .status(STACK, 'UPDATE_COMPLETE', 7 * MINUTE + 1)
    const { outcome, stack, info } = await watch()
    expect(info).toEqual([
      `${STACK}: waiting up to 10m for the next operation to start: its last one ended UPDATE_ROLLBACK_COMPLETE ` +
        `at ${new Date(seconds(-86_400 + 900)).toISOString()}, before the watch began.`
    ])
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', changed: true, failed: false })
    expect(stack.events.map(event => event.timestamp)).toEqual([
      seconds(2 * MINUTE),
      seconds(2 * MINUTE + 2),
      seconds(7 * MINUTE),
      seconds(7 * MINUTE + 1)
    ])
    expect(outcome).toMatchObject({ failed: false, timedOut: false, startTimedOut: false })
  })

  it('started during the operation: follows it from its first event to its end', async () => {
    cloud = failedYesterday(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', -30)
      .status(STACK, 'UPDATE_COMPLETE', 3 * MINUTE)
    const { stack, info } = await watch()
    expect(info).toEqual([])
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', changed: true, failed: false })
    expect(stack.events[0]!.timestamp).toBe(seconds(-30))
  })

  it('started after the operation ended: an old failed operation never fails the watch; it stops at the start timeout', async () => {
    cloud = failedYesterday(new FakeCloudFormation())
    const { outcome, stack } = await watch()
    expect(outcome).toMatchObject({ failed: false, startTimedOut: true, timedOut: false })
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', changed: false, failed: false })
    expect(stack.notStarted).toMatch(
      /^the next operation to start: its last one ended UPDATE_ROLLBACK_COMPLETE/
    )
    expect(cloud.clock.monotonic()).toBeGreaterThanOrEqual(10 * MINUTE * 1000)
    expect(cloud.clock.monotonic()).toBeLessThan(12 * MINUTE * 1000)
  })

  it('waits for a stack that does not exist yet, and follows its create', async () => {
    cloud = new FakeCloudFormation()
      .stack(STACK)
      .status(STACK, 'CREATE_IN_PROGRESS', 90)
      .status(STACK, 'CREATE_COMPLETE', 5 * MINUTE)
    const { stack, info } = await watch()
    expect(info).toEqual([`${STACK}: waiting up to 10m for it to be created (it does not exist yet).`])
    expect(stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', failed: false, changed: true })
  })

  it('reports a change set nobody executes (REVIEW_IN_PROGRESS) as such at the start timeout', async () => {
    cloud = new FakeCloudFormation().stack(STACK).status(STACK, 'REVIEW_IN_PROGRESS', -20)
    const { outcome, stack } = await watch()
    expect(outcome.startTimedOut).toBe(true)
    expect(stack.finalStatus).toBe('REVIEW_IN_PROGRESS')
    expect(stack.notStarted).toMatch(
      /REVIEW_IN_PROGRESS, a change set was created and nobody has executed it yet/
    )
  })

  it('follows the create once a change set under review is executed', async () => {
    cloud = new FakeCloudFormation()
      .stack(STACK)
      .status(STACK, 'REVIEW_IN_PROGRESS', -20)
      .status(STACK, 'CREATE_IN_PROGRESS', 3 * MINUTE)
      .status(STACK, 'ROLLBACK_IN_PROGRESS', 9 * MINUTE)
      .status(STACK, 'ROLLBACK_COMPLETE', 10 * MINUTE)
    const { outcome, stack } = await watch()
    expect(outcome.startTimedOut).toBe(false)
    expect(stack).toMatchObject({ finalStatus: 'ROLLBACK_COMPLETE', failed: true })
  })
})
