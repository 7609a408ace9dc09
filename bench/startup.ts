import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { TEST_CREDENTIALS } from '../src/sim/dynamo.js'
import { githubRunEnv, nodeFor, ROOT_DIR } from '../src/sim/runner.js'
import { type BenchRow, percentile } from './table.js'

/** How each entry is started so that it goes straight to its first AWS request (as the runner or a user would). */
interface EntryStart {
  entry: string
  /** The first service the entry calls, as the bench reports it. */
  service: 'DynamoDB' | 'CloudFormation'
  env?: Record<string, string>
  args?: string[]
}

const LOCK_INPUTS = { 'INPUT_STACK-NAME': 'CourtCaseManagementStack', 'INPUT_LOCK-TABLE': 'deploy-locks' }
/** What a main step saved for its post step: one lease still to release. */
const SAVED_LEASE = {
  STATE_leases: JSON.stringify([
    {
      key: 'deploy-guard/us-east-1/CourtCaseManagementStack',
      kind: 'deploy',
      owner: 'bench-owner',
      fence: 7,
      leaseMs: 900_000,
      acquiredAt: Date.now(),
      holder: { identity: 'bench@localhost' },
      waitedMs: 0
    }
  ])
}

export const STARTS: EntryStart[] = [
  { entry: 'main', service: 'DynamoDB', env: { ...LOCK_INPUTS, INPUT_RUN: 'true' } },
  { entry: 'lock', service: 'DynamoDB', env: LOCK_INPUTS },
  { entry: 'post', service: 'DynamoDB', env: { ...LOCK_INPUTS, ...SAVED_LEASE } },
  { entry: 'lock-post', service: 'DynamoDB', env: { ...LOCK_INPUTS, ...SAVED_LEASE } },
  { entry: 'watch', service: 'CloudFormation', env: { 'INPUT_STACK-NAME': 'CourtCaseManagementStack' } },
  { entry: 'diagnose', service: 'CloudFormation', env: { 'INPUT_STACK-NAME': 'CourtCaseManagementStack' } },
  { entry: 'unlock', service: 'DynamoDB', env: LOCK_INPUTS },
  {
    entry: 'cli',
    service: 'DynamoDB',
    args: ['run', '--stack', 'CourtCaseManagementStack', '--table', 'deploy-locks', '--', 'true']
  }
]

/** A local endpoint that notes when the first request of the current run arrives and answers every one with 400. */
class FirstRequest {
  private server: Server
  private waiting?: (at: number) => void
  constructor() {
    this.server = createServer((request, response) => {
      this.waiting?.(performance.now())
      this.waiting = undefined
      request.resume()
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' })
      response.end(
        JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: 'bench' })
      )
    })
  }
  async listen(): Promise<string> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }
  /** Spawns `args` with `env` and resolves with the ms from spawn to the first request (NaN if none came). */
  async time(args: string[], env: Record<string, string>): Promise<number> {
    const arrived = new Promise<number>(resolve => (this.waiting = resolve))
    const started = performance.now()
    const child = spawn(nodeFor('node24'), args, { stdio: 'ignore', env, cwd: ROOT_DIR })
    const exited = new Promise<number>(resolve => child.on('exit', () => resolve(NaN)))
    const at = await Promise.race([arrived, exited, sleep(30_000).then(() => NaN)])
    child.kill('SIGKILL')
    await exited
    this.waiting = undefined
    return at - started
  }
  close(): Promise<void> {
    return new Promise(resolve => this.server.close(() => resolve()))
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms).unref())

/**
 * Bytes Node reads when an entry starts (index.js and the chunks it requires at top level) and bytes of the chunks
 * it loads only on demand.
 */
export function bundleBytes(dir: string): { startup: number; lazy: number; files: number } {
  const chunks = readdirSync(dir).filter(name => /^(chunk-.*|\d+\.index)\.js$/.test(name))
  const atStart = new Set(['index.js'])
  for (const name of atStart) {
    const code = readFileSync(join(dir, name), 'utf8')
    for (const match of code.matchAll(/^(?:var|const|let) \w+ = require\('\.\/(chunk-[^']+)'\);$/gm))
      atStart.add(match[1]!)
  }
  const size = (names: string[]) => names.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
  return {
    startup: size([...atStart]),
    lazy: size(chunks.filter(name => !atStart.has(name))),
    files: atStart.size
  }
}

/**
 * Spawn → first AWS request for every entry point of `distDir`, and for bare Node making one `http.request` to the
 * same endpoint (the floor), interleaved run by run so the machine's load falls on all alike. Medians of `runs`.
 */
export async function startupTimes(
  distDir = join(ROOT_DIR, 'dist'),
  runs = 9
): Promise<{ floor: number[]; entries: Map<string, number[]> }> {
  const endpoint = new FirstRequest()
  const url = await endpoint.listen()
  const env = {
    PATH: process.env.PATH ?? '',
    ...githubRunEnv(1),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: url,
    AWS_ENDPOINT_URL_CLOUDFORMATION: url,
    AWS_ENDPOINT_URL_CLOUDTRAIL: url,
    DEPLOY_GUARD_TABLE: 'deploy-locks'
  }
  const floor: number[] = []
  const entries = new Map<string, number[]>(STARTS.map(start => [start.entry, []]))
  try {
    for (let run = 0; run < runs; run++) {
      floor.push(await endpoint.time(['-e', `http.request('${url}', { method: 'POST' }).end()`], env))
      for (const start of STARTS) {
        const entry = join(distDir, start.entry, 'index.js')
        entries
          .get(start.entry)!
          .push(await endpoint.time([entry, ...(start.args ?? [])], { ...env, ...start.env }))
      }
    }
  } finally {
    await endpoint.close()
  }
  return { floor, entries }
}

/** The table rows: the floor, then per entry its median, its ratio to the floor, and what it loads at start. */
export async function startupBench(): Promise<BenchRow[]> {
  const runs = 9
  const { floor, entries } = await startupTimes(join(ROOT_DIR, 'dist'), runs)
  const floorMs = percentile(floor, 50)
  const rows: BenchRow[] = [
    {
      metric: 'startup floor: bare node -e "http.request(…)" (p50)',
      value: floorMs,
      unit: 'ms',
      note: `${runs} runs interleaved with the entries below, Node 24`
    }
  ]
  for (const start of STARTS) {
    const samples = entries.get(start.entry)!.filter(Number.isFinite)
    const median = percentile(samples, 50)
    const bytes = bundleBytes(join(ROOT_DIR, 'dist', start.entry))
    rows.push(
      {
        metric: `startup: dist/${start.entry} to first ${start.service} request (p50)`,
        value: median,
        unit: 'ms',
        note: `${samples.length}/${runs} runs; loads ${(bytes.startup / 1024).toFixed(0)} KiB in ${bytes.files} file(s) at start, ${(bytes.lazy / 1024).toFixed(0)} KiB on demand`
      },
      {
        metric: `startup: dist/${start.entry} ÷ floor`,
        value: median / floorMs,
        unit: '×',
        note: start.entry === 'main' || start.entry === 'lock' ? 'goal ≤ 2.2×' : 'goal ≤ 2.3×'
      }
    )
  }
  return rows
}
