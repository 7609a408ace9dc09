import { describe, expect, it } from '@jest/globals'
import { githubRunEnv, startStep } from '../../src/sim/runner.js'
import { cdkCommand, env, setup, stack, useCdkHarness } from './cdk-support.js'

useCdkHarness()

describe('the GitHub action guarding the real cdk deploy', () => {
  it('runs `cdk deploy` from its run input, streams the new stack, and leaves it protected', async () => {
    const { sim, table } = await setup()
    const step = await startStep({
      action: '.',
      inputs: {
        'stack-name': 'WebStack',
        'lock-table': table,
        'poll-interval': '500ms',
        run: cdkCommand(['WebStack'])
      },
      env: { ...env(sim, table), ...githubRunEnv(81) }
    }).result

    expect(step.exitCode).toBe(0)
    expect(step.stdout).toContain('✅  WebStack')
    expect(step.stdout).toMatch(/WebStack AWS::CloudFormation::Stack CREATE_COMPLETE/)
    expect(step.outputs).toMatchObject({ 'stack-status': 'CREATE_COMPLETE', failed: 'false' })
    expect(step.summary).toContain('WebStack')
    expect(sim.calls['CloudFormation.ExecuteChangeSet']).toBe(1)
    expect(stack(sim, 'WebStack')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
  })
})
