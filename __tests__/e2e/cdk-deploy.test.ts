import { describe, expect, it } from '@jest/globals'
import {
  guarded,
  HEADROOM,
  INCIDENT,
  lockItem,
  setup,
  stack,
  trail,
  unguarded,
  useCdkHarness
} from './cdk-support.js'

useCdkHarness()

describe('the real cdk deploy, guarded, against the sim: updates, several stacks, cancellation', () => {
  it('an update by an app without terminationProtection: CDK turns protection off, and it is on again when the step ends', async () => {
    const { sim, table } = await setup()
    sim.deploy('ApiStack', 'create-succeeds', { startAt: 'past', terminationProtection: true, ...HEADROOM })

    const { code, output } = await guarded(sim, table, { stacks: ['ApiStack'] }).result

    expect(code).toBe(0)
    expect(output).toContain('✅  ApiStack')
    expect(output).toMatch(/UPDATE_COMPLETE\s+\| AWS::CloudFormation::Stack/)
    // The round trip the issue is about: CDK sets protection to the app's (absent) terminationProtection.
    expect(
      trail(sim, 'UpdateTerminationProtection').map(
        record => record.requestParameters?.enableTerminationProtection
      )
    ).toContain(false)
    expect(stack(sim, 'ApiStack')).toMatchObject({ status: 'UPDATE_COMPLETE', terminationProtection: true })
    // Said once, plainly, with the fix; who turned it off comes from CloudTrail.
    expect(output.match(/cdk deploy turned termination protection off for ApiStack/g)).toHaveLength(1)
    expect(output).toContain(
      'warning: cdk deploy turned termination protection off for ApiStack because the app does not set ' +
        '`terminationProtection: true`; deploy-guard turned it back on. Set it in the app to stop the round trip.'
    )
    expect(output).toMatch(/ApiStack: termination protection was turned off by iseepatterns-iam-user at /)
  })

  it('a deploy with no changes: CDK still turns protection off, without any operation, and it is on when the run ends', async () => {
    const { sim, table } = await setup()
    expect((await guarded(sim, table, { stacks: ['ApiStack'] }).result).code).toBe(0)
    const operations = sim.world.stacks.find(s => s.name === 'ApiStack')!.events.length

    const { code, output } = await guarded(sim, table, { stacks: ['ApiStack'] }).result

    expect(code).toBe(0)
    expect(output).toContain('✅  ApiStack (no changes)')
    expect(sim.world.stacks.find(s => s.name === 'ApiStack')!.events).toHaveLength(operations)
    expect(
      trail(sim, 'UpdateTerminationProtection').map(
        record => record.requestParameters?.enableTerminationProtection
      )
    ).toContain(false)
    expect(output).toContain('cdk deploy turned termination protection off for ApiStack')
    expect(stack(sim, 'ApiStack')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
  })

  it("a teammate's unguarded cdk deploy still running when the lock is taken: waited for, its starter named, then this run deploys", async () => {
    // Slow enough (two resources of 20 simulated minutes ≈ 24 s) that the teammate's create outlasts the guard's start.
    const { sim, table } = await setup(100)
    const teammate = unguarded(sim, table, ['ApiStack'])
    await teammate.waitFor(/CREATE_IN_PROGRESS\s+\| AWS::CloudFormation::Stack/)

    const { code, output } = await guarded(sim, table, { stacks: ['ApiStack'] }).result

    expect(code).toBe(0)
    expect((await teammate.result).code).toBe(0)
    const lines = output.split('\n')
    const waiting = lines.findIndex(line =>
      /ApiStack is CREATE_IN_PROGRESS: an operation started by .+ is still running, and it is not this run's/.test(
        line
      )
    )
    const ended = lines.findIndex(line =>
      line.includes('ApiStack: the other operation ended CREATE_COMPLETE')
    )
    const deployed = lines.findIndex(line => line.includes('✅  ApiStack'))
    expect(waiting).toBeGreaterThanOrEqual(0)
    expect(ended).toBeGreaterThan(waiting)
    // CDK ran only after the other operation ended, so it did not fail with "… is in CREATE_IN_PROGRESS state".
    expect(deployed).toBeGreaterThan(ended)
    expect(output).not.toContain('state and can not be updated')
    expect(stack(sim, 'ApiStack')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
  })

  it('a multi-stack app with --concurrency 2 under one run guarding both stacks', async () => {
    const { sim, table } = await setup()
    const { code, output } = await guarded(sim, table, {
      stacks: ['ApiStack', 'WebStack'],
      cdk: ['--concurrency', '2']
    }).result

    expect(code).toBe(0)
    expect(output).toContain('✅  ApiStack')
    expect(output).toContain('✅  WebStack')
    expect(output).toContain('Released lock deploy-guard/us-east-1/ApiStack.')
    expect(output).toContain('Released lock deploy-guard/us-east-1/WebStack.')
    const executed = trail(sim, 'ExecuteChangeSet').map(record => record.at)
    const completed = ['ApiStack', 'WebStack'].map(
      name => sim.world.stacks.find(s => s.name === name)!.events.at(-1)!.timestamp
    )
    // Both change sets executed before either stack finished: CDK deployed them side by side.
    expect(executed).toHaveLength(2)
    expect(Math.max(...executed)).toBeLessThan(Math.min(...completed))
    for (const name of ['ApiStack', 'WebStack']) {
      expect(stack(sim, name)).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
      expect(await lockItem(table, name)).toEqual({ released: true, status: 'succeeded' })
    }
  })

  it('a cancelled cdk deploy: SIGINT reaches CDK, which exits and leaves CloudFormation creating; the lock is released', async () => {
    // Slow enough that the database is still being created when the job is cancelled.
    const { sim, table } = await setup(20)
    const run = guarded(sim, table, { stacks: [INCIDENT] })
    await run.waitFor(/CREATE_IN_PROGRESS\s+\| AWS::RDS::DBInstance/)
    run.child.kill('SIGINT')
    const { code, output } = await run.result

    expect(code).not.toBe(0)
    expect(output).toContain('SIGINT: stopping the deploy command')
    expect(output).not.toContain(`❌  ${INCIDENT} failed to deploy`)
    expect(output).toContain(`Released lock deploy-guard/us-east-1/${INCIDENT}.`)
    expect(await lockItem(table, INCIDENT)).toEqual({ released: true, status: 'cancelled' })
    // CDK does not cancel the operation it started: no CancelUpdateStack, no DeleteStack; CloudFormation goes on.
    expect(sim.calls['CloudFormation.CancelUpdateStack']).toBeUndefined()
    expect(sim.calls['CloudFormation.DeleteStack']).toBeUndefined()
    expect(stack(sim, INCIDENT)).toMatchObject({ status: 'CREATE_IN_PROGRESS', terminationProtection: true })
  })
})
