import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../../src/core/clock.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { startFaultProxy, type FaultProxy } from '../../src/sim/fault-proxy.js'
import { githubRunEnv, localAwsEnv, nodeFor, ROOT_DIR, runStep } from '../../src/sim/runner.js'
import { startSim, type Sim } from '../../src/sim/server.js'

let dynamo: LocalDynamo
let sim: Sim
let proxy: FaultProxy
beforeAll(async () => {
  dynamo = await startDynalite()
  // The stack does not exist in the sim: the guard has nothing to protect or watch and runs the command.
  sim = await startSim()
})
afterAll(async () => {
  await proxy?.close()
  await dynamo.close()
  await sim.close()
})

const STACK = 'CourtCaseManagementStack'

interface CliResult {
  code: number | null
  stderr: string
}

function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise(resolve => {
    const child = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'cli', 'index.js'), ...args], {
      env: { PATH: process.env.PATH, USER: 'alice', ...env },
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('close', code => resolve({ code, stderr }))
  })
}

async function waitForFile(path: string): Promise<void> {
  while (!existsSync(path)) await systemClock.sleep(50)
}

const stamp = (path: string) => Number(readFileSync(path, 'utf8').trim())

describe('a holder cut off from DynamoDB (issue 13 §2)', () => {
  it('stops its command and fails with "lock lost" before run B, which reaches DynamoDB, may deploy', async () => {
    const tableName = await dynamo.createLockTable()
    proxy = await startFaultProxy(dynamo.endpoint)
    const dir = mkdtempSync(join(tmpdir(), 'lock-outage-'))
    const common = ['run', '--stack', STACK, '--table', tableName, '--lease', '10s']
    const runA = cli(
      [
        ...common,
        '--',
        'bash',
        '-c',
        `date +%s%3N > ${dir}/a-start; trap 'date +%s%3N > ${dir}/a-end; exit 130' INT TERM; sleep 45 & wait; date +%s%3N > ${dir}/a-end`
      ],
      localAwsEnv({ dynamodb: proxy.url, sim: sim.url })
    )
    await waitForFile(join(dir, 'a-start'))
    await systemClock.sleep(3_000)
    await proxy.setMode('hang')
    await systemClock.sleep(2_000)
    const runB = cli(
      [...common, '--wait-timeout', '60s', '--', 'bash', '-c', `date +%s%3N > ${dir}/b-start`],
      localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url })
    )
    const [a, b] = await Promise.all([runA, runB])

    expect(a.code).not.toBe(0)
    expect(a.stderr).toMatch(
      /Lost lock deploy-guard\/us-east-1\/CourtCaseManagementStack: no renewal was confirmed/
    )
    expect(a.stderr).toContain('The lock was lost while the deploy command ran, so the command was stopped')
    expect(a.stderr).toMatch(/Could not confirm the release of lock .*: the lease ends at/)
    expect(a.stderr).not.toContain('Deploy succeeded')
    expect(b.code).toBe(0)
    // B's command started only after A's command had ended: the deploys never overlapped.
    expect(stamp(join(dir, 'b-start'))).toBeGreaterThanOrEqual(stamp(join(dir, 'a-end')))
  })
})

describe('the lock sub-action (issue 13 §2)', () => {
  it('fails the post step with the true reason when the heartbeat lost the lock between steps', async () => {
    const tableName = await dynamo.createLockTable()
    proxy = await startFaultProxy(dynamo.endpoint)
    const env = { ...localAwsEnv({ dynamodb: proxy.url, sim: sim.url }), ...githubRunEnv(77) }
    const inputs = { 'stack-name': STACK, 'lock-table': tableName }
    const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
    const main = await runStep({ action: 'lock', inputs: { ...inputs, lease: '10s' }, env, jobDir })
    expect(main.exitCode).toBe(0)
    await proxy.setMode('hang')
    // Lease 10 s, safety margin a third of it: the heartbeat gives the lock up about 6.7 s after its last renewal.
    await systemClock.sleep(9_000)
    await proxy.setMode('pass')
    const post = await runStep({ action: 'lock', phase: 'post', inputs, env, state: main.state, jobDir })
    expect(post.exitCode).toBe(1)
    expect(post.stdout).toMatch(
      /::error::The lock was lost between steps, so the steps after the lock step may have run without it: Lost lock .*no renewal was confirmed/
    )
  })
})
