import { describe, expect, it } from '@jest/globals'
import { HEADROOM, INCIDENT, setup, stack, unguarded, useCdkHarness, watched } from './cdk-support.js'

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
})
