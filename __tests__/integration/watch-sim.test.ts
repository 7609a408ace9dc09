import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { Clock } from '../../src/core/clock.js'
import { formatEventLine, watchStacks, type WatchOptions } from '../../src/core/stack/index.js'
import { incidentPrincipals } from '../../src/sim/principals.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
let sim: Sim

afterEach(async () => {
  await sim?.close()
})

/** The watcher's clock: wall time for `now`, and every sleep fast-forwards the sim by as much. */
function fastForwardClock(target: Sim): Clock & { sleeps: number[] } {
  let monotonic = 0
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => Date.now(),
    monotonic: () => monotonic,
    sleep: async ms => {
      sleeps.push(ms)
      monotonic += ms
      target.clock.advance(ms)
      await new Promise(resolve => setImmediate(resolve))
    }
  }
}

function cfnFor(target: Sim, accessKeyId = incidentPrincipals().deployer.accessKeyId, maxAttempts = 3) {
  return new CloudFormationClient({
    endpoint: target.url,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'sim' },
    maxAttempts,
    retryStrategy: undefined
  })
}

async function watch(options: Partial<WatchOptions> & Pick<WatchOptions, 'mode'>) {
  const clock = fastForwardClock(sim)
  const lines: string[] = []
  const protectedStacks: string[] = []
  const outcome = await watchStacks(
    { cfn: cfnFor(sim), clock, random: () => 0.5 },
    {
      stacks: [STACK],
      timeoutMs: 4 * 3_600_000,
      onEvent: event => lines.push(formatEventLine(event)),
      onProtected: name => protectedStacks.push(name),
      ...options
    }
  )
  return { outcome, lines, protectedStacks, clock }
}

/** Fast-forwards the sim until the stack reaches a status: how a watch started mid-operation is set up. */
async function advanceUntil(reached: (status: string | undefined) => boolean): Promise<void> {
  for (
    let step = 0;
    step < 2_000 && !reached(sim.state().stacks.find(s => s.name === STACK)?.status);
    step++
  ) {
    sim.clock.advance(5_000)
  }
  expect(reached(sim.state().stacks.find(s => s.name === STACK)?.status)).toBe(true)
}

