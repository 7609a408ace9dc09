import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LockTable } from '../../src/core/lock/index.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { githubRunEnv, ROOT_DIR, runStep, startStep, localAwsEnv } from '../../src/sim/runner.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
const KEY = `deploy-guard/us-east-1/${STACK}`
const FAKE_CDK = join(ROOT_DIR, 'src', 'sim', 'fake-cdk.mjs')
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
  const tableName = await dynamo.createLockTable()
  const table = new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
  const env = {
    ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
    ...githubRunEnv(76)
  }
  const inputs = { 'stack-name': STACK, 'lock-table': tableName, 'poll-interval': '200ms' }
  return { table, env, inputs }
}

const cdk = (scenario: string, options = '{}') =>
  `node ${FAKE_CDK} ${sim.url} ${STACK} ${scenario} 600 '${options}'`
const stackState = () => sim.state().stacks.find(stack => stack.name === STACK)
/**
 * Starts the watch while the deployment is in progress (or before it starts) on the sim's real-time clock, then lets
 * simulated time run fast: a watch started after the operation ended would rightly wait for the next one.
 */
async function watchFromTheStart(env: Record<string, string>) {
  const step = startStep({ action: 'watch', inputs: { 'stack-name': STACK, 'poll-interval': '200ms' }, env })
  await step.waitFor(/_IN_PROGRESS|waiting up to/, 60_000)
  sim.clock.autoplay(600)
  return step.result
}
const lineIndex = (log: string, pattern: RegExp) => log.split('\n').findIndex(line => pattern.test(line))

describe('root action: lock, protect, run the deploy while watching, release', () => {
  it('deploys a new stack, protecting it as soon as it appears and streaming its events', async () => {
    const { table, env, inputs } = await setup()
    const step = await runStep({ action: '.', inputs: { ...inputs, run: cdk('create-succeeds') }, env })
    expect(step.exitCode).toBe(0)
    expect(step.outputs).toMatchObject({
      'stack-status': 'CREATE_COMPLETE',
      failed: 'false',
      'protected-stacks': STACK
    })
    expect(step.outputs['stack-id']).toMatch(
      /^arn:aws:cloudformation:us-east-1:\d{12}:stack\/CourtCaseManagementStack\//
    )
    expect(step.stdout).toContain(`Termination protection enabled on ${STACK} as soon as it appeared.`)
    expect(step.stdout).toMatch(/Z CourtCaseManagementStack AWS::CloudFormation::Stack CREATE_COMPLETE/)
    expect(stackState()?.terminationProtection).toBe(true)
    expect((await table.read(KEY))?.lastDeploy?.status).toBe('succeeded')
  })

  it("the 35-minute database failure: protected before it fails, the step fails, CDK's delete is refused, the lock is released", async () => {
    const { table, env, inputs } = await setup()
    const step = await runStep({ action: '.', inputs: { ...inputs, run: cdk('create-fails-db-35m') }, env })
    expect(step.exitCode).toBe(1)
    const protectedAt = lineIndex(step.stdout, /Termination protection enabled on CourtCaseManagementStack/)
    const failedAt = lineIndex(step.stdout, /Database AWS::RDS::DBInstance CREATE_FAILED/)
    expect(protectedAt).toBeGreaterThanOrEqual(0)
    expect(failedAt).toBeGreaterThan(protectedAt)
    expect(step.stdout).toContain('::error::The deploy command exited with code 1.')
    expect(step.outputs).toMatchObject({ 'stack-status': 'ROLLBACK_COMPLETE', failed: 'true' })
    expect(await table.read(KEY)).toMatchObject({ released: true, lastDeploy: { status: 'failed' } })

    sim.clock.advance(3_600_000)
    expect(stackState()).toMatchObject({ status: 'ROLLBACK_COMPLETE', terminationProtection: true })
  })

  it('fails the step when the command succeeds but the stack rolled back', async () => {
    const { env, inputs } = await setup()
    const step = await runStep({
      action: '.',
      inputs: { ...inputs, run: `${cdk('create-fails-db-35m')} || true` },
      env
    })
    expect(step.exitCode).toBe(1)
    expect(step.stdout).toContain(
      '::error::The deploy ended with CourtCaseManagementStack in ROLLBACK_COMPLETE.'
    )
  })

  it.each([
    [
      'a nested stack whose child fails',
      'nested-child-fails',
      'ROLLBACK_COMPLETE',
      / DataStack\/Database AWS::RDS::DBInstance CREATE_FAILED /
    ],
    ['an update that rolls back', 'update-rolls-back', 'UPDATE_ROLLBACK_COMPLETE', / UPDATE_FAILED /]
  ])("runs a deploy of %s and fails with the stack's final status", async (_, scenario, status, line) => {
    const { table, env, inputs } = await setup()
    const step = await runStep({ action: '.', inputs: { ...inputs, run: cdk(scenario) }, env })
    expect(step.exitCode).toBe(1)
    expect(step.outputs).toMatchObject({ 'stack-status': status, failed: 'true' })
    expect(step.stdout).toMatch(line)
    expect((await table.read(KEY))?.released).toBe(true)
  })

  it('stops before deploying over a failed first create, and replaces it when asked to', async () => {
    const { env, inputs } = await setup()
    sim.deploy(STACK, 'create-fails-db-35m', { startAt: 'past', options: { cleanup: false } })
    const refused = await runStep({ action: '.', inputs: { ...inputs, run: 'echo SHOULD-NOT-RUN' }, env })
    expect(refused.exitCode).toBe(1)
    expect(refused.stdout).not.toContain('SHOULD-NOT-RUN')
    expect(refused.stdout).toContain(
      '::error::Stack CourtCaseManagementStack is in ROLLBACK_COMPLETE: its first create failed'
    )

    const replaced = await runStep({
      action: '.',
      inputs: { ...inputs, 'replace-failed-create': 'true', run: cdk('create-succeeds') },
      env
    })
    expect(replaced.exitCode).toBe(0)
    expect(replaced.stdout).toMatch(
      /Deleting CourtCaseManagementStack \(ROLLBACK_COMPLETE\) so it can be created again; its \d+ events were recorded/
    )
    expect(replaced.outputs['stack-status']).toBe('CREATE_COMPLETE')
    expect(replaced.summary).toMatch(/\| Database \| AWS::RDS::DBInstance \| CREATE\\_FAILED \|/)
    expect(replaced.summary).toContain('Recorded before deploy-guard deleted this failed first create')
    // The replaced failure is history, not this run's result: no annotation, no failure outputs, no ❌ headline.
    expect(replaced.summary).toContain(
      'History: the failed first create of CourtCaseManagementStack (ROLLBACK\\_COMPLETE) that this run deleted and replaced'
    )
    expect(replaced.summary).not.toContain('❌')
    expect(replaced.stdout).not.toContain('::error')
    expect(replaced.outputs.failed).toBe('false')
    expect(replaced.outputs['root-cause']).toBeUndefined()
    expect(replaced.outputs['failed-resources']).toBeUndefined()
  })

  it('on cancel (SIGTERM), forwards the signal, stops watching, reports what was in progress and releases the lock', async () => {
    const { table, env, inputs } = await setup()
    const marker = join(mkdtempSync(join(tmpdir(), 'cancel-')), 'got-signal')
    const step = startStep({
      action: '.',
      inputs: {
        ...inputs,
        run: `trap 'echo TERM > ${marker}; exit 143' TERM INT; ${cdk('deploy-times-out')} & wait`
      },
      env
    })
    await step.waitFor(/Database AWS::RDS::DBInstance CREATE_IN_PROGRESS/, 30_000)
    step.child.kill('SIGTERM')
    const result = await step.result
    expect(readFileSync(marker, 'utf8').trim()).toBe('TERM')
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(
      /CourtCaseManagementStack: Database \(AWS::RDS::DBInstance\) still in progress after/
    )
    expect(await table.read(KEY)).toMatchObject({ released: true, lastDeploy: { status: 'cancelled' } })
  })
})

