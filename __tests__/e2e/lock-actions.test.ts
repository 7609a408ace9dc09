import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../../src/core/clock.js'
import { acquireLock, LockTable, type LockRecord } from '../../src/core/lock/index.js'
import { startSim, type Sim } from '../../src/sim/server.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { laptopHolder } from '../helpers/holders.js'
import { githubRunEnv, nodeFor, readAction, runStep, startStep, localAwsEnv } from '../../src/sim/runner.js'

let dynamo: LocalDynamo
let sim: Sim
beforeAll(async () => {
  dynamo = await startDynalite()
  // The stacks these tests name do not exist: the guard finds nothing to protect or watch and runs the command.
  sim = await startSim()
})
afterAll(async () => {
  await dynamo.close()
  await sim.close()
})

const STACK = 'CourtCaseManagementStack'
const KEY = `deploy-guard/us-east-1/${STACK}`

async function setup(runNumber = 76) {
  const tableName = await dynamo.createLockTable()
  const table = new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
  const env = {
    ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
    ...githubRunEnv(runNumber)
  }
  return { table, tableName, env, inputs: { 'stack-name': STACK, 'lock-table': tableName } }
}

const read = (table: LockTable) => table.read(KEY) as Promise<LockRecord>
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('every action runs under the Node major its action.yml declares', () => {
  it.each(['.', 'lock', 'unlock'])('%s/action.yml declares node24 and its entries exist in dist/', action => {
    const metadata = readAction(action)
    expect(metadata.runs.using).toBe('node24')
    const major = Number(
      execFileSync(nodeFor(metadata.runs.using), ['-p', 'process.versions.node.split(".")[0]']).toString()
    )
    expect(major).toBe(24)
    for (const entry of [metadata.runs.main, metadata.runs.post].filter(Boolean)) {
      expect(existsSync(join(action, entry!))).toBe(true)
    }
  })
})

