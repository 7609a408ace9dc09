import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import { formatEventLine, watchStacks, type WatchOptions } from '../../../src/core/stack/index.js'
import { arn, FakeCloudFormation, seconds, STACK, throttled } from './fake-cloudformation.js'

const MINUTE = 60
let cloud: FakeCloudFormation

afterEach(() => cloud.restore())

async function watch(options: Partial<WatchOptions> & { random?: () => number } = {}) {
  const notices: string[] = []
  const protectedStacks: string[] = []
  const lines: string[] = []
  const outcome = await watchStacks(
    { cfn: cloud.client, clock: cloud.clock, random: options.random ?? (() => 0.5) },
    {
      stacks: [STACK],
      mode: 'follow-current',
      timeoutMs: 3 * 3_600_000,
      onEvent: event => lines.push(formatEventLine(event)),
      onNotice: text => notices.push(text),
      onProtected: name => protectedStacks.push(name),
      ...options
    }
  )
  return { outcome, notices, protectedStacks, lines, stack: outcome.stacks[0]! }
}

/** Incident A, deployment #76: the stack is created 10 s into the watch; the database fails after 15 minutes. */
function failingCreate(cfn: FakeCloudFormation): FakeCloudFormation {
  return cfn
    .stack(STACK)
    .status(STACK, 'CREATE_IN_PROGRESS', 10)
    .event(STACK, 'Vpc', 'AWS::EC2::VPC', 'CREATE_IN_PROGRESS', 12)
    .event(STACK, 'Vpc', 'AWS::EC2::VPC', 'CREATE_COMPLETE', 40)
    .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', 45)
    .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'CREATE_FAILED', 45 + 15 * MINUTE, {
      reason: 'DB subnet group does not cover enough Availability Zones'
    })
    .status(STACK, 'ROLLBACK_IN_PROGRESS', 46 + 15 * MINUTE)
    .event(STACK, 'Vpc', 'AWS::EC2::VPC', 'DELETE_COMPLETE', 50 + 15 * MINUTE)
    .status(STACK, 'ROLLBACK_COMPLETE', 60 + 15 * MINUTE)
}

/** A stack last updated yesterday, with a long history. */
function existingStack(cfn: FakeCloudFormation, historyEvents = 250): FakeCloudFormation {
  cfn.stack(STACK).status(STACK, 'CREATE_IN_PROGRESS', -2 * 86_400)
  for (let n = 0; n < historyEvents; n++)
    cfn.event(STACK, `Old${n}`, 'AWS::SQS::Queue', 'CREATE_COMPLETE', -2 * 86_400 + n + 1)
  return cfn.status(STACK, 'UPDATE_COMPLETE', -86_400)
}

describe('watchStacks follows a deployment to its end', () => {
  it('streams every event once, oldest first, and reports the failed create with its final status', async () => {
    cloud = failingCreate(new FakeCloudFormation())
    const { outcome, stack } = await watch()
    expect(stack).toMatchObject({
      stackId: arn(STACK),
      finalStatus: 'ROLLBACK_COMPLETE',
      failed: true,
      inProgress: []
    })
    expect(stack.events.map(event => `${event.logicalResourceId} ${event.resourceStatus}`)).toEqual([
      `${STACK} CREATE_IN_PROGRESS`,
      'Vpc CREATE_IN_PROGRESS',
      'Vpc CREATE_COMPLETE',
      'Database CREATE_IN_PROGRESS',
      'Database CREATE_FAILED',
      `${STACK} ROLLBACK_IN_PROGRESS`,
      'Vpc DELETE_COMPLETE',
      `${STACK} ROLLBACK_COMPLETE`
    ])
    expect(outcome).toMatchObject({ failed: true, timedOut: false, cancelled: false })
  })

  it('addresses the stack by ARN once known, so a deletion by someone else is seen as DELETE_COMPLETE', async () => {
    cloud = existingStack(new FakeCloudFormation(), 3)
      .status(STACK, 'UPDATE_IN_PROGRESS', -5)
      .status(STACK, 'DELETE_IN_PROGRESS', 20 * MINUTE)
      .status(STACK, 'DELETE_COMPLETE', 22 * MINUTE)
    const { stack } = await watch()
    expect(stack).toMatchObject({ finalStatus: 'DELETE_COMPLETE', failed: true })
    const [first, ...rest] = [...cloud.calls('DescribeStacks'), ...cloud.calls('DescribeStackEvents')]
    expect(first).toBe(STACK)
    expect(new Set(rest)).toEqual(new Set([arn(STACK)]))
  })

  it('protects a stack that did not exist at the start once, the moment it first sees it', async () => {
    cloud = failingCreate(new FakeCloudFormation())
    const { stack, protectedStacks } = await watch({ mode: 'new-operation', protect: true })
    expect(
      cloud.mock.commandCalls(UpdateTerminationProtectionCommand).map(call => call.args[0].input)
    ).toEqual([{ StackName: arn(STACK), EnableTerminationProtection: true }])
    expect(protectedStacks).toEqual([STACK])
    expect(stack).toMatchObject({ protected: true, finalStatus: 'ROLLBACK_COMPLETE', failed: true })
    expect(stack.events[0]).toMatchObject({ logicalResourceId: STACK, resourceStatus: 'CREATE_IN_PROGRESS' })
  })
})

