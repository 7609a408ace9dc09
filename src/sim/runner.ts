import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { systemClock } from '../core/clock.js'
import { TEST_CREDENTIALS } from './dynamo.js'
import { incidentPrincipals } from './principals.js'

// import.meta.url, not import.meta.dirname: jest 29's ESM runtime does not provide the latter.
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

interface ActionMetadata {
  inputs?: Record<string, { default?: string }>
  runs: { using: string; main: string; post?: string }
}

export function readAction(actionDir: string): ActionMetadata {
  return parse(readFileSync(join(ROOT, actionDir, 'action.yml'), 'utf8')) as ActionMetadata
}

const majors = new Map<string, number>()
function nodeMajor(binary: string): number {
  if (!majors.has(binary)) {
    majors.set(
      binary,
      Number(execFileSync(binary, ['-p', 'process.versions.node.split(".")[0]']).toString().trim())
    )
  }
  return majors.get(binary)!
}

/** The oldest Node major deploy-guard runs on: `engines.node` of package.json (`>=22`). */
export const MINIMUM_NODE_MAJOR = Number(
  /\d+/.exec(
    (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines
      .node
  )![0]
)

/** Where npm puts the pinned Node of this platform (tools/node24's optional dependencies), if it has a build for it. */
export function pinnedNode(): string | undefined {
  const binary = join(ROOT, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node')
  return existsSync(binary) ? binary : undefined
}

let fallbackNoticeShown = false

/**
 * The node binary for an action's `runs.using` (e.g. `node24`): this node or the pinned one when either is that
 * major; otherwise — a platform npm has no pinned build for, such as macOS on arm64 — this node when it is at least
 * {@link MINIMUM_NODE_MAJOR}, said once on stderr so nobody mistakes it for the runner's Node.
 * @throws when no node of the declared major or of a supported one is at hand
 */
export function nodeFor(using: string): string {
  const major = Number(using.replace('node', ''))
  const pinned = pinnedNode()
  for (const candidate of [process.execPath, ...(pinned ? [pinned] : [])]) {
    if (nodeMajor(candidate) === major) return candidate
  }
  const own = nodeMajor(process.execPath)
  if (own >= MINIMUM_NODE_MAJOR) {
    if (!fallbackNoticeShown)
      process.stderr.write(
        `deploy-guard tests: no Node ${major} here (${using} in action.yml; npm has no pinned build for ` +
          `${process.platform}-${process.arch}), so entry points run under Node ${own}. Install Node ${major} to test the runner's exact major.\n`
      )
    fallbackNoticeShown = true
    return process.execPath
  }
  throw new Error(
    `No Node ${major} (or ${MINIMUM_NODE_MAJOR}+) binary found for runs.using: ${using}; this is Node ${own}. ` +
      `Install Node ${MINIMUM_NODE_MAJOR} or later, or run npm ci on a platform with a pinned build.`
  )
}

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** What the step saved with saveState: handed to post as STATE_* variables. */
  state: Record<string, string>
  summary: string
}

export interface StepOptions {
  /** Directory of the action.yml, relative to the repository ('.' for the root action). */
  action: string
  phase?: 'main' | 'post'
  inputs?: Record<string, string>
  env?: Record<string, string | undefined>
  /** State saved by main, for post. */
  state?: Record<string, string>
  /** A shared job folder, so main and post of one job see the same RUNNER_TEMP. */
  jobDir?: string
  /** Called with each line the step prints, as it prints it (the demo streams them). */
  onLine?: (line: string) => void
}

export interface RunningStep {
  child: ChildProcess
  /** Resolves when the process has exited. */
  result: Promise<StepResult>
  /** Resolves once stdout/stderr contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>
}

/**
 * Runs one bundled entry point as the GitHub runner does: a separate process under the Node major action.yml
 * declares, inputs as INPUT_* (with action.yml defaults), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
 * and for post the main step's state as STATE_* variables.
 */
export function startStep(options: StepOptions): RunningStep {
  const metadata = readAction(options.action)
  const entry = options.phase === 'post' ? metadata.runs.post : metadata.runs.main
  if (!entry) throw new Error(`${options.action}/action.yml has no ${options.phase} entry`)
  const jobDir = options.jobDir ?? mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
  const files = {
    output: join(jobDir, `output-${Date.now()}-${Math.random()}`),
    state: join(jobDir, `state-${Date.now()}-${Math.random()}`),
    summary: join(jobDir, 'summary.md')
  }
  for (const file of Object.values(files)) if (!existsSync(file)) writeFileSync(file, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: jobDir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary
  }
  for (const [name, input] of Object.entries(metadata.inputs ?? {})) {
    if (input.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = input.default
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name]
    else env[name] = value
  }
  const child = spawn(nodeFor(metadata.runs.using), [join(ROOT, options.action, entry)], {
    env,
    cwd: jobDir,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  const listeners: (() => void)[] = []
  let partial = ''
  const received = (chunk: Buffer) => {
    listeners.forEach(listener => listener())
    if (!options.onLine) return
    const lines = (partial + chunk.toString()).split('\n')
    partial = lines.pop() ?? ''
    lines.forEach(options.onLine)
  }
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk
    received(chunk)
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk
    received(chunk)
  })
  const result = new Promise<StepResult>(resolveResult => {
    // 'exit', not 'close': a process killed outright can leave children that hold its pipes open.
    child.on('exit', async (exitCode, signal) => {
      await Promise.race([new Promise(done => child.once('close', done)), systemClock.sleep(500)])
      resolveResult({
        exitCode,
        signal,
        stdout,
        stderr,
        outputs: parseCommandFile(readFileSync(files.output, 'utf8')),
        state: parseCommandFile(readFileSync(files.state, 'utf8')),
        summary: readFileSync(files.summary, 'utf8')
      })
    })
  })
  const waitFor = (text: string | RegExp, timeoutMs = 20_000) =>
    new Promise<void>((resolveWait, reject) => {
      const matches = () =>
        typeof text === 'string' ? (stdout + stderr).includes(text) : text.test(stdout + stderr)
      if (matches()) return resolveWait()
      const timer = setTimeout(
        () => reject(new Error(`Timed out waiting for ${String(text)} in:\n${stdout}${stderr}`)),
        timeoutMs
      )
      listeners.push(() => {
        if (matches()) {
          clearTimeout(timer)
          resolveWait()
        }
      })
    })
  return { child, result, waitFor }
}

export function runStep(options: StepOptions): Promise<StepResult> {
  return startStep(options).result
}

/** GITHUB_OUTPUT / GITHUB_STATE file format: `name<<DELIMITER\nvalue\nDELIMITER` entries. */
export function parseCommandFile(content: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = content.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^<=]+)<<(.+)$/.exec(lines[i]!)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body: string[] = []
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i]!)
      values[name!] = body.join('\n')
    } else if (lines[i]!.includes('=')) {
      const at = lines[i]!.indexOf('=')
      values[lines[i]!.slice(0, at)] = lines[i]!.slice(at + 1)
    }
  }
  return values
}