describe('watch sub-action: a deployment started elsewhere', () => {
  it.each([
    [
      'a nested stack whose child fails',
      'nested-child-fails',
      'ROLLBACK_COMPLETE',
      / DataStack\/Database AWS::RDS::DBInstance CREATE_FAILED /
    ],
    ['an update that rolls back', 'update-rolls-back', 'UPDATE_ROLLBACK_COMPLETE', /UPDATE_FAILED/]
  ])('follows %s to its end and fails the step', async (_, scenario, status, line) => {
    const { env } = await setup()
    sim.deploy(STACK, scenario)
    const step = await watchFromTheStart(env)
    expect(step.exitCode).toBe(1)
    expect(step.outputs).toMatchObject({ 'stack-status': status, failed: 'true' })
    expect(step.stdout).toMatch(line)
  })

  it('follows the 35-minute database failure started elsewhere to ROLLBACK_COMPLETE', async () => {
    const { env } = await setup()
    sim.deploy(STACK, 'create-fails-db-35m', { options: { cleanup: false } })
    const step = await watchFromTheStart(env)
    expect(step.exitCode).toBe(1)
    expect(step.outputs).toMatchObject({ 'stack-status': 'ROLLBACK_COMPLETE', failed: 'true' })
    expect(step.stdout).toMatch(/ Database AWS::RDS::DBInstance CREATE_FAILED /)
    expect(step.stdout).toMatch(/ BackendService AWS::ECS::Service CREATE_FAILED Resource creation cancelled/)
  })

  it('times out naming the resource still in progress and for how long (the database, 27+ minutes)', async () => {
    const { env } = await setup()
    sim.deploy(STACK, 'deploy-times-out', { startAt: 'past' })
    const step = await runStep({
      action: 'watch',
      inputs: { 'stack-name': STACK, 'poll-interval': '200ms', 'watch-timeout': '2s' },
      env
    })
    expect(step.exitCode).toBe(1)
    expect(step.stdout).toMatch(/Database \(AWS::RDS::DBInstance\) still in progress after (2[7-9]|[3-9]\d)m/)
    expect(step.stdout).toContain('::error::The watch timed out before every stack finished')
  })

  it('with 20 % of CloudFormation calls throttled or failing, still ends with the right status', async () => {
    const { env } = await setup()
    sim.faults.set({
      seed: 11,
      rules: [
        { kind: 'throttle', service: 'CloudFormation', rate: 0.1 },
        { kind: 'server-error', service: 'CloudFormation', rate: 0.1 }
      ]
    })
    sim.deploy(STACK, 'create-succeeds')
    const step = await watchFromTheStart(env)
    expect(step.exitCode).toBe(0)
    expect(step.outputs['stack-status']).toBe('CREATE_COMPLETE')
  })
})