describe('where the watch starts', () => {
  it('follow-current skips events older than the current operation, and its first read costs one page', async () => {
    cloud = existingStack(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', -30)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', -20)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', 30)
      .status(STACK, 'UPDATE_COMPLETE', 40)
    const { stack } = await watch()
    expect(stack.events.map(event => event.resourceStatus)).toEqual([
      'UPDATE_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
      'UPDATE_COMPLETE',
      'UPDATE_COMPLETE'
    ])
    expect(cloud.mock.commandCalls(DescribeStackEventsCommand)[0]!.args[0].input.NextToken).toBeUndefined()
    expect(cloud.mock.commandCalls(DescribeStackEventsCommand)[1]!.args[0].input.NextToken).toBeUndefined()
  })

  it('new-operation ignores the old terminal status and history until the deploy starts an operation', async () => {
    cloud = existingStack(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', 3 * MINUTE)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', 3 * MINUTE + 5)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', 6 * MINUTE)
      .status(STACK, 'UPDATE_COMPLETE', 6 * MINUTE + 10)
    const { stack } = await watch({ mode: 'new-operation' })
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', changed: true, failed: false })
    expect(stack.events.map(event => event.timestamp)).toEqual([
      seconds(3 * MINUTE),
      seconds(3 * MINUTE + 5),
      seconds(6 * MINUTE),
      seconds(6 * MINUTE + 10)
    ])
  })

  it('new-operation ends after one more poll when the command ended without changing the stack', async () => {
    cloud = existingStack(new FakeCloudFormation())
    const commandDone = new AbortController()
    commandDone.abort()
    const { stack, outcome } = await watch({ mode: 'new-operation', commandDone: commandDone.signal })
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_COMPLETE', changed: false, failed: false, events: [] })
    expect(outcome.failed).toBe(false)
  })
})

describe('reading the current operation with DescribeEvents', () => {
  /** Incident B: an update of BackendService that fails and rolls back, 400 events of history behind it. */
  const updateRollingBack = (cfn: FakeCloudFormation) =>
    existingStack(cfn, 400)
      .status(STACK, 'UPDATE_IN_PROGRESS', -3 * MINUTE)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', -3 * MINUTE + 5)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', -60, {
        reason: 'Circuit breaker'
      })
      .status(STACK, 'UPDATE_ROLLBACK_IN_PROGRESS', -50)
      .status(STACK, 'UPDATE_ROLLBACK_COMPLETE', 2 * MINUTE)

  it('reads the update and its rollback by operation id, then continues with DescribeStackEvents', async () => {
    cloud = updateRollingBack(new FakeCloudFormation({ operations: true }))
    const { stack } = await watch()
    expect(stack.events.map(event => `${event.logicalResourceId} ${event.resourceStatus}`)).toEqual([
      `${STACK} UPDATE_IN_PROGRESS`,
      'BackendService UPDATE_IN_PROGRESS',
      'BackendService UPDATE_FAILED',
      `${STACK} UPDATE_ROLLBACK_IN_PROGRESS`,
      `${STACK} UPDATE_ROLLBACK_COMPLETE`
    ])
    // The fake names an operation after the index of its opening event: the rollback first, then the update it undoes.
    const operationIds = cloud.mock
      .commandCalls(DescribeEventsCommand)
      .map(call => call.args[0].input.OperationId)
    expect(operationIds).toEqual([`${STACK}-op-405`, `${STACK}-op-402`])
    expect(cloud.calls('DescribeStackEvents').length).toBeGreaterThan(1)
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', failed: true })
  })

  it('falls back to DescribeStackEvents where DescribeEvents is unknown, and asks only once', async () => {
    cloud = updateRollingBack(new FakeCloudFormation({ operations: 'unknown-action' }))
    cloud.stack('RedisStack').status('RedisStack', 'UPDATE_IN_PROGRESS', -10)
    const { outcome } = await watch({ stacks: [STACK, 'RedisStack'], timeoutMs: 5 * MINUTE * 1000 })
    expect(cloud.calls('DescribeEvents')).toHaveLength(1)
    expect(outcome.stacks[0]!.events.map(event => event.resourceStatus)).toEqual([
      'UPDATE_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
      'UPDATE_FAILED',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE'
    ])
    expect(outcome.stacks[1]!.events.map(event => event.resourceStatus)).toEqual(['UPDATE_IN_PROGRESS'])
  })
})

