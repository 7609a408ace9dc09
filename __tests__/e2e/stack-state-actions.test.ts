import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { LockTable } from '../../src/core/lock/index.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { githubRunEnv, runStep, startStep, localAwsEnv } from '../../src/sim/runner.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
const KEY = `deploy-guard/us-east-1/${STACK}`
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
  const env = { ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }), ...githubRunEnv(76) }
  const inputs = { 'stack-name': STACK, 'lock-table': tableName, 'poll-interval': '200ms' }
  return { table, env, inputs }
}

const lineIndex = (log: string, pattern: RegExp) => log.split('\n').findIndex(line => pattern.test(line))

describe('stacks that are busy or stuck when the lock is taken', () => {
  it("waits for someone else's update to finish, naming its starter, then runs the command", async () => {
    const { env, inputs } = await setup()
    sim.deploy(STACK, 'busy-with-others-update')
    sim.clock.advance(30_000)
    const step = startStep({ action: '.', inputs: { ...inputs, run: 'echo COMMAND-RAN' }, env })
    await step.waitFor(/is UPDATE_IN_PROGRESS: an operation started by/, 60_000)
    sim.clock.autoplay(600)
    const result = await step.result
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(
      /is UPDATE_IN_PROGRESS: an operation started by iseepatterns_user \(ExecuteChangeSet at [^)]+\) at .*, and it is not this run's/
    )
    const ended = lineIndex(result.stdout, /the other operation ended UPDATE_COMPLETE/)
    expect(ended).toBeGreaterThan(
      lineIndex(result.stdout, /BackendService AWS::ECS::Service UPDATE_COMPLETE/)
    )
    expect(lineIndex(result.stdout, /^COMMAND-RAN/)).toBeGreaterThan(ended)
  })

  it("stops with the other operation's diagnosis, marked as someone else's, when it ends failed", async () => {
    const { table, env, inputs } = await setup()
    sim.deploy(STACK, 'busy-with-others-update', { options: { fails: true } })
    sim.clock.advance(30_000)
    const step = startStep({ action: '.', inputs: { ...inputs, run: 'echo SHOULD-NOT-RUN' }, env })
    await step.waitFor(/is UPDATE_IN_PROGRESS: an operation started by/, 60_000)
    sim.clock.autoplay(600)
    const result = await step.result
    expect(result.exitCode).toBe(1)
    expect(result.stdout).not.toContain('SHOULD-NOT-RUN')
    expect(result.stdout).toContain(
      `::error::Stack ${STACK} was busy with someone else's operation (UPDATE_IN_PROGRESS, started by iseepatterns_user`
    )
    expect(result.summary).toContain("Not this run's deploy")
    expect(result.summary).toMatch(/BackendService/)
    expect(await table.read(KEY)).toMatchObject({ released: true })
  })

  it('stops before the command at UPDATE_ROLLBACK_FAILED, naming the blocking resource and the way out', async () => {
    const { table, env, inputs } = await setup()
    sim.deploy(STACK, 'update-rollback-failed', { startAt: 'past' })
    const step = await runStep({ action: '.', inputs: { ...inputs, run: 'echo SHOULD-NOT-RUN' }, env })
    expect(step.exitCode).toBe(1)
    expect(step.stdout).not.toContain('SHOULD-NOT-RUN')
    expect(step.stdout).toContain(`::error::${STACK} is in UPDATE_ROLLBACK_FAILED`)
    expect(step.stdout).toContain('It is blocked by BackendService (AWS::ECS::Service)')
    expect(step.stdout).toContain(
      `aws cloudformation continue-update-rollback --stack-name ${STACK} --resources-to-skip BackendService`
    )
    expect(await table.read(KEY)).toMatchObject({ released: true })
  })
})

describe('watch follows the deploy it was started for', () => {
  it('started before the change set executes: says what it waits for, then follows the update', async () => {
    const { env } = await setup()
    sim.deploy(STACK, 'existing-stack-update', { options: { updateAfterMinutes: 30 } })
    const step = startStep({
      action: 'watch',
      inputs: { 'stack-name': STACK, 'poll-interval': '200ms', 'termination-protection': 'false' },
      env
    })
    await step.waitFor('waiting up to 10m for the next operation to start', 60_000)
    sim.clock.autoplay(600)
    const result = await step.result
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain(
      `${STACK}: waiting up to 10m for the next operation to start: its last one ended CREATE_COMPLETE at `
    )
    expect(result.outputs).toMatchObject({ 'stack-status': 'UPDATE_COMPLETE', failed: 'false' })
    expect(result.stdout).toMatch(/ BackendService AWS::ECS::Service UPDATE_COMPLETE/)
  })

  it('started after a failed operation ended: never fails for it, and says no operation started', async () => {
    const { env } = await setup()
    sim.deploy(STACK, 'busy-with-others-update', { options: { fails: true }, startAt: 'past' })
    const step = await runStep({
      action: 'watch',
      inputs: { 'stack-name': STACK, 'poll-interval': '200ms', 'start-timeout': '2s' },
      env
    })
    expect(step.exitCode).toBe(1)
    expect(step.outputs).toMatchObject({ 'stack-status': 'UPDATE_ROLLBACK_COMPLETE', failed: 'false' })
    expect(step.stdout).toContain(
      '::error::No operation started within start-timeout on CourtCaseManagementStack'
    )
    expect(step.stdout).not.toContain('The deploy ended with')
  })
})
