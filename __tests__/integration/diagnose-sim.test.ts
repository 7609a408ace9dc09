import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { systemClock } from '../../src/core/clock.js'
import { diagnoseStack } from '../../src/core/diagnose/index.js'
import { incidentPrincipals } from '../../src/sim/principals.js'
import { loadRecorded } from '../../src/sim/recorded.js'
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

describe('rows that share a timestamp', () => {
  it('are listed newest first by the sim and read back in the order they happened by diagnose', async () => {
    sim = await startSim({ cloudTrailRatePerSecond: Infinity })
    const stackId =
      'arn:aws:cloudformation:us-east-1:123456789012:stack/demo/5b4bfb3f-a1f4-4f1c-ab35-b56f93778e36'
    const row = (second: string, status: string, reason?: string) => ({
      EventId: `${status}-${second}`,
      StackId: stackId,
      StackName: 'demo',
      LogicalResourceId: 'demo',
      PhysicalResourceId: stackId,
      ResourceType: 'AWS::CloudFormation::Stack',
      Timestamp: `2019-10-16T13:20:${second}.000Z`,
      ResourceStatus: status,
      ...(reason ? { ResourceStatusReason: reason } : {})
    })
    // Newest first, as describe-stack-events prints them: the clean-up row and the status it ends in share a time.
    loadRecorded(sim.world, [
      {
        StackEvents: [
          row('44', 'UPDATE_ROLLBACK_COMPLETE'),
          row('44', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'),
          row('32', 'UPDATE_ROLLBACK_IN_PROGRESS', 'User Initiated')
        ]
      }
    ])
    const cfn = new CloudFormationClient({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials: { accessKeyId: incidentPrincipals().deployer.accessKeyId, secretAccessKey: 'sim' }
    })
    const listed = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))
    expect(listed.StackEvents?.map(event => event.ResourceStatus)).toEqual([
      'UPDATE_ROLLBACK_COMPLETE',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS'
    ])
    const report = await diagnoseStack(
      { cfn, clock: systemClock },
      { stackName: 'demo', region: 'us-east-1' }
    )
    expect(report.operation).toMatchObject({ count: 1, type: 'UPDATE_STACK' })
    expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE')
    expect(report.rootCauses.map(cause => [cause.scope, cause.logicalResourceId])).toEqual([
      ['stack', 'demo']
    ])
  })
})
