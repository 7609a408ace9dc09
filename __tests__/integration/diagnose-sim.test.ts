import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { systemClock } from '../../src/core/clock.js'
import { diagnoseStack } from '../../src/core/diagnose/index.js'
import { incidentPrincipals } from '../../src/sim/principals.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
let sim: Sim
afterEach(async () => {
  await sim?.close()
})

async function diagnose(scenario: string) {
  sim = await startSim({ cloudTrailRatePerSecond: Infinity })
  sim.deploy(STACK, scenario, { startAt: 'past' })
  const config = {
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: incidentPrincipals().deployer.accessKeyId, secretAccessKey: 'sim' }
  }
  return diagnoseStack(
    { cfn: new CloudFormationClient(config), trail: new CloudTrailClient(config), clock: systemClock },
    { stackName: STACK, region: 'us-east-1' }
  )
}

describe('diagnosing the scripted failures on the local endpoint', () => {
  it('drills into the nested stack to the database that failed, keeping the nested path', async () => {
    const report = await diagnose('nested-child-fails')
    expect(report.rootCauses[0]).toMatchObject({
      logicalResourceId: 'Database',
      nestedPath: ['DataStack'],
      status: 'CREATE_FAILED'
    })
  })

  it('names the resource whose update failed in an update that rolled back', async () => {
    const report = await diagnose('update-rolls-back')
    expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE')
    expect(report.rootCauses[0]?.status).toBe('UPDATE_FAILED')
  })

  it.each([
    ['early-validation-fails', 'validation'],
    ['hook-fails', 'hook']
  ])('reports the %s scenario as a %s finding from DescribeEvents', async (scenario, kind) => {
    const report = await diagnose(scenario)
    expect(report.findings.map(finding => finding.kind)).toContain(kind)
    expect(report.findings.find(finding => finding.kind === kind)?.detail).not.toBe('')
  })

  it("builds the incident A timeline: who created and executed the change set, and CDK's role deleting the stack", async () => {
    const report = await diagnose('create-fails-db-35m')
    const timeline = report.cloudTrail!.timeline.map(entry => `${entry.eventName} ${entry.principal}`)
    expect(timeline).toEqual(
      expect.arrayContaining([
        'CreateChangeSet iseepatterns-iam-user',
        'ExecuteChangeSet iseepatterns-iam-user',
        expect.stringMatching(/^DeleteStack role aws-cdk-showboat/)
      ])
    )
    expect(report.cloudTrail!.apiErrors[0]).toMatchObject({
      eventSource: 'rds.amazonaws.com',
      invokedBy: 'cloudformation.amazonaws.com'
    })
    expect(report.cloudTrail!.apiErrors[0]?.errorCode).toBeTruthy()
  })
})