describe('lock sub-action: main then post, as the runner runs them', () => {
  it('takes the lock, heartbeats from a detached process between steps, and post stops it and releases', async () => {
    const { table, env, inputs } = await setup()
    const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
    const main = await runStep({ action: 'lock', inputs: { ...inputs, lease: '10s' }, env, jobDir })
    expect(main.exitCode).toBe(0)
    expect(main.outputs).toMatchObject({ 'lock-key': KEY, fence: '1', 'waited-seconds': '0' })
    expect(main.outputs.holder).toBe('github:acme/court-cases run 9076 attempt 1 job deploy')
    const pid = Number(main.state['heartbeat-pid'])
    expect(isAlive(pid)).toBe(true)

    const before = await read(table)
    await systemClock.sleep(3_800)
    const renewed = await read(table)
    expect(renewed.heartbeatAt).toBeGreaterThan(before.heartbeatAt)
    expect(renewed.leaseExpiresAt).toBeGreaterThan(before.leaseExpiresAt)

    const post = await runStep({ action: 'lock', phase: 'post', inputs, env, state: main.state, jobDir })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Released lock ${KEY}.`)
    expect(isAlive(pid)).toBe(false)
    expect(await read(table)).toMatchObject({ released: true, fence: 1 })
  })

  it('makes a second run wait, showing who holds the lock with a link to that run, and fail at its wait timeout', async () => {
    const { table, env, inputs } = await setup()
    await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: { ...laptopHolder(), reason: 'hotfix' }, leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    const main = await runStep({ action: 'lock', inputs: { ...inputs, 'wait-timeout': '2s' }, env })
    expect(main.exitCode).toBe(1)
    expect(main.stdout).toMatch(
      new RegExp(`Waiting for lock ${KEY} .*held by alice alice@alice-mbp \\(reason: hotfix\\) since`)
    )
    expect(main.stdout).toMatch(
      /::error::Timed out after 2s waiting for lock .* held by alice alice@alice-mbp \(reason: hotfix\)/
    )
    expect(main.outputs.holder).toBe('alice alice@alice-mbp (reason: hotfix)')
    expect(main.state.leases).toBeUndefined()
  })

  it('post releases nothing and fails nothing when main never got the lock', async () => {
    const { env, inputs } = await setup()
    const post = await runStep({ action: 'lock', phase: 'post', inputs, env, state: {} })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).not.toContain('Released')
  })
})

describe('root action: lock, run the deploy command, release', () => {
  it('runs the command while holding the lock and releases it, recording a successful deploy', async () => {
    const { table, env, inputs } = await setup()
    const step = await runStep({
      action: '.',
      inputs: { ...inputs, run: 'echo "deploying as fence $(echo 1)"' },
      env
    })
    expect(step.exitCode).toBe(0)
    expect(step.stdout).toContain('deploying as fence 1')
    expect(step.outputs).toMatchObject({ 'exit-code': '0', fence: '1', 'lock-key': KEY })
    expect(step.summary).toContain(KEY)
    expect(await read(table)).toMatchObject({
      released: true,
      lastDeploy: { status: 'succeeded', runNumber: 76 }
    })
    const post = await runStep({ action: '.', phase: 'post', inputs, env, state: step.state })
    expect(post.stdout).not.toContain('Released')
  })

  it("fails the step with the command's exit code, still releasing the lock", async () => {
    const { table, env, inputs } = await setup()
    const step = await runStep({
      action: '.',
      inputs: { ...inputs, run: 'echo cdk failed >&2; exit 3' },
      env
    })
    expect(step.exitCode).toBe(1)
    expect(step.stdout).toContain('::error::The deploy command exited with code 3.')
    expect(step.outputs['exit-code']).toBe('3')
    expect(await read(table)).toMatchObject({ released: true, lastDeploy: { status: 'failed' } })
  })

  it('forwards a cancellation (SIGINT, then SIGTERM) to the deploy command and still releases the lock', async () => {
    const { table, env, inputs } = await setup()
    const marker = join(mkdtempSync(join(tmpdir(), 'cancel-')), 'got-signal')
    const step = startStep({
      action: '.',
      inputs: { ...inputs, run: `trap 'echo INT > ${marker}; exit 130' INT; echo started; sleep 30 & wait` },
      env
    })
    await step.waitFor('started')
    step.child.kill('SIGINT')
    const result = await step.result
    expect(readFileSync(marker, 'utf8').trim()).toBe('INT')
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toContain('Received SIGINT')
    expect(await read(table)).toMatchObject({ released: true, lastDeploy: { status: 'cancelled' } })
  })

  it('lets the post step release the lock of a main step that was killed outright', async () => {
    const { table, env, inputs } = await setup()
    const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
    const step = startStep({ action: '.', inputs: { ...inputs, run: 'echo started; sleep 5' }, env, jobDir })
    await step.waitFor('started')
    step.child.kill('SIGKILL')
    const killed = await step.result
    expect((await read(table)).released).toBe(false)
    const post = await runStep({ action: '.', phase: 'post', inputs, env, state: killed.state, jobDir })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Released lock ${KEY}.`)
    expect((await read(table)).released).toBe(true)
  })

  it('refuses an out-of-order deploy (run #30 after run #31 deployed) and leaves the lock free', async () => {
    const newer = await setup(31)
    const deployed = await runStep({ action: '.', inputs: { ...newer.inputs, run: 'true' }, env: newer.env })
    expect(deployed.exitCode).toBe(0)
    const older = await runStep({
      action: '.',
      inputs: { ...newer.inputs, run: 'echo SHOULD-NOT-RUN' },
      env: { ...newer.env, ...githubRunEnv(30) }
    })
    expect(older.exitCode).toBe(1)
    expect(older.stdout).not.toContain('SHOULD-NOT-RUN')
    expect(older.stdout).toContain('Refusing an out-of-order deploy of')
    expect(older.stdout).toContain('run #30 of deploy is older than run #31')
    expect(await read(newer.table)).toMatchObject({ released: true, fence: 2, lastDeploy: { runNumber: 31 } })
  })

  it('rejects bad input with a message naming the input and the fix, taking no lock', async () => {
    const { table, env, inputs } = await setup()
    const step = await runStep({ action: '.', inputs: { ...inputs, lease: 'forever', run: 'true' }, env })
    expect(step.exitCode).toBe(1)
    expect(step.stdout).toContain('::error::lease: "forever" is not a duration.')
    expect(await table.read(KEY)).toBeUndefined()
  })
})

describe('unlock sub-action', () => {
  it("refuses to release another run's lock without force, and force-releases it with the reason recorded", async () => {
    const { table, env, inputs } = await setup()
    await acquireLock(
      { table, clock: systemClock },
      { key: KEY, holder: laptopHolder(), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    const plain = await runStep({ action: 'unlock', inputs, env })
    expect(plain.exitCode).toBe(1)
    expect(plain.stdout).toContain("To release someone else's lock, set force: true and reason: 'why'")
    expect(plain.stdout).not.toContain('--force')
    const forced = await runStep({
      action: 'unlock',
      inputs: { ...inputs, force: 'true', reason: 'laptop left it held' },
      env
    })
    expect(forced.exitCode).toBe(0)
    expect(forced.outputs.released).toBe('1')
    // A live lease drains: the holder may still run its command (see cli-lock.test.ts for the whole story).
    expect(forced.stdout).toMatch(
      /Force-released .*, held by alice alice@alice-mbp: .*The next run may take the lock from \S+Z/
    )
    expect((await read(table)).forced).toMatchObject({
      reason: 'laptop left it held',
      previousHolder: 'alice@alice-mbp'
    })
  })
})
