import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation'
import { skewedClock, systemClock } from '../../src/core/clock.js'
import { acquireLock, LockTable } from '../../src/core/lock/index.js'
import { isAwsUrl } from '../../src/core/report/markdown.js'
import { startDynalite, TEST_CREDENTIALS, type LocalDynamo } from '../../src/sim/dynamo.js'
import { githubRunEnv, localAwsEnv, ROOT_DIR, runStep, type StepResult } from '../../src/sim/runner.js'
import { HOSTILE_TEXT } from '../../src/sim/scenarios/index.js'
import { startSim, type Sim } from '../../src/sim/server.js'
import { runCli } from '../helpers/cli.js'
import { laptopHolder } from '../helpers/holders.js'
import { htmlProblems, renderLikeGitHub } from '../support/github-render.js'
import { mermaidBlocks, parseWithMermaid } from '../support/mermaid.js'
import { readAsRunner } from '../support/workflow-commands.js'

/**
 * Every entry point, run as the runner runs it, over a scenario full of hostile text (src/sim/scenarios/hostile.ts):
 * the output is read with the runner's own rules and must hold no command deploy-guard did not mean to give.
 */

/** What deploy-guard itself emits on stdout (@actions/core writes outputs and state to files). */
const OWN_COMMANDS = new Set(['error', 'warning', 'notice', 'debug', 'group', 'endgroup'])
const HIDDEN = /[\u0080-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/

/** Commands the runner would act on that deploy-guard did not give: its own never start with hostile text. */
function unintendedCommands(output: string): string[] {
  const reading = readAsRunner(output)
  const problems = reading.commands
    .filter(
      command =>
        command.form === '##[' ||
        !OWN_COMMANDS.has(command.name) ||
        command.data.startsWith('PWNED') ||
        Object.values(command.properties).some(value => value.startsWith('PWNED'))
    )
    .map(command => `line ${command.line}: ${command.form}${command.name} ← ${command.raw.slice(0, 160)}`)
  if (reading.stoppedBy) problems.push(`commands stopped by ::stop-commands::${reading.stoppedBy}`)
  return problems
}

function expectSafeLog(output: string): void {
  expect(unintendedCommands(output)).toEqual([])
  expect(output).not.toMatch(HIDDEN)
}

function expectSafeSummary(summary: string): void {
  expect(summary).not.toMatch(HIDDEN)
  expect(Buffer.byteLength(summary)).toBeLessThan(1024 * 1024)
  expect(htmlProblems(renderLikeGitHub(summary), isAwsUrl)).toEqual([])
  for (const parsed of parseWithMermaid(mermaidBlocks(summary)))
    expect(parsed).toMatchObject({ ok: true, type: 'gantt' })
}

function expectSafeStep(step: StepResult): void {
  expectSafeLog(step.stdout + step.stderr)
  expectSafeSummary(step.summary)
  for (const value of Object.values(step.outputs)) expect(value).not.toMatch(HIDDEN)
}

/** Several bundled processes per test, on a shared machine: generous, never a speed assertion. */
const STEP_TIMEOUT_MS = 300_000
const STACK = 'HostileStack'
const KEY = `deploy-guard/us-east-1/${STACK}`
const REASON = HOSTILE_TEXT.join(' ')
let dynamo: LocalDynamo
let sim: Sim
let tableName: string
let table: LockTable
let env: Record<string, string>

beforeAll(async () => {
  dynamo = await startDynalite()
  sim = await startSim()
  tableName = await dynamo.createLockTable()
  table = new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
  env = { ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }), ...githubRunEnv(76) }
})
afterAll(async () => {
  await sim.close()
  await dynamo.close()
})

async function cli(args: string[]): Promise<{ code: number | null; output: string; stdout: string }> {
  const result = await runCli(args, {
    USER: 'alice',
    ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
    DEPLOY_GUARD_TABLE: tableName
  })
  return { code: result.code, output: result.stdout + result.stderr, stdout: result.stdout }
}

const cdk = (stack: string, options = '{}') =>
  `node ${join(ROOT_DIR, 'src', 'sim', 'fake-cdk.mjs')} ${sim.url} ${stack} hostile-text 600 '${options}'`

