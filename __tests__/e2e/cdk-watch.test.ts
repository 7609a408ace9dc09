import { describe, expect, it } from '@jest/globals'
import {
  guarded,
  HEADROOM,
  INCIDENT,
  setup,
  stack,
  trail,
  unguarded,
  useCdkHarness,
  watched
} from './cdk-support.js'

useCdkHarness()

describe('deploy-guard watch beside the real cdk deploy (the README pattern: `cdk deploy … &`, then watch)', () => {
  it('started before cdk deploy on a stack whose last update failed: waits for the new operation and follows it', async () => {
    const { sim, table } = await setup()
    sim.deploy('ApiStack', 'busy-with-others-update', {
      startAt: 'past',
      options: { fails: true },
      ...HEADROOM
    })
    const watch = watched(sim, table, 'ApiStack')
    await watch.waitFor('waiting up to 10m for the next operation to start')

    const deploy = await unguarded(sim, table, ['ApiStack']).result
    const { code, output } = await watch.result

    expect(deploy.code).toBe(0)
    expect(code).toBe(0)
    expect(output).toContain(
      'ApiStack: waiting up to 10m for the next operation to start: its last one ended UPDATE_ROLLBACK_COMPLETE'
    )
    // The old failed update is history: it neither fails the watch nor is reported as its result.
    expect(output).toContain('ApiStack: UPDATE_COMPLETE.')
    expect(output).not.toMatch(/^error:/m)
    expect(stack(sim, 'ApiStack')).toMatchObject({ status: 'UPDATE_COMPLETE' })
  })

  it('started while cdk deploy runs: follows that operation to its end, and fails for it when it fails', async () => {
    // Slow enough that the create is still running when the watch starts (35 simulated minutes ≈ 20 s).
    const { sim, table } = await setup(100)
    const deploy = unguarded(sim, table, [INCIDENT])
    await deploy.waitFor(/CREATE_IN_PROGRESS\s+\| AWS::CloudFormation::Stack/)
    const { code, output } = await watched(sim, table, INCIDENT).result

    expect(code).toBe(1)
    expect(output).not.toContain('waiting up to')
    expect(output).toMatch(/Database AWS::RDS::DBInstance CREATE_FAILED/)
    expect(output).toContain(`error: ${INCIDENT}: ROLLBACK_COMPLETE.`)
    expect((await deploy.result).code).toBe(1)
  })

  it('started after cdk deploy ended: the finished operation never decides the watch, which stops at its start timeout', async () => {
    const { sim, table } = await setup()
    expect((await unguarded(sim, table, [INCIDENT]).result).code).toBe(1)
    const { code, output } = await watched(sim, table, INCIDENT, ['--start-timeout', '2s']).result

    expect(code).toBe(1)
    expect(output).toContain(
      `${INCIDENT}: waiting up to 2s for the next operation to start: its last one ended ROLLBACK_COMPLETE`
    )
    expect(output).toContain('no operation started before the start timeout')
    expect(output).not.toMatch(/Database AWS::RDS::DBInstance CREATE_FAILED/)
  })
  it('a change set nobody executes (cdk deploy --no-execute) is reported as such at the start timeout', async () => {
    const { sim, table } = await setup()
    expect((await unguarded(sim, table, ['WebStack'], ['--no-execute']).result).code).toBe(0)
    const { code, output } = await watched(sim, table, 'WebStack', ['--start-timeout', '2s']).result

    expect(code).toBe(1)
    expect(output).toContain(
      'WebStack: waiting up to 2s for its change set to be executed: the stack is REVIEW_IN_PROGRESS, a change set ' +
        'was created and nobody has executed it yet.'
    )
    expect(output).toContain('WebStack: REVIEW_IN_PROGRESS; no operation started before the start timeout')
    // The watch protected the stack the moment it saw it, so the next cdk deploy finds it protected: CDK then turns
    // protection off before it executes the create, and the guard turns it back on.
    expect(stack(sim, 'WebStack')).toMatchObject({
      status: 'REVIEW_IN_PROGRESS',
      terminationProtection: true
    })

    const run = await guarded(sim, table, { stacks: ['WebStack'] }).result
    expect(run.code).toBe(0)
    expect(
      trail(sim, 'UpdateTerminationProtection').map(
        record => record.requestParameters?.enableTerminationProtection
      )
    ).toEqual([true, false, true])
    expect(run.output).toContain('cdk deploy turned termination protection off for WebStack')
    expect(stack(sim, 'WebStack')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
  })
})
