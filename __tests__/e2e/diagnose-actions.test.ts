import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { incidentPrincipals } from '../../src/sim/principals.js'
import { githubRunEnv, ROOT_DIR, runStep, localAwsEnv } from '../../src/sim/runner.js'
import { SIM_DB_PASSWORD } from '../../src/sim/scenarios/index.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
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
  return {
    ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
    ...githubRunEnv(76)
  }
}

describe('diagnosing incident A: the stack that failed after 35 minutes and was deleted', () => {
  it("the diagnose step, after CDK's role deleted the stack, names the database, its reason and who executed and deleted", async () => {
    const env = await setup()
    sim.deploy(STACK, 'create-fails-db-35m', { startAt: 'past' })
    expect(sim.state().stacks.find(stack => stack.name === STACK)?.status).toBe('DELETE_COMPLETE')
    const step = await runStep({ action: 'diagnose', inputs: { 'stack-name': STACK }, env })
    expect(step.exitCode).toBe(0)
    expect(step.outputs['root-cause']).toMatch(
      /^CourtCaseManagementStack: Database \(AWS::RDS::DBInstance\) CREATE_FAILED: /
    )
    expect(JSON.parse(step.outputs['failed-resources']!)).toEqual([
      expect.objectContaining({
        logicalResourceId: 'Database',
        resourceType: 'AWS::RDS::DBInstance',
        status: 'CREATE_FAILED',
        nestedPath: []
      })
    ])
    expect(step.stdout).toMatch(
      /::error title=CourtCaseManagementStack%3A Database CREATE_FAILED::AWS::RDS::DBInstance: Resource handler returned message: "DB Subnet Group/
    )
    expect(step.summary).toContain('ended DELETE\\_COMPLETE (stack since deleted)')
    expect(step.summary).toMatch(/\| Database \| AWS::RDS::DBInstance \| CREATE\\_FAILED \|/)
    expect(step.summary).toMatch(/\| ExecuteChangeSet \| iseepatterns-iam-user \|/)
    expect(step.summary).toMatch(/\| DeleteStack \| role aws-cdk-showboat/)
    const report = JSON.parse(readFileSync(step.outputs['report-path']!, 'utf8'))
    expect(report).toMatchObject({
      schemaVersion: 1,
      stack: { name: STACK, deleted: true },
      rootCauses: [{ logicalResourceId: 'Database' }]
    })
    for (const text of [step.stdout, step.summary, readFileSync(step.outputs['report-path']!, 'utf8')]) {
      expect(text).not.toContain(SIM_DB_PASSWORD)
    }
  })

  it('the diagnose step on a stack that never existed names the Region it looked in and what to check', async () => {
    const env = await setup()
    const step = await runStep({ action: 'diagnose', inputs: { 'stack-name': 'CourtCaseStack' }, env })
    expect(step.exitCode).toBe(1)
    expect(step.stdout).toContain(
      '::error::Stack CourtCaseStack does not exist in us-east-1, and no stack of that name was deleted in the last ' +
        '90 days (as long as ListStacks keeps deleted stacks). Check the stack name and the Region (the region ' +
        'input, CLI --region, or AWS_REGION).'
    )
  })

  it('the root action, live, writes the diagnosis when the deploy fails, and never prints the database password', async () => {
    const env = await setup()
    const tableName = await dynamo.createLockTable()
    const step = await runStep({
      action: '.',
      inputs: {
        'stack-name': STACK,
        'lock-table': tableName,
        'poll-interval': '200ms',
        run: `node ${join(ROOT_DIR, 'src', 'sim', 'fake-cdk.mjs')} ${sim.url} ${STACK} create-fails-db-35m 600`
      },
      env
    })
    expect(step.exitCode).toBe(1)
    expect(step.outputs['root-cause']).toMatch(/Database \(AWS::RDS::DBInstance\) CREATE_FAILED/)
    expect(step.summary).toMatch(/\| Database \| AWS::RDS::DBInstance \| CREATE\\_FAILED \|/)
    expect(step.summary).toMatch(/lock deploy-guard\/us-east-1\/CourtCaseManagementStack \(fence 1\)/)
    expect(step.summary).toContain('CloudTrail may not have delivered every event yet')
    expect(step.stdout + step.summary).not.toContain(SIM_DB_PASSWORD)
  })

  it("the lock step's post diagnoses a guarded stack that failed while the lock was held, and stays quiet otherwise", async () => {
    const env = await setup()
    const tableName = await dynamo.createLockTable()
    const inputs = { 'stack-name': STACK, 'lock-table': tableName }
    const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
    const main = await runStep({ action: 'lock', inputs, env, jobDir })
    expect(main.exitCode).toBe(0)
    // The deploy step between lock and post; asynchronous, as the sim answering it runs in this process.
    const deploy = spawn(process.execPath, [
      join(ROOT_DIR, 'src', 'sim', 'fake-cdk.mjs'),
      sim.url,
      STACK,
      'create-fails-db-35m',
      '600',
      '{"cleanup":false}'
    ])
    expect(await new Promise(resolve => deploy.on('exit', resolve))).toBe(1)
    // Someone else deletes the stack while this job still holds the lock (incident B's uncoordinated change).
    sim.deleteStack(STACK, incidentPrincipals().operator)
    sim.clock.advance(3_600_000)
    const post = await runStep({ action: 'lock', phase: 'post', inputs, env, state: main.state, jobDir })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain('Released lock deploy-guard/us-east-1/CourtCaseManagementStack.')
    expect(post.stdout).toMatch(/::error title=CourtCaseManagementStack%3A Database CREATE_FAILED::/)
    expect(post.summary).toMatch(/\| ExecuteChangeSet \| iseepatterns-iam-user \|/)
    expect(post.summary).toContain('Another principal changed this stack while the deploy held its lock:')
    expect(post.summary).toMatch(/> - \S+ DeleteStack by iseepatterns\\_user/)

    const quiet = await runStep({ action: 'lock', inputs: { ...inputs, 'stack-name': 'QuietStack' }, env })
    const quietPost = await runStep({
      action: 'lock',
      phase: 'post',
      inputs: { ...inputs, 'stack-name': 'QuietStack' },
      env,
      state: quiet.state
    })
    expect(quietPost.stdout).not.toContain('::error')
    expect(quietPost.summary).toBe('')
  })
})
