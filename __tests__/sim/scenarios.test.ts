import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { Sim } from '../../src/sim/server.js'
import type { SimEvent } from '../../src/sim/world.js'
import { people, simWith, STACK } from './sim-clients.js'

const MINUTE = 60_000
let sim: Sim
beforeEach(async () => {
  sim = await simWith()
})
afterEach(() => sim.close())

function eventsOf(stackId: string): SimEvent[] {
  return sim.world.eventsAt(sim.world.find(stackId, sim.clock.now())!, sim.clock.now())
}
const at = (events: SimEvent[], logicalId: string, status: string) =>
  events.find(e => e.logicalId === logicalId && e.status === status)!.timestamp
const statusOf = (nameOrId: string) =>
  sim.world.status(sim.world.find(nameOrId, sim.clock.now())!, sim.clock.now())

describe('scripted lifecycles', () => {
  it('a deploy starts in the past of the wall clock and shows only what has happened so far', () => {
    const { startedAt, span } = sim.deploy(STACK, 'create-fails-db-35m')
    expect(startedAt + span).toBeLessThanOrEqual(Date.now())
    sim.clock.advance(10 * MINUTE)
    expect(statusOf(STACK)).toBe('CREATE_IN_PROGRESS')
  })

  it('incident A: the Database is in progress for 35 minutes, then fails; the service is cancelled; rollback completes', () => {
    const { stackId, span } = sim.deploy(STACK, 'create-fails-db-35m', { options: { cleanup: false } })
    sim.clock.advance(span)
    const events = eventsOf(stackId)
    expect(at(events, 'Database', 'CREATE_FAILED') - at(events, 'Database', 'CREATE_IN_PROGRESS')).toBe(
      35 * MINUTE
    )
    const cancelled = events.find(e => e.logicalId === 'BackendService' && e.status === 'CREATE_FAILED')
    expect(cancelled?.reason).toBe('Resource creation cancelled')
    const rollback = events.find(e => e.status === 'ROLLBACK_IN_PROGRESS')
    expect(rollback?.reason).toBe('The following resource(s) failed to create: [Database]. ')
    expect(statusOf(stackId)).toBe('ROLLBACK_COMPLETE')
  })

  it('incident A: the clean-up DeleteStack by aws-cdk-showboat deletes an unprotected stack', () => {
    const { stackId, span } = sim.deploy(STACK, 'create-fails-db-35m')
    sim.clock.advance(span)
    expect(statusOf(stackId)).toBe('DELETE_COMPLETE')
    const deletion = sim.world.trail.find(r => r.eventName === 'DeleteStack')
    expect(deletion?.principal.arn).toBe(people.cdkRole.arn)
    expect(deletion?.errorCode).toBeUndefined()
  })

  it('incident A: the same DeleteStack is refused when termination protection is on', () => {
    const { stackId, span } = sim.deploy(STACK, 'create-fails-db-35m', { terminationProtection: true })
    sim.clock.advance(span)
    expect(statusOf(stackId)).toBe('ROLLBACK_COMPLETE')
    expect(sim.world.trail.find(r => r.eventName === 'DeleteStack')?.errorMessage).toBe(
      `Stack [${STACK}] cannot be deleted while TerminationProtection is enabled`
    )
  })

  it('protection turned on mid-deploy through the API stops the later scripted deletion', () => {
    const { stackId, span } = sim.deploy(STACK, 'create-fails-db-35m')
    sim.clock.advance(MINUTE)
    sim.world.setProtection(STACK, true, sim.clock.now(), people.deployer)
    sim.clock.advance(span)
    expect(statusOf(stackId)).toBe('ROLLBACK_COMPLETE')
  })

  it('deploy-times-out: once caught up, the Database has been in progress for 27+ minutes and nothing is terminal', () => {
    const { stackId, span } = sim.deploy(STACK, 'deploy-times-out')
    sim.clock.advance(span)
    const events = eventsOf(stackId)
    expect(sim.clock.now() - at(events, 'Database', 'CREATE_IN_PROGRESS')).toBeGreaterThanOrEqual(27 * MINUTE)
    expect(statusOf(stackId)).toBe('CREATE_IN_PROGRESS')
  })

  it('update-rolls-back: UPDATE_FAILED leads through UPDATE_ROLLBACK_IN_PROGRESS to UPDATE_ROLLBACK_COMPLETE', () => {
    const { stackId, span } = sim.deploy(STACK, 'update-rolls-back')
    sim.clock.advance(span)
    const own = sim.world
      .ownEvents(sim.world.find(stackId, sim.clock.now())!, sim.clock.now())
      .map(e => e.status)
    expect(own.slice(-4)).toEqual([
      'UPDATE_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE'
    ])
    expect(
      eventsOf(stackId).some(e => e.logicalId === 'BackendService' && e.status === 'UPDATE_FAILED')
    ).toBe(true)
  })

  it('update-rolls-back: the stack existed a day before the update started', () => {
    const { stackId, startedAt } = sim.deploy(STACK, 'update-rolls-back')
    expect(statusOf(stackId)).toBe('CREATE_COMPLETE')
    expect(eventsOf(stackId)[0].timestamp).toBeLessThan(startedAt - 23 * 60 * MINUTE)
  })

  it('nested-child-fails: the parent reports the embedded stack by its ARN and the child its own failure', () => {
    const { stackId, span } = sim.deploy(STACK, 'nested-child-fails')
    sim.clock.advance(span)
    const child = sim.world.stacks.find(s => s.name.includes('-DataStack-'))!
    const parentEvent = eventsOf(stackId).find(
      e => e.logicalId === 'DataStack' && e.status === 'CREATE_FAILED'
    )
    expect(parentEvent?.reason).toBe(
      `Embedded stack ${child.id} was not successfully created: The following resource(s) failed to create: [Database]. `
    )
    expect(eventsOf(child.id).some(e => e.logicalId === 'Database' && e.status === 'CREATE_FAILED')).toBe(
      true
    )
    expect(statusOf(stackId)).toBe('ROLLBACK_COMPLETE')
  })

  it('startAt past: the whole timeline has already happened and the clock is untouched', () => {
    const { stackId } = sim.deploy(STACK, 'hook-fails', { startAt: 'past' })
    expect(sim.clock.lag()).toBe(0)
    expect(statusOf(stackId)).toBe('ROLLBACK_COMPLETE')
  })

  it('a second deploy after the clock caught up keeps the first stack as it was, with fresh ARNs', () => {
    const first = sim.deploy(STACK, 'create-fails-db-35m')
    sim.clock.advance(first.span)
    const firstEvents = eventsOf(first.stackId).length
    const second = sim.deploy(STACK, 'create-succeeds')
    expect(second.stackId).not.toBe(first.stackId)
    expect(statusOf(first.stackId)).toBe('DELETE_COMPLETE')
    expect(eventsOf(first.stackId)).toHaveLength(firstEvents)
    expect(eventsOf(first.stackId).at(-1)!.timestamp).toBeLessThanOrEqual(sim.clock.now())
  })
})