describe('nested stacks', () => {
  it('follows a child from its parent event, prefixes its events with the path, and stops when it ends', async () => {
    const child = 'CourtCaseManagementStack-DatabaseNestedStack-1A2B'
    cloud = new FakeCloudFormation()
      .stack(STACK)
      .stack(child, { parent: STACK })
      .status(STACK, 'CREATE_IN_PROGRESS', 10)
      .event(STACK, 'DatabaseStack', 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', 15, {
        physicalId: arn(child)
      })
      .status(child, 'CREATE_IN_PROGRESS', 16)
      .event(child, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', 20)
      .event(child, 'Database', 'AWS::RDS::DBInstance', 'CREATE_COMPLETE', 12 * MINUTE)
      .status(child, 'CREATE_COMPLETE', 12 * MINUTE + 5)
      .event(STACK, 'DatabaseStack', 'AWS::CloudFormation::Stack', 'CREATE_COMPLETE', 12 * MINUTE + 10, {
        physicalId: arn(child)
      })
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'CREATE_IN_PROGRESS', 12 * MINUTE + 15)
      .event(STACK, 'BackendService', 'AWS::ECS::Service', 'CREATE_COMPLETE', 40 * MINUTE)
      .status(STACK, 'CREATE_COMPLETE', 40 * MINUTE + 5)
    const { stack, lines } = await watch()
    expect(stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', failed: false })
    expect(stack.events.find(event => event.logicalResourceId === 'Database')?.nestedPath).toEqual([
      'DatabaseStack'
    ])
    expect(lines).toContain(
      '2026-03-12T11:27:17Z DatabaseStack/Database AWS::RDS::DBInstance CREATE_IN_PROGRESS'
    )
    const reads = cloud.calls('DescribeStackEvents')
    const afterChildEnded = reads.slice(reads.lastIndexOf(arn(child)) + 1)
    expect(afterChildEnded.length).toBeGreaterThan(3)
    expect(new Set(afterChildEnded)).toEqual(new Set([arn(STACK)]))
  })
})