describe('watching a stack on the local CloudFormation endpoint', () => {
  it('follows a create that succeeds to CREATE_COMPLETE, streaming every event once, oldest first', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'create-succeeds')
    const { outcome, lines } = await watch({ mode: 'follow-current' })
    const [stack] = outcome.stacks
    expect(stack).toMatchObject({ finalStatus: 'CREATE_COMPLETE', failed: false, inProgress: [] })
    expect(outcome.failed).toBe(false)
    const ids = stack!.events.map(event => event.eventId)
    expect(new Set(ids).size).toBe(ids.length)
    const times = stack!.events.map(event => event.timestamp)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ CourtCaseManagementStack AWS::CloudFormation::Stack (REVIEW|CREATE)_IN_PROGRESS/
    )
    expect(lines.at(-1)).toMatch(/CourtCaseManagementStack AWS::CloudFormation::Stack CREATE_COMPLETE$/)
  })

  it("protects a brand-new stack the moment it appears, so the 35-minute failure cannot be deleted by CDK's role", async () => {
    sim = await startSim()
    const commandDone = new AbortController()
    const watching = watch({ mode: 'new-operation', protect: true, commandDone: commandDone.signal })
    await new Promise(resolve => setTimeout(resolve, 20))
    sim.deploy(STACK, 'create-fails-db-35m')
    const { outcome, protectedStacks, lines } = await watching
    const [stack] = outcome.stacks
    expect(protectedStacks).toEqual([STACK])
    expect(outcome.calls.UpdateTerminationProtection).toBe(1)
    expect(stack).toMatchObject({
      finalStatus: 'ROLLBACK_COMPLETE',
      failed: true,
      protected: true,
      changed: true
    })
    expect(lines.some(line => /Database AWS::RDS::DBInstance CREATE_FAILED/.test(line))).toBe(true)
    const started = stack!.events.find(
      e => e.logicalResourceId === 'Database' && e.resourceStatus === 'CREATE_IN_PROGRESS'
    )!
    const failed = stack!.events.find(
      e => e.logicalResourceId === 'Database' && e.resourceStatus === 'CREATE_FAILED'
    )!
    expect(failed.timestamp - started.timestamp).toBeGreaterThanOrEqual(35 * 60_000)
    sim.clock.advance(3_600_000)
    expect(sim.state().stacks.find(s => s.name === STACK)?.status).toBe('ROLLBACK_COMPLETE')
  })

  it('sees the deletion by another principal through the stack ARN when the stack was not protected', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'create-fails-db-35m')
    await advanceUntil(status => status === 'DELETE_IN_PROGRESS')
    const { outcome } = await watch({ mode: 'follow-current' })
    expect(outcome.stacks[0]).toMatchObject({ finalStatus: 'DELETE_COMPLETE', failed: true })
    expect(outcome.stacks[0]!.stackId).toMatch(
      /^arn:aws:cloudformation:us-east-1:\d{12}:stack\/CourtCaseManagementStack\//
    )
  })

  it("follows a nested stack whose child fails, prefixing the child's events with the nested path", async () => {
    sim = await startSim()
    sim.deploy(STACK, 'nested-child-fails')
    const { outcome, lines } = await watch({ mode: 'follow-current' })
    const child = outcome.stacks[0]!.events.filter(event => event.nestedPath.length > 0)
    expect(child.length).toBeGreaterThan(0)
    expect(child.some(event => event.resourceStatus.endsWith('_FAILED'))).toBe(true)
    expect(lines.some(line => new RegExp(` ${child[0]!.nestedPath[0]}/\\S+ `).test(line))).toBe(true)
    expect(outcome.stacks[0]!.failed).toBe(true)
  })

  it('follows an update that rolls back and reports it as failed', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'update-rolls-back')
    await advanceUntil(status => status === 'UPDATE_IN_PROGRESS')
    const { outcome } = await watch({ mode: 'follow-current' })
    expect(outcome.stacks[0]).toMatchObject({ finalStatus: 'UPDATE_ROLLBACK_COMPLETE', failed: true })
    expect(outcome.stacks[0]!.events.some(event => event.resourceStatus === 'UPDATE_FAILED')).toBe(true)
  })

  it('times out naming each resource still in progress and for how long (the database for 27+ minutes)', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'deploy-times-out')
    const { outcome } = await watch({ mode: 'follow-current', timeoutMs: 40 * 60_000 })
    expect(outcome.timedOut).toBe(true)
    const database = outcome.stacks[0]!.inProgress.find(resource => resource.logicalResourceId === 'Database')
    expect(database).toMatchObject({ resourceType: 'AWS::RDS::DBInstance', nestedPath: [] })
    expect(database!.forMs).toBeGreaterThanOrEqual(27 * 60_000)
  })

  it.each([
    ['create-succeeds', 'CREATE_COMPLETE', {}],
    ['create-fails-db-35m', 'ROLLBACK_COMPLETE', { cleanup: false }],
    ['update-rolls-back', 'UPDATE_ROLLBACK_COMPLETE', {}],
    ['nested-child-fails', 'ROLLBACK_COMPLETE', {}]
  ])(
    'with a fifth of CloudFormation calls throttled or failing, %s still ends %s',
    async (scenario, status, options) => {
      sim = await startSim()
      sim.faults.set({
        seed: 7,
        rules: [
          { kind: 'throttle', service: 'CloudFormation', rate: 0.1 },
          { kind: 'server-error', service: 'CloudFormation', rate: 0.1 }
        ]
      })
      sim.deploy(STACK, scenario, { options })
      if (scenario === 'update-rolls-back') await advanceUntil(current => current === 'UPDATE_IN_PROGRESS')
      const { outcome, clock } = await watch({ mode: 'follow-current' })
      expect(outcome.stacks[0]?.finalStatus).toBe(status)
      expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(60_000 * 1.2)
    }
  )

  it('ignores what happened before the deploy and the old terminal status when the command changes nothing', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'create-succeeds', { startAt: 'past' })
    const commandDone = new AbortController()
    commandDone.abort()
    const { outcome } = await watch({ mode: 'new-operation', commandDone: commandDone.signal })
    expect(outcome.stacks[0]).toMatchObject({
      finalStatus: 'CREATE_COMPLETE',
      changed: false,
      failed: false,
      events: []
    })
  })

  it('costs one DescribeStackEvents call per idle poll, and never polls faster than the minimum interval', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'deploy-times-out')
    const { outcome, clock } = await watch({ mode: 'follow-current', timeoutMs: 50 * 60_000 })
    const polls = clock.sleeps.length + 1
    // Start: one DescribeStacks; then one events call per poll (the first may page back through the operation).
    expect(outcome.calls.DescribeStacks).toBe(1)
    expect(outcome.calls.DescribeStackEvents).toBeLessThanOrEqual(polls + 2)
    expect(Math.min(...clock.sleeps)).toBeGreaterThanOrEqual(3_000 * 0.8)
  })

  it('stops promptly when the job is cancelled', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'deploy-times-out')
    const cancel = new AbortController()
    cancel.abort()
    const { outcome } = await watch({ mode: 'follow-current', signal: cancel.signal })
    expect(outcome.cancelled).toBe(true)
    expect(outcome.calls.DescribeStackEvents ?? 0).toBe(0)
  })
})