/** The environment of a GitHub run, for the holder identity. */
export function githubRunEnv(runNumber: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_REPOSITORY: 'acme/court-cases',
    GITHUB_RUN_ID: String(9000 + runNumber),
    GITHUB_RUN_NUMBER: String(runNumber),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'deploy',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_ACTOR: 'iseepatterns-iam-user',
    GITHUB_SERVER_URL: 'https://github.com',
    ...extra
  }
}

export const ROOT_DIR = ROOT

/**
 * The AWS environment of a step run against the local endpoints, with the SDK's standard variables: DynamoDB from
 * dynalite, CloudFormation and CloudTrail from the sim, signed as the incident's deployer.
 */
export function localAwsEnv(endpoints: { dynamodb?: string; sim?: string }): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    ...(endpoints.dynamodb ? { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb } : {}),
    ...(endpoints.sim
      ? {
          AWS_ENDPOINT_URL_CLOUDFORMATION: endpoints.sim,
          AWS_ENDPOINT_URL_CLOUDTRAIL: endpoints.sim,
          AWS_ENDPOINT_URL_ECS: endpoints.sim,
          AWS_ENDPOINT_URL_RDS: endpoints.sim,
          AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoints.sim
        }
      : {}),
    AWS_ACCESS_KEY_ID: incidentPrincipals().deployer.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey
  }
}
