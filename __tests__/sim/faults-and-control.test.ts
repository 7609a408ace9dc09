import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, rejection, simWith, STACK } from './sim-clients.js'

let sim: Sim
beforeEach(async () => {
  sim = await simWith()
  sim.deploy(STACK, 'create-succeeds')
})
afterEach(() => sim.close())

const describeStacks = (attempts = 1) =>
  clientsFor(sim, undefined, attempts).cfn.send(new DescribeStacksCommand({ StackName: STACK }))

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

describe('fault injection, as the SDK sees it', () => {
  it('a throttling burst yields the CloudFormation error name Throttling', async () => {
    sim.faults.set({ rules: [{ kind: 'throttle', service: 'CloudFormation', count: 1 }] })
    expect((await rejection(describeStacks())).name).toBe('Throttling')
    await expect(describeStacks()).resolves.toBeDefined()
  })

  it('CloudTrail throttling yields ThrottlingException', async () => {
    sim.faults.set({ rules: [{ kind: 'throttle', service: 'CloudTrail', action: 'LookupEvents' }] })
    const error = await rejection(clientsFor(sim).trail.send(new LookupEventsCommand({})))
    expect(error.name).toBe('ThrottlingException')
  })

  it('a 500 is a server fault', async () => {
    sim.faults.set({ rules: [{ kind: 'server-error', count: 1 }] })
    const error = await rejection(describeStacks())
    expect(error.$fault).toBe('server')
    expect(error.$metadata).toMatchObject({ httpStatusCode: 500 })
  })

  // In a plain process the SDK throws TimeoutError with code ECONNRESET; inside jest's VM realm it wraps the
  // foreign error ("AWS SDK error wrapper for TimeoutError: socket hang up"), so only the message holds in both.
  it('a dropped connection surfaces as a socket hang-up', async () => {
    sim.faults.set({ rules: [{ kind: 'drop', count: 1 }] })
    const error = await rejection(describeStacks())
    expect(String(error.message)).toMatch(/socket hang up/)
  })

  it('the SDK retries through a throttling burst when it has attempts left', async () => {
    sim.faults.set({ rules: [{ kind: 'throttle', count: 2 }] })
    await expect(describeStacks(3)).resolves.toBeDefined()
    expect(sim.calls['CloudFormation.DescribeStacks']).toBe(3)
  })

  it('faults by rate hit the same calls again with the same seed', async () => {
    const outcomes = async () => {
      sim.faults.set({ rules: [{ kind: 'server-error', rate: 0.5 }], seed: 42 })
      const results: boolean[] = []
      for (let i = 0; i < 12; i++)
        results.push(
          await describeStacks().then(
            () => true,
            () => false
          )
        )
      return results
    }
    const first = await outcomes()
    expect(first).toContain(true)
    expect(first).toContain(false)
    expect(await outcomes()).toEqual(first)
  })

  it('a delay holds the response, and the call still succeeds', async () => {
    sim.faults.set({ rules: [{ kind: 'delay', delayMs: 50 }] })
    await expect(describeStacks()).resolves.toMatchObject({ Stacks: [{ StackName: STACK }] })
  })
})

describe('the control API over HTTP', () => {
  it('deploys a scenario, advances the clock and reports the state', async () => {
    const deploy = await control('POST', '/_sim/deploy', {
      stackName: 'Other',
      scenario: 'hook-fails',
      terminationProtection: true
    })
    expect(deploy.status).toBe(200)
    await control('POST', '/_sim/advance', { ms: deploy.json.span })
    const { json } = await control('GET', '/_sim/state')
    expect(json.stacks).toContainEqual(
      expect.objectContaining({ name: 'Other', status: 'ROLLBACK_COMPLETE', terminationProtection: true })
    )
  })

  it('counts calls per Service.Action and resets them', async () => {
    await describeStacks()
    expect((await control('GET', '/_sim/calls')).json).toEqual({ 'CloudFormation.DescribeStacks': 1 })
    await control('POST', '/_sim/calls/reset')
    expect(sim.calls).toEqual({})
  })

  it('sets faults', async () => {
    await control('POST', '/_sim/faults', { rules: [{ kind: 'throttle', count: 1 }] })
    expect((await rejection(describeStacks())).name).toBe('Throttling')
  })

  it('answers an unknown scenario with 400 and the known names', async () => {
    const { status, json } = await control('POST', '/_sim/deploy', { stackName: 'X', scenario: 'nope' })
    expect(status).toBe(400)
    expect(json.error).toContain('create-fails-db-35m')
  })

  it('lists the scenarios with their descriptions', async () => {
    const { json } = await control('GET', '/_sim/scenarios')
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'create-succeeds',
        'create-fails-db-35m',
        'update-rolls-back',
        'nested-child-fails',
        'deploy-times-out'
      ])
    )
  })
})
