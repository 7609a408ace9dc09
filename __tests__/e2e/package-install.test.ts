import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { startSim, type Sim } from '../../src/sim/server.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { localAwsEnv, MINIMUM_NODE_MAJOR, nodeFor, ROOT_DIR } from '../../src/sim/runner.js'
import { VERSION } from '../../src/runtime/version.js'
import { runProcess, type ProcessResult } from '../helpers/process.js'

// The CLI as an engineer gets it: `npm pack`, installed into an empty prefix with the network cut off (--offline and
// an empty cache: a dependency to fetch would fail the install), run from that prefix with no access to the
// repository's node_modules.
let dynamo: LocalDynamo
let sim: Sim
let work: string
let prefix: string
let tarball: string
beforeAll(async () => {
  dynamo = await startDynalite()
  sim = await startSim()
  work = mkdtempSync(join(tmpdir(), 'deploy-guard-pack-'))
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT_DIR, encoding: 'utf8' })
  ) as { filename: string; files: { path: string }[] }[]
  tarball = join(work, packed[0]!.filename)
  prefix = join(work, 'prefix')
  execFileSync(
    'npm',
    [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--offline',
      '--cache',
      join(work, 'cache'),
      '--no-audit',
      '--no-fund',
      tarball
    ],
    { cwd: work, encoding: 'utf8', stdio: 'pipe' }
  )
}, 180_000)
afterAll(async () => {
  await dynamo.close()
  await sim.close()
})

/** The installed `deploy-guard` under `node`: its directory first on PATH, as a shell finds it; nothing else of ours. */
function installed(
  args: string[],
  node: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = []
): Promise<ProcessResult> {
  return runProcess(node, [...nodeArgs, join(prefix, 'bin', 'deploy-guard'), ...args], {
    cwd: work,
    env: { PATH: [dirname(node), '/usr/bin', '/bin'].join(delimiter), HOME: work, ...env }
  })
}

/** Every other `node` on PATH (not the repository's pinned one), with its major. */
function nodesOnPath(): { binary: string; major: number }[] {
  const found = new Map<string, number>()
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const binary = join(dir, 'node')
    if (!dir || dir.includes('node_modules') || !existsSync(binary) || found.has(binary)) continue
    const version = execFileSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
    found.set(binary, Number(version.split('.')[0]))
  }
  return [...found].map(([binary, major]) => ({ binary, major }))
}

describe('the packed CLI, installed into an empty prefix', () => {
  it('carries no dependencies and only what the CLI needs', () => {
    const root = join(prefix, 'lib', 'node_modules', 'deploy-guard')
    expect(existsSync(join(root, 'node_modules'))).toBe(false)
    expect(readdirSync(root).sort()).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'bin',
        'dist',
        'docs',
        'iam',
        'package.json',
        'templates'
      ].sort()
    )
    expect(readdirSync(join(root, 'dist'))).toEqual(['cli'])
    expect(readdirSync(join(root, 'dist', 'cli'))).toContain('licenses.txt')
    expect(statSync(tarball).size).toBeLessThan(2 * 1024 * 1024)
  })

  it('answers --version, -V and help under Node 24, and help says where the docs are', async () => {
    const node = nodeFor('node24')
    const version = await installed(['--version'], node)
    expect([version.code, version.stdout, version.stderr]).toEqual([0, `deploy-guard ${VERSION}\n`, ''])
    expect((await installed(['-V'], node)).stdout).toBe(`deploy-guard ${VERSION}\n`)
    const help = await installed(['help'], node)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('deploy-guard run --key KEY')
    expect(help.stdout).toContain(`Docs: ${join(prefix, 'lib', 'node_modules', 'deploy-guard', 'README.md')}`)
  })

  it('guards a command against DynamoDB and CloudFormation, and shows the lock in status', async () => {
    const table = await dynamo.createLockTable()
    const env = { ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }), USER: 'alice' }
    const run = await installed(
      ['run', '--stack', 'ApiStack', '--table', table, '--', 'true'],
      nodeFor('node24'),
      env
    )
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Released lock deploy-guard/us-east-1/ApiStack.')
    const status = await installed(['status', '--table', table, '--json'], nodeFor('node24'), env)
    expect(JSON.parse(status.stdout)).toMatchObject([
      { key: 'deploy-guard/us-east-1/ApiStack', state: 'free' }
    ])
  })

  it('runs from the tarball with npx, without a global install', async () => {
    const table = await dynamo.createLockTable()
    const node = nodeFor('node24')
    const npx = join(dirname(execFileSync('which', ['npm'], { encoding: 'utf8' }).trim()), 'npx')
    const result = await runProcess(
      npx,
      [
        '--yes',
        '--offline',
        '--cache',
        join(work, 'npx-cache'),
        `--package=${tarball}`,
        'deploy-guard',
        'status',
        '--table',
        table
      ],
      {
        cwd: work,
        env: {
          PATH: [dirname(node), dirname(npx), '/usr/bin', '/bin'].join(delimiter),
          HOME: work,
          ...localAwsEnv({ dynamodb: dynamo.endpoint })
        }
      }
    )
    expect([result.code, result.stdout]).toEqual([0, 'No deploy-guard locks in this table.\n'])
  })

  it(`refuses a Node older than ${MINIMUM_NODE_MAJOR} in one line, exit 2, before the AWS SDK loads`, async () => {
    // A real old Node where one is on PATH (CI has Node 20), and always Node 24 made to report 20.
    const preload = join(work, 'report-node-20.cjs')
    writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' })\n")
    const runs = [
      await installed(['--version'], nodeFor('node24'), {}, ['--require', preload]),
      ...(await Promise.all(
        nodesOnPath()
          .filter(node => node.major < MINIMUM_NODE_MAJOR)
          .map(node => installed(['status', '--table', 'locks'], node.binary))
      ))
    ]
    for (const result of runs) {
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(
        /^deploy-guard needs Node\.js 22 or later \(package\.json engines: >=22\); this is Node\.js \d+\.\d+\.\d+ at .+\. Install Node\.js 22 or 24 and run it again\.\n$/
      )
    }
  })

  it(`runs under every Node ${MINIMUM_NODE_MAJOR}+ at hand, the lowest declared major included where installed`, async () => {
    const majors = [
      { binary: nodeFor('node24'), major: 24 },
      ...nodesOnPath().filter(node => node.major >= MINIMUM_NODE_MAJOR)
    ]
    for (const { binary } of majors) {
      const result = await installed(['--version'], binary)
      expect([result.code, result.stdout, result.stderr]).toEqual([0, `deploy-guard ${VERSION}\n`, ''])
    }
  })
})
