import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { lazyEvidenceReaders } from '../../src/aws/evidence/index.js'
import { systemClock } from '../../src/core/clock.js'
import { diagnoseStack } from '../../src/core/diagnose/index.js'
import { renderSummaryMarkdown, toJson } from '../../src/core/report/render.js'
import type { FaultRule } from '../../src/sim/faults.js'
import { incidentPrincipals } from '../../src/sim/principals.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'OrdersStack'
const saved = { ...process.env }
let sim: Sim

beforeAll(async () => {
  sim = await startSim({ cloudTrailRatePerSecond: Infinity })
  // The SDK's standard per-service endpoint variables, exactly as the action and the CLI are pointed at AWS.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_ECS: sim.url,
    AWS_ENDPOINT_URL_RDS: sim.url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: sim.url,
    AWS_ACCESS_KEY_ID: incidentPrincipals().deployer.accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'sim'
  })
})
afterEach(() => sim.faults.set({ rules: [] }))
afterAll(async () => {
  process.env = saved
  await sim.close()
})

let deploys = 0
/** Each test deploys its scenario under a fresh stack name, already played out, and diagnoses it with evidence. */
async function diagnose(scenario: string, faults: FaultRule[] = []) {
  const stackName = `${STACK}${++deploys}`
  sim.deploy(stackName, scenario, { startAt: 'past' })
  sim.faults.set({ rules: faults })
  sim.resetCalls()
  const cfn = new CloudFormationClient({
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: incidentPrincipals().deployer.accessKeyId, secretAccessKey: 'sim' }
  })
  const report = await diagnoseStack(
    { cfn, evidence: lazyEvidenceReaders({ region: 'us-east-1', maxAttempts: 1 }), clock: systemClock },
    { stackName, region: 'us-east-1' }
  )
  return { report, json: toJson(report), markdown: renderSummaryMarkdown(report), calls: sim.calls }
}

describe('evidence read from the local ECS, RDS and CloudWatch Logs endpoints', () => {
  it('an ECS service whose tasks exit 1: the exit code and the error line of its log, never the secret it printed', async () => {
    const { report, json, calls } = await diagnose('ecs-tasks-exit')
    const evidence = report.evidence[0]!
    expect(report.rootCauses[0]!.logicalResourceId).toBe('WebService1A2B3C4D')
    expect(evidence.verdict).toMatch(
      /^Container web exited with code 1 4s after it started \(\d+ stopped tasks the same way\)/
    )
    expect(evidence.logLines.map(line => line.message)).toEqual([
      "Error: Cannot find module '/app/dist/server.js'"
    ])
    expect(json).not.toContain('s3cr3t-pw')
    expect(evidence.gaps).toEqual([])
    expect(calls).toMatchObject({
      'ECS.DescribeServices': 1,
      'ECS.ListTasks': 1,
      'ECS.DescribeTasks': 1,
      'ECS.DescribeTaskDefinition': 1,
      'CloudWatchLogs.GetLogEvents': 1
    })
  })

  it('an ECS service failing its load balancer health check says so, with the codes', async () => {
    const { report } = await diagnose('ecs-health-check-fails')
    expect(report.evidence[0]!.verdict).toMatch(
      /^The tasks started but failed the load balancer health check of target group orders-web: Health checks failed with these codes: \[404\]; ECS stopped \d+ tasks for it\.$/
    )
    expect(
      report.evidence[0]!.facts.some(fact =>
        fact.text.startsWith('Service OrdersStack2-WebService (INACTIVE)')
      )
    ).toBe(true)
  })

  it('a database failing on its subnet group: the RDS event names the subnet group, after the instance is gone', async () => {
    const { report, json } = await diagnose('rds-subnet-group-fails')
    expect(report.rootCauses[0]!.summary).toMatch(/incompatible-network state/)
    expect(report.evidence[0]!.verdict).toMatch(
      /^RDS reported: The DB instance could not be created because DB subnet group 'ordersstack3-db-subnets' has no available IP addresses/
    )
    expect(report.evidence[0]!.facts.at(-1)!.text).toBe('DB instance deleted')
    expect(json).not.toContain('Sup3r-s3cret-db')
  })

  it('a custom resource whose Lambda throws: the function, its stream and the error, not the password it logged', async () => {
    const { report, json, markdown } = await diagnose('custom-resource-fails')
    expect(report.evidence[0]!.verdict).toMatch(
      /^Lambda function OrdersStack4-SeedHandler[0-9A-F]{8} threw TypeError: Cannot read properties of undefined \(reading 'tableName'\)$/
    )
    expect(report.evidence[0]!.logLines).toHaveLength(1)
    expect(json).not.toContain('Adm1n-s3cret-seed')
    expect(markdown).toContain('Lambda function OrdersStack4-SeedHandler')
  })

  it('a denied permission becomes one line naming it, and the rest of the evidence still arrives', async () => {
    const { report } = await diagnose('ecs-tasks-exit', [
      { kind: 'deny', service: 'ECS', action: 'DescribeTasks' }
    ])
    const evidence = report.evidence[0]!
    expect(evidence.gaps).toEqual([
      'ecs:DescribeTasks was denied, so the report lacks its stopped tasks, exit codes and stop reasons; allow ecs:DescribeTasks to the role that runs deploy-guard to see it.'
    ])
    expect(evidence.facts[0]!.text).toMatch(
      /^Service OrdersStack5-WebService \(INACTIVE\): 0 of 0 tasks running/
    )
    expect(evidence.verdict).toBeUndefined()
  })

  it('a denied RDS read is named as rds:DescribeEvents and the diagnosis still stands', async () => {
    const { report } = await diagnose('rds-subnet-group-fails', [{ kind: 'deny', service: 'RDS' }])
    expect(report.evidence[0]!.gaps[0]).toMatch(/^rds:DescribeEvents was denied/)
    expect(report.stack.failed).toBe(true)
  })
})
