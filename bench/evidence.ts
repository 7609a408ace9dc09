import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { lazyEvidenceReaders } from '../src/aws/evidence/index.js'
import { systemClock } from '../src/core/clock.js'
import { diagnoseStack } from '../src/core/diagnose/index.js'
import { incidentPrincipals } from '../src/sim/principals.js'
import { ROOT_DIR } from '../src/sim/runner.js'
import { startSim } from '../src/sim/server.js'
import { startupSamples } from './lock.js'
import { type BenchRow, percentile } from './table.js'

const kb = (bytes: number) => bytes / 1024

/** index.js (parsed at every start) and the lazily loaded chunks of one bundle directory. */
function bundleBytes(dir: string): { startup: number; lazy: number } {
  const files = readdirSync(dir)
  const lazy = files.filter(name => /^(\d+\.index|chunk-.*)\.js$/.test(name))
  return {
    startup: statSync(join(dir, 'index.js')).size,
    lazy: lazy.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
  }
}

/** dist/main as committed just before the evidence clients were added, from git (undefined without history). */
function baselineMain(): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT_DIR, encoding: 'utf8' }).trim()
    const first = git('rev-list', '--reverse', 'HEAD', '--', 'src/core/evidence').split('\n')[0]
    if (!first) return undefined
    const dir = mkdtempSync(join(tmpdir(), 'deploy-guard-baseline-'))
    execFileSync('sh', ['-c', `git archive ${first}^ dist/main | tar -x -C ${dir}`], { cwd: ROOT_DIR })
    return join(dir, 'dist', 'main')
  } catch {
    return undefined
  }
}

/** Bundle size and startup of the root action before and after, and what loading the clients costs when needed. */
export async function evidenceFootprint(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const current = join(ROOT_DIR, 'dist', 'main')
  const baseline = baselineMain()
  for (const [label, dir] of [
    ['before evidence', baseline],
    ['now', current]
  ] as const) {
    if (!dir) {
      rows.push({
        metric: `dist/main ${label}`,
        value: NaN,
        unit: '',
        note: 'no git history to compare with'
      })
      continue
    }
    const bytes = bundleBytes(dir)
    const startup = await startupSamples(join(dir, 'index.js'))
    rows.push(
      {
        metric: `dist/main ${label}: index.js (loaded at start)`,
        value: kb(bytes.startup),
        unit: 'KiB',
        note: bytes.lazy
          ? `+ ${kb(bytes.lazy).toFixed(0)} KiB in chunks loaded only for evidence`
          : 'no lazy chunks'
      },
      {
        metric: `dist/main ${label}: start to first DynamoDB request (p50)`,
        value: percentile(startup, 50),
        unit: 'ms',
        note: `${startup.length} runs, Node 24`
      }
    )
  }
  if (baseline) rmSync(join(baseline, '..', '..'), { recursive: true, force: true })
  const started = performance.now()
  const readers = lazyEvidenceReaders({ region: 'us-east-1' })
  await Promise.all([readers.ecs(), readers.rds(), readers.logs()])
  rows.push({
    metric: 'evidence: first use loads ECS + RDS + Logs clients',
    value: performance.now() - started,
    unit: 'ms',
    note: 'paid once, only when such a resource failed or is slow'
  })
  return rows
}

/** What explaining each evidence scenario costs: calls per service and wall time of the whole diagnosis. */
export async function evidenceCost(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const scenario of [
    'ecs-tasks-exit',
    'ecs-health-check-fails',
    'rds-subnet-group-fails',
    'custom-resource-fails'
  ]) {
    const sim = await startSim()
    const saved = { ...process.env }
    try {
      sim.deploy('OrdersStack', scenario, { startAt: 'past' })
      // The readers get endpoint and credentials from the SDK's standard environment, as in the action.
      Object.assign(process.env, {
        AWS_ENDPOINT_URL_ECS: sim.url,
        AWS_ENDPOINT_URL_RDS: sim.url,
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: sim.url,
        AWS_ACCESS_KEY_ID: incidentPrincipals().deployer.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'bench'
      })
      const cfn = new CloudFormationClient({ endpoint: sim.url, region: 'us-east-1' })
      sim.resetCalls()
      const begun = performance.now()
      const report = await diagnoseStack(
        { cfn, evidence: lazyEvidenceReaders({ region: 'us-east-1' }), clock: systemClock },
        { stackName: 'OrdersStack', region: 'us-east-1' }
      )
      const wallMs = performance.now() - begun
      const calls = Object.entries(sim.calls).filter(([name]) => !name.startsWith('CloudFormation.'))
      rows.push({
        metric: `evidence ${scenario}: ECS/RDS/Logs calls`,
        value: calls.reduce((sum, [, n]) => sum + n, 0),
        unit: 'calls',
        note: `${calls.map(([name, n]) => `${name} ${n}`).join(', ')}; diagnosis ${wallMs.toFixed(0)} ms; verdict: ${report.evidence[0]?.verdict ? 'yes' : 'none'}`
      })
    } finally {
      process.env = saved
      await sim.close()
    }
  }
  return rows
}
