import { afterAll, afterEach, beforeAll, jest } from '@jest/globals'
import { GetItemCommand } from '@aws-sdk/client-dynamodb'
import { spawn, type ChildProcess } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import {
  addScenarioStack,
  cdkDeployArgs,
  cdkEnv,
  cdkWorkspace,
  type CdkWorkspace
} from '../../src/sim/cdk.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { localAwsEnv, nodeFor, ROOT_DIR } from '../../src/sim/runner.js'
import { MINUTE } from '../../src/sim/script.js'
import { startSim, type Sim } from '../../src/sim/server.js'

// What the real-CDK e2e tests share: the real `cdk deploy` (the pinned aws-cdk devDependency) deploys a hand-written
// cloud assembly against the sim, guarded by the bundled CLI, each a process of its own. Scenario time runs on the
// sim's compressed clock. Each test file gets its own dynalite and CDK workspace (HOME, assembly copy).
export const INCIDENT = 'CourtCaseManagementStack'
const NODE = nodeFor('node24')
/** Simulated time runs this many times faster than wall time while a scenario plays. */
const SPEED = 1000
/** Room on the sim clock for operations started later through the API (deploy-guard's or CDK's DeleteStack). */
export const HEADROOM = { headroomMs: 2 * 60 * MINUTE }

let dynamo: LocalDynamo
let workspace: CdkWorkspace
const sims: Sim[] = []

/** Registers the file's hooks: one dynalite and one CDK workspace for the file, every sim closed after its test. */
export function useCdkHarness(): void {
  // A CDK start takes seconds and the machine is shared: a ceiling for a stuck test, not a speed bound.
  jest.setTimeout(180_000)
  beforeAll(async () => {
    dynamo = await startDynalite()
    workspace = cdkWorkspace()
  })
  afterEach(async () => {
    await Promise.all(sims.splice(0).map(sim => sim.close()))
  })
  afterAll(async () => {
    await dynamo.close()
    rmSync(workspace.dir, { recursive: true, force: true })
  })
}

export async function setup(speed = SPEED) {
  const sim = await startSim()
  sims.push(sim)
  sim.clock.autoplay(speed)
  return { sim, table: await dynamo.createLockTable() }
}

interface Run {
  child: ChildProcess
  result: Promise<{ code: number | null; output: string }>
  waitFor(text: string | RegExp): Promise<void>
}

function start(file: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(file, args, {
    env: { PATH: `${dirname(NODE)}:${process.env.PATH}`, USER: 'alice', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  const waiters: (() => void)[] = []
  const received = (chunk: Buffer) => {
    output += chunk
    waiters.forEach(waiter => waiter())
  }
  child.stdout!.on('data', received)
  child.stderr!.on('data', received)
  const result = new Promise<{ code: number | null; output: string }>(resolve =>
    child.on('close', code => resolve({ code, output }))
  )
  const waitFor = (text: string | RegExp) =>
    new Promise<void>((resolve, reject) => {
      const matches = () => (typeof text === 'string' ? output.includes(text) : text.test(output))
      if (matches()) return resolve()
      const timer = setTimeout(() => reject(new Error(`No ${String(text)} in:\n${output}`)), 60_000)
      waiters.push(() => {
        if (matches()) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
  return { child, result, waitFor }
}

/** The AWS endpoints (sim, dynalite), CDK's settings and the lock table, as a job or a terminal would have them. */
export function env(sim: Sim, table: string): Record<string, string> {
  return {
    ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
    ...cdkEnv(sim.url, workspace),
    DEPLOY_GUARD_TABLE: table
  }
}

/** `deploy-guard run --stack … -- cdk deploy …` as a person types it. */
export function guarded(
  sim: Sim,
  table: string,
  options: { stacks: string[]; artifacts?: string[]; guard?: string[]; cdk?: string[] }
): Run {
  const cli = join(ROOT_DIR, 'dist', 'cli', 'index.js')
  const guard = ['run', ...options.stacks.flatMap(stack => ['--stack', stack]), '--poll-interval', '500ms']
  const cdk = cdkDeployArgs(workspace, options.artifacts ?? options.stacks, options.cdk)
  return start(NODE, [cli, ...guard, ...(options.guard ?? []), '--', NODE, ...cdk], env(sim, table))
}

/** `deploy-guard watch --stack …`, the README's pattern beside a `cdk deploy … &` started elsewhere. */
export function watched(sim: Sim, table: string, stackName: string, args: string[] = []): Run {
  const cli = join(ROOT_DIR, 'dist', 'cli', 'index.js')
  return start(
    NODE,
    [cli, 'watch', '--stack', stackName, '--poll-interval', '500ms', ...args],
    env(sim, table)
  )
}

/** An artifact of the test file's assembly whose change set plays a sim scenario on `stackName`; returns its id. */
export function scenarioArtifact(stackName: string, scenario: string): string {
  return addScenarioStack(workspace, stackName, scenario)
}

/** The command line a workflow's `run:` input carries: the real CLI, under Node 24. */
export function cdkCommand(artifacts: string[]): string {
  return [NODE, ...cdkDeployArgs(workspace, artifacts)].join(' ')
}

/** `cdk deploy` without deploy-guard: a teammate on a laptop. */
export function unguarded(sim: Sim, table: string, artifacts: string[], cdk: string[] = []): Run {
  return start(NODE, cdkDeployArgs(workspace, artifacts, cdk), env(sim, table))
}

/** The newest stack of that name, as a caller by name would see it. */
export const stack = (sim: Sim, name: string) =>
  sim.state().stacks.findLast(candidate => candidate.name === name)

/** The CloudTrail records of calls made on a stack by name (the guard and CDK sign as the same deployer here). */
export const trail = (sim: Sim, eventName: string) =>
  sim.world.trail.filter(record => record.eventName === eventName && !record.invokedBy)

/** Incident A as the first guarded run left it: ROLLBACK_COMPLETE and protected. Returns its ARN. */
export function failedIncident(sim: Sim): string {
  const options = { cleanup: false }
  return sim.deploy(INCIDENT, 'create-fails-db-35m', {
    startAt: 'past',
    terminationProtection: true,
    options,
    ...HEADROOM
  }).stackId
}

export async function lockItem(table: string, stackName: string) {
  const { Item } = await dynamo
    .client()
    .send(
      new GetItemCommand({ TableName: table, Key: { LockID: { S: `deploy-guard/us-east-1/${stackName}` } } })
    )
  return { released: Item?.released?.BOOL, status: Item?.lastDeploy?.M?.status?.S }
}
