import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { githubRunEnv, localAwsEnv, ROOT_DIR, runStep } from '../../src/sim/runner.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'OrdersStack'
/** Secrets the scenarios plant in ResourceProperties, task definitions and log lines that are not errors. */
const SECRETS = ['s3cr3t-pw', 'Sup3r-s3cret-db', 'Adm1n-s3cret-seed']
let dynamo: LocalDynamo
let sim: Sim

beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(async () => {
  await dynamo.close()
})
afterEach(async () => {
  await sim?.close()
})

async function setup() {
  sim = await startSim()
  return { ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }), ...githubRunEnv(81) }
}

/** The diagnose step, run as the runner runs it, on a failure that already played out. */
async function diagnoseStep(scenario: string) {
  const env = await setup()
  sim.deploy(STACK, scenario, { startAt: 'past' })
  const step = await runStep({ action: 'diagnose', inputs: { 'stack-name': STACK }, env })
  const report = readFileSync(step.outputs['report-path']!, 'utf8')
  for (const text of [step.stdout, step.summary, report])
    for (const secret of SECRETS) expect(text).not.toContain(secret)
  return { step, report: JSON.parse(report) }
}

describe('the diagnose step names the real reason behind a generic CloudFormation failure', () => {
  it('ECS tasks that exit 1: exit code and the error line of the container log', async () => {
    const { step, report } = await diagnoseStep('ecs-tasks-exit')
    expect(step.exitCode).toBe(0)
    expect(step.outputs['root-cause']).toMatch(
      /WebService1A2B3C4D \(AWS::ECS::Service\) CREATE_FAILED: Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'\. — Container web exited with code 1/
    )
    expect(step.summary).toContain('#### Evidence from ECS, RDS and CloudWatch Logs')
    expect(step.summary).toContain("Error: Cannot find module '/app/dist/server.js'")
    expect(step.summary).toMatch(
      /\[Logs of task [0-9a-f]{8}… \\\(web\\\)\]\(https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\//
    )
    expect(report.evidence[0]).toMatchObject({
      kind: 'ecs-service',
      logicalResourceId: 'WebService1A2B3C4D',
      gaps: []
    })
  })

  it('an ECS service failing its load balancer health check says so plainly', async () => {
    const { step } = await diagnoseStep('ecs-health-check-fails')
    expect(step.outputs['root-cause']).toMatch(
      /— The tasks started but failed the load balancer health check of target group orders-web: Health checks failed with these codes: \[404\]/
    )
    expect(step.stdout).toMatch(
      /::error title=OrdersStack%3A WebService1A2B3C4D CREATE_FAILED::.*failed the load balancer health check/
    )
  })

  it('a database failing on its subnet group: the RDS event, read after the instance was deleted', async () => {
    const { step, report } = await diagnoseStep('rds-subnet-group-fails')
    expect(step.outputs['root-cause']).toMatch(
      /OrdersDatabase5B6C7D8E \(AWS::RDS::DBInstance\) CREATE_FAILED: DB Instance \S+ is in incompatible-network state\. — RDS reported: The DB instance could not be created because DB subnet group 'ordersstack-db-subnets' has no available IP addresses in subnet subnet-0a11a11a11a11a111/
    )
    expect(report.evidence[0].facts.map((fact: { text: string }) => fact.text)).toContain(
      'DB instance deleted'
    )
  })

  it('a custom resource whose Lambda throws: the function and the error it threw', async () => {
    const { step } = await diagnoseStep('custom-resource-fails')
    expect(step.outputs['root-cause']).toMatch(
      /SeedOrdersTable4C5D6E7F \(Custom::SeedData\) CREATE_FAILED: See the details in CloudWatch Log Stream: .* — Lambda function OrdersStack-SeedHandler[0-9A-F]{8} threw TypeError: Cannot read properties of undefined \(reading 'tableName'\)/
    )
    expect(step.summary).toContain('[Lambda function OrdersStack-SeedHandler')
  })

  it('a denied permission is one line in the report naming it; the step still succeeds', async () => {
    const env = await setup()
    sim.deploy(STACK, 'ecs-tasks-exit', { startAt: 'past' })
    sim.faults.set({ rules: [{ kind: 'deny', service: 'ECS', action: 'DescribeServices' }] })
    const step = await runStep({ action: 'diagnose', inputs: { 'stack-name': STACK }, env })
    expect(step.exitCode).toBe(0)
    expect(step.summary).toContain(
      "> ecs:DescribeServices was denied, so the report lacks the service's events and task counts; allow ecs:DescribeServices"
    )
    expect(step.outputs['root-cause']).toMatch(/— Container web exited with code 1/)
  })
})

describe('the root action while the deploy runs', () => {
  it('explains a slow ECS service, captures its evidence the moment it fails, and reports it', async () => {
    const env = await setup()
    const tableName = await dynamo.createLockTable()
    const step = await runStep({
      action: '.',
      inputs: {
        'stack-name': STACK,
        'lock-table': tableName,
        'poll-interval': '200ms',
        'slow-resource-after': '1s',
        run: `node ${join(ROOT_DIR, 'src', 'sim', 'fake-cdk.mjs')} ${sim.url} ${STACK} ecs-tasks-exit 120`
      },
      env
    })
    expect(step.exitCode).toBe(1)
    // While in progress: running vs desired and the last stopped task, before CloudFormation gives up.
    expect(step.stdout).toMatch(
      /⏳ WebService1A2B3C4D \(AWS::ECS::Service\) CREATE_IN_PROGRESS for [\dhms ]+: Service OrdersStack-WebService \(ACTIVE\): \d of 1 tasks running/
    )
    expect(step.stdout).toMatch(
      /::warning::WebService1A2B3C4D \(AWS::ECS::Service\): Container web exited with code 1/
    )
    expect(step.outputs['root-cause']).toMatch(/— Container web exited with code 1/)
    for (const secret of SECRETS) expect(step.stdout + step.summary).not.toContain(secret)
  })
})
