import { describe, expect, it } from '@jest/globals'
import { MINUTE } from '../../src/sim/script.js'
import {
  failedIncident,
  guarded,
  INCIDENT,
  lockItem,
  setup,
  stack,
  trail,
  unguarded,
  useCdkHarness
} from './cdk-support.js'

useCdkHarness()

describe('the real cdk deploy of incident A, guarded, against the sim', () => {
  it('incident A: the create fails after 35 simulated minutes, rolls back, and the failed stack stays protected', async () => {
    const { sim, table } = await setup()
    const { code, output } = await guarded(sim, table, { stacks: [INCIDENT] }).result

    expect(code).toBe(1)
    // What CDK itself printed, then what deploy-guard added.
    expect(output).toContain(`${INCIDENT}: creating CloudFormation changeset...`)
    expect(output).toMatch(/ROLLBACK_COMPLETE\s+\| AWS::CloudFormation::Stack/)
    expect(output).toContain(`❌  ${INCIDENT} failed to deploy`)
    expect(output).toMatch(
      /error: CourtCaseManagementStack: Database \(AWS::RDS::DBInstance\) CREATE_FAILED: DB Subnet Group/
    )
    expect(output).toContain(`Released lock deploy-guard/us-east-1/${INCIDENT}.`)

    const events = sim.world.stacks.find(s => s.name === INCIDENT)!.events
    const started = events.find(e => e.logicalId === INCIDENT && e.status === 'CREATE_IN_PROGRESS')!
    const failed = events.find(e => e.logicalId === 'Database' && e.status === 'CREATE_FAILED')!
    expect(failed.timestamp - started.timestamp).toBeGreaterThanOrEqual(35 * MINUTE)
    expect(sim.calls).toMatchObject({
      'STS.GetCallerIdentity': expect.any(Number),
      'CloudFormation.CreateChangeSet': 1,
      'CloudFormation.ExecuteChangeSet': 1
    })
    expect(stack(sim, INCIDENT)).toMatchObject({ status: 'ROLLBACK_COMPLETE', terminationProtection: true })
    expect(await lockItem(table, INCIDENT)).toEqual({ released: true, status: 'failed' })
  })

  it('the next cdk deploy of that ROLLBACK_COMPLETE stack: CDK’s DeleteStack is refused by protection, and deploy-guard stops first', async () => {
    const { sim, table } = await setup()
    const failedId = failedIncident(sim)

    const teammate = await unguarded(sim, table, ['CourtCaseManagementStackFixed']).result
    expect(teammate.code).toBe(1)
    expect(teammate.output).toContain('cannot be deleted while TerminationProtection is enabled')
    expect(trail(sim, 'DeleteStack')).toEqual([
      expect.objectContaining({ errorCode: 'ValidationError', requestParameters: { stackName: failedId } })
    ])

    const run = await guarded(sim, table, {
      stacks: [INCIDENT],
      artifacts: ['CourtCaseManagementStackFixed']
    }).result
    expect(run.code).toBe(1)
    expect(run.output).toContain(`Stack ${INCIDENT} is in ROLLBACK_COMPLETE: its first create failed`)
    expect(run.output).not.toContain('creating CloudFormation changeset')
    expect(sim.calls['CloudFormation.CreateChangeSet']).toBeUndefined()
    expect(stack(sim, INCIDENT)).toMatchObject({
      id: failedId,
      status: 'ROLLBACK_COMPLETE',
      terminationProtection: true
    })
  })

  it('with --replace-failed-create, deploy-guard records and deletes the failed stack and CDK creates it again', async () => {
    const { sim, table } = await setup()
    const failedId = failedIncident(sim)

    const { code, output } = await guarded(sim, table, {
      stacks: [INCIDENT],
      artifacts: ['CourtCaseManagementStackFixed'],
      guard: ['--replace-failed-create']
    }).result

    expect(code).toBe(0)
    expect(output).toContain(`✅  CourtCaseManagementStackFixed (${INCIDENT})`)
    const replaced = stack(sim, INCIDENT)!
    expect(replaced).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true })
    expect(replaced.id).not.toBe(failedId)
    expect(
      sim.world.status(
        sim.world.stacks.find(s => s.id === failedId)!,
        sim.clock.now()
      )
    ).toBe('DELETE_COMPLETE')
    // deploy-guard deleted it; CDK found no stack to delete.
    expect(trail(sim, 'DeleteStack')).toEqual([
      expect.objectContaining({ requestParameters: { stackName: failedId } })
    ])
    expect(trail(sim, 'DeleteStack')[0]!.errorCode).toBeUndefined()
  })
  it("a teammate's unguarded create still running when the lock is taken ends failed: the run stops with its diagnosis, marked as someone else's", async () => {
    // 35 simulated minutes ≈ 21 s: the teammate's create outlasts the guard's start.
    const { sim, table } = await setup(100)
    const teammate = unguarded(sim, table, [INCIDENT])
    await teammate.waitFor(/CREATE_IN_PROGRESS\s+\| AWS::CloudFormation::Stack/)

    const { code, output } = await guarded(sim, table, { stacks: [INCIDENT] }).result

    expect(code).toBe(1)
    expect(output).toMatch(
      new RegExp(
        `${INCIDENT} is CREATE_IN_PROGRESS: an operation started by .+ is still running, and it is not this run's`
      )
    )
    expect(output).toMatch(
      new RegExp(
        `error: Stack ${INCIDENT} was busy with someone else's operation \\(CREATE_IN_PROGRESS, started by .+ it ended ROLLBACK_COMPLETE; the deploy command was not run`
      )
    )
    // The diagnosis of that operation follows, and CDK never ran under this guard.
    expect(output).toMatch(/Database \(AWS::RDS::DBInstance\) CREATE_FAILED: DB Subnet Group/)
    expect(output).not.toContain('creating CloudFormation changeset')
    expect(await lockItem(table, INCIDENT)).toMatchObject({ released: true })
    expect((await teammate.result).code).toBe(1)
  })
})
