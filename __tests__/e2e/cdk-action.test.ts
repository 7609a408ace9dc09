import { describe, expect, it } from '@jest/globals'
import { githubRunEnv, startStep } from '../../src/sim/runner.js'
import type { Sim } from '../../src/sim/server.js'
import { readFileSync } from 'node:fs'
import { cdkCommand, env, HEADROOM, scenarioArtifact, setup, stack, useCdkHarness } from './cdk-support.js'

useCdkHarness()

/**
 * The root action's step guarding `stackName` with `run: cdk deploy ARTIFACT` (the real CLI; the artifact deploys that
 * stack), as run number `runNumber` of a workflow.
 */
function guardStep(sim: Sim, table: string, stackName: string, runNumber: number, artifact = stackName) {
  return startStep({
    action: '.',
    inputs: {
      'stack-name': stackName,
      'lock-table': table,
      'poll-interval': '500ms',
      run: cdkCommand([artifact])
    },
    env: { ...env(sim, table), ...githubRunEnv(runNumber) }
  }).result
}

describe('the GitHub action guarding the real cdk deploy', () => {
  it('runs `cdk deploy` from its run input, streams the new stack, and leaves it protected', async () => {
    const { sim, table } = await setup()
    const step = await guardStep(sim, table, 'WebStack', 81)

    expect(step.exitCode).toBe(0)
    expect(step.stdout).toContain('✅  WebStack')
    expect(step.stdout).toMatch(/WebStack AWS::CloudFormation::Stack CREATE_COMPLETE/)
    expect(step.outputs).toMatchObject({ 'stack-status': 'CREATE_COMPLETE', failed: 'false' })
    expect(step.summary).toContain('WebStack')
    expect(sim.calls['CloudFormation.ExecuteChangeSet']).toBe(1)
    expect(stack(sim, 'WebStack')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
  })

  it('keeps protection on through an update by an app without terminationProtection, and records who turned it off', async () => {
    const { sim, table } = await setup()
    sim.deploy('ApiStack', 'create-succeeds', { startAt: 'past', terminationProtection: true, ...HEADROOM })
    const step = await guardStep(sim, table, 'ApiStack', 82)

    expect(step.exitCode).toBe(0)
    expect(step.stdout.match(/cdk deploy turned termination protection off for ApiStack/g)).toHaveLength(1)
    expect(step.stdout).toContain(
      '::warning::cdk deploy turned termination protection off for ApiStack because the app does not set ' +
        '`terminationProtection: true`; deploy-guard turned it back on. Set it in the app to stop the round trip.'
    )
    const [restored] = JSON.parse(step.outputs['protection-restored']!) as Record<string, string>[]
    expect(restored).toMatchObject({ stack: 'ApiStack', 'turned-off-by': 'iseepatterns-iam-user' })
    expect(Date.parse(restored!['restored-at']!)).toBeGreaterThanOrEqual(
      Date.parse(restored!['turned-off-at']!)
    )
    expect(step.summary).toContain(
      'Termination protection on ApiStack was turned off by iseepatterns-iam-user'
    )
    expect(step.outputs).toMatchObject({ 'stack-status': 'UPDATE_COMPLETE', failed: 'false' })
    expect(stack(sim, 'ApiStack')).toMatchObject({ status: 'UPDATE_COMPLETE', terminationProtection: true })
  })
  it("an update that rolls back after CDK turned protection off: the failed stack's report says who and when", async () => {
    const { sim, table } = await setup()
    sim.deploy('ApiStack', 'create-succeeds', { startAt: 'past', terminationProtection: true, ...HEADROOM })
    const step = await guardStep(
      sim,
      table,
      'ApiStack',
      83,
      scenarioArtifact('ApiStack', 'update-rolls-back')
    )

    expect(step.exitCode).toBe(1)
    expect(step.outputs).toMatchObject({ 'stack-status': 'UPDATE_ROLLBACK_COMPLETE', failed: 'true' })
    const report = JSON.parse(readFileSync(step.outputs['report-path']!, 'utf8')) as { notes: string[] }
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^Termination protection on ApiStack was turned off by iseepatterns-iam-user at .+; found off at .+ and turned back on at /
      )
    )
    expect(stack(sim, 'ApiStack')).toMatchObject({
      status: 'UPDATE_ROLLBACK_COMPLETE',
      terminationProtection: true
    })
  })
})