describe('hostile text in AWS and lock items never becomes a workflow command, markup or a link', () => {
  it(
    "another team's lock --reason: the waiting lock step, the CLI's status, lock and unlock",
    async () => {
      // Mallory's lease ended ten minutes ago (her clock is set back): still blocking a short wait, and freed at
      // once by the forced unlock below, as a dead holder's is (a live holder's would drain, so the next test waits).
      await acquireLock(
        { table, clock: skewedClock(systemClock, -12 * 60_000) },
        {
          key: KEY,
          holder: { ...laptopHolder('mallory', 'evil-host'), reason: REASON },
          leaseMs: 120_000,
          waitTimeoutMs: 0
        }
      )
      const waiting = await runStep({
        action: 'lock',
        inputs: { 'stack-name': STACK, 'lock-table': tableName, 'wait-timeout': '2s' },
        env
      })
      expect(waiting.exitCode).toBe(1)
      expect(waiting.stdout).toMatch(/held by mallory .*Rate exceeded #\u200b#\[set-output/)
      expectSafeStep(waiting)

      for (const args of [
        ['status'],
        ['status', '--json'],
        ['lock', '--stack', STACK, '--wait-timeout', '1s']
      ]) {
        const result = await cli(args)
        expect(result.output).toContain('mallory')
        expectSafeLog(result.output)
      }
      const unlocked = await runStep({
        action: 'unlock',
        inputs: { 'stack-name': STACK, 'lock-table': tableName, force: 'true', reason: 'clean up' },
        env
      })
      expect(unlocked.exitCode).toBe(0)
      expectSafeStep(unlocked)
    },
    STEP_TIMEOUT_MS
  )

  it(
    'the guarded deploy: event lines, diagnosis, annotations (at most 10 errors), outputs, summary, post',
    async () => {
      const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
      const inputs = {
        'stack-name': STACK,
        'lock-table': tableName,
        'poll-interval': '200ms',
        run: cdk(STACK)
      }
      const main = await runStep({ action: '.', inputs, env, jobDir })
      expect(main.exitCode).toBe(1)
      expect(main.stdout).toMatch(/ Queue0 AWS::SQS::Queue CREATE_FAILED /)
      expect(main.stdout).toMatch(/^::error title=HostileStack%3A Queue\d+ CREATE_FAILED::/m)
      expect(
        readAsRunner(main.stdout).commands.filter(command => command.name === 'error').length
      ).toBeLessThanOrEqual(10)
      expect(main.summary).toContain('#### Root cause')
      expectSafeStep(main)
      const post = await runStep({ action: '.', phase: 'post', inputs, env, state: main.state, jobDir })
      expectSafeStep(post)
    },
    STEP_TIMEOUT_MS
  )

  it(
    'the diagnose action and the CLI diagnose, explain and JSON after the fact',
    async () => {
      const diagnosed = await runStep({ action: 'diagnose', inputs: { 'stack-name': STACK }, env })
      expect(diagnosed.summary).toContain('#### CloudTrail timeline')
      expectSafeStep(diagnosed)

      const stackId = sim.state().stacks.find(stack => stack.name === STACK)!.id
      const cfn = new CloudFormationClient({
        endpoint: sim.url,
        region: 'us-east-1',
        credentials: TEST_CREDENTIALS
      })
      const dump = join(mkdtempSync(join(tmpdir(), 'dumps-')), 'events.json')
      writeFileSync(
        dump,
        JSON.stringify({
          StackEvents: (await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))).StackEvents
        })
      )
      for (const args of [
        ['diagnose', '--stack', STACK],
        ['diagnose', '--stack', STACK, '--json'],
        ['explain', dump],
        ['explain', dump, '--json']
      ]) {
        const result = await cli(args)
        expect(result.code).toBe(1)
        expect(result.output).toContain('Queue')
        expectSafeLog(result.output)
        if (args.includes('--json'))
          expect(JSON.stringify(JSON.parse(result.stdout))).toContain('##[set-output')
      }
    },
    STEP_TIMEOUT_MS
  )

  it(
    'the watch action, the CLI watch and the lock step with its post diagnosis',
    async () => {
      sim.deploy('HostileWatched', 'hostile-text')
      sim.clock.autoplay(600)
      const watched = await runStep({
        action: 'watch',
        inputs: { 'stack-name': 'HostileWatched', 'poll-interval': '200ms' },
        env
      })
      expect(watched.exitCode).toBe(1)
      expect(watched.stdout).toMatch(/ Queue3 AWS::SQS::Queue CREATE_FAILED /)
      expectSafeStep(watched)

      sim.deploy('HostileCli', 'hostile-text')
      const cliWatch = await cli(['watch', '--stack', 'HostileCli', '--poll-interval', '200ms', '--json'])
      expect(cliWatch.code).toBe(1)
      expectSafeLog(cliWatch.output)

      const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
      const inputs = { 'stack-name': 'HostileLocked', 'lock-table': tableName }
      const lock = await runStep({ action: 'lock', inputs, env, jobDir })
      expect(lock.exitCode).toBe(0)
      const deploy = spawn(process.execPath, [
        join(ROOT_DIR, 'src', 'sim', 'fake-cdk.mjs'),
        sim.url,
        'HostileLocked',
        'hostile-text',
        '600',
        '{}'
      ])
      expect(await new Promise(resolve => deploy.on('exit', resolve))).toBe(1)
      const post = await runStep({ action: 'lock', phase: 'post', inputs, env, state: lock.state, jobDir })
      expect(post.stdout).toMatch(/^::error title=HostileLocked%3A Queue\d+ CREATE_FAILED::/m)
      expectSafeStep(post)
    },
    STEP_TIMEOUT_MS
  )
})