describe('cost and pacing', () => {
  it('an idle poll costs one DescribeStackEvents call and no DescribeStacks', async () => {
    cloud = existingStack(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', -10)
      .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS', -5)
    await watch({ timeoutMs: 20 * MINUTE * 1000 })
    const polls = cloud.clock.sleeps.length + 1
    expect(cloud.mock.commandCalls(DescribeStackEventsCommand)).toHaveLength(polls)
    expect(cloud.mock.commandCalls(DescribeStacksCommand)).toHaveLength(1)
  })

  it('never polls in a hot loop: quiet polls slow down to the ceiling, and never faster than the minimum', async () => {
    cloud = existingStack(new FakeCloudFormation())
      .status(STACK, 'UPDATE_IN_PROGRESS', -10)
      .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_IN_PROGRESS', -5)
    await watch({ timeoutMs: 30 * MINUTE * 1000, pollMinMs: 3_000, pollMaxMs: 30_000 })
    expect(Math.min(...cloud.clock.sleeps)).toBeGreaterThanOrEqual(3_000)
    expect(Math.max(...cloud.clock.sleeps)).toBe(30_000)
    expect(cloud.clock.sleeps.length).toBeLessThan(70)
  })

  it('shares one request budget between many stacks instead of multiplying the call rate', async () => {
    cloud = new FakeCloudFormation()
    const names = Array.from({ length: 8 }, (_, n) => `Service${n}Stack`)
    for (const name of names)
      cloud
        .stack(name)
        .status(name, 'UPDATE_IN_PROGRESS', -10)
        .event(name, 'Service', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', -5)
    const { outcome } = await watch({
      stacks: names,
      timeoutMs: 5 * MINUTE * 1000,
      pollMinMs: 2_000,
      requestsPerSecond: 2
    })
    const calls = Object.values(outcome.calls).reduce((sum, count) => sum + count, 0)
    expect(calls).toBeLessThanOrEqual(2 + (2 * outcome.durationMs) / 1000)
  })

  it('backs off with doubling sleeps (full jitter, capped at 60 s) while throttled, then finishes with the right status', async () => {
    cloud = existingStack(new FakeCloudFormation(), 3)
      .status(STACK, 'UPDATE_IN_PROGRESS', -10)
      .status(STACK, 'UPDATE_ROLLBACK_COMPLETE', 5 * MINUTE)
    cloud.failures.DescribeStackEvents = Array.from({ length: 5 }, throttled)
    const { stack, notices } = await watch()
    expect(stack).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', failed: true })
    expect(cloud.clock.sleeps.slice(0, 5)).toEqual([3_000, 6_000, 12_000, 24_000, 30_000])
    expect(notices.filter(text => text.includes('Rate exceeded'))).toHaveLength(5)
  })

  it('keeps the backoff under its ceiling however long the throttling lasts', async () => {
    cloud = existingStack(new FakeCloudFormation(), 3)
      .status(STACK, 'UPDATE_IN_PROGRESS', -10)
      .status(STACK, 'UPDATE_COMPLETE', 30 * MINUTE)
    cloud.failures.DescribeStackEvents = Array.from({ length: 20 }, throttled)
    const { stack } = await watch({ random: () => 0.999 })
    expect(stack.finalStatus).toBe('UPDATE_COMPLETE')
    expect(Math.max(...cloud.clock.sleeps)).toBeLessThanOrEqual(60_000 * 1.2)
  })
})

describe('how a watch stops', () => {
  it('against CloudFormation that never answers, ends at its timeout (no backoff past it) with the status unknown', async () => {
    cloud = existingStack(new FakeCloudFormation(), 3)
    cloud.failures.DescribeStacks = Array.from({ length: 50 }, throttled)
    const { outcome, stack, notices } = await watch({ timeoutMs: 10_000, random: () => 0.999 })
    expect(outcome).toMatchObject({ timedOut: true, unreachable: 'Rate exceeded' })
    expect(outcome.durationMs).toBeLessThanOrEqual(10_000)
    expect(stack).toMatchObject({ statusUnknown: true, failed: false })
    expect(stack.finalStatus).toBeUndefined()
    expect(notices[0]).toMatch(
      /^CloudFormation did not answer \(Rate exceeded\) after \S+ of watching CourtCaseManagementStack/
    )
  })

  it('on timeout lists each resource still in progress, since when and for how long', async () => {
    cloud = new FakeCloudFormation()
      .stack(STACK)
      .status(STACK, 'CREATE_IN_PROGRESS', 10)
      .event(STACK, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', 45)
    const stuck = await watch({ timeoutMs: 28 * MINUTE * 1000 })
    expect(stuck.outcome.timedOut).toBe(true)
    const [database] = stuck.stack.inProgress
    expect(database).toMatchObject({
      logicalResourceId: 'Database',
      resourceType: 'AWS::RDS::DBInstance',
      since: seconds(45)
    })
    expect(database!.forMs).toBe(cloud.clock.now() - seconds(45))
    expect(database!.forMs).toBeGreaterThanOrEqual(27 * MINUTE * 1000)
  })

  it('stops promptly when the job is cancelled, without another call', async () => {
    cloud = failingCreate(new FakeCloudFormation())
    const cancel = new AbortController()
    let callsAtCancel = 0
    const { outcome } = await watch({
      signal: cancel.signal,
      onEvent: event => {
        if (event.logicalResourceId !== 'Database' || cancel.signal.aborted) return
        cancel.abort()
        callsAtCancel = cloud.mock.calls().length
      }
    })
    expect(outcome).toMatchObject({ cancelled: true, timedOut: false })
    expect(cloud.mock.calls()).toHaveLength(callsAtCancel)
    expect(outcome.stacks[0]!.inProgress.map(resource => resource.logicalResourceId)).toEqual(['Database'])
  })
})
