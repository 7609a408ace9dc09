// `npm run demo`: incident A and B replayed on an embedded default. Real bundled action entry points (dist/), run as
// the GitHub runner runs them, deploying with the real `cdk deploy` (the pinned aws-cdk devDependency, a hand-written
// cloud assembly) against the local AWS endpoint (src/sim) and an in-memory DynamoDB, on a fast-forwarded clock.
// `npm run demo -- --help` lists the other scenarios.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb'
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { addScenarioStack, cdkDeployArgs, cdkEnv, cdkWorkspace } from '../src/sim/cdk.js'
import { startDynalite } from '../src/sim/dynamo.js'
import { githubRunEnv, ROOT_DIR, startStep, type StepResult, localAwsEnv } from '../src/sim/runner.js'
import { incidentPrincipals } from '../src/sim/principals.js'
import { startSim } from '../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
const TABLE = 'deploy-locks'
const SPEED = 200
const OTHER_SCENARIOS: Record<string, string> = {
  'nested-child-fails': 'a nested stack whose database fails; the root cause is found two levels down',
  'update-rolls-back': 'an update whose task definition fails and rolls back',
  'deploy-times-out': 'the database stays in progress; the watch times out naming it and for how long',
  'ecs-tasks-exit': 'an ECS service whose tasks exit 1: the exit code and the log line that says why',
  'ecs-health-check-fails': 'an ECS service whose tasks fail the load balancer health check, said plainly',
  'rds-subnet-group-fails': 'a database stuck 15 minutes then failed: the RDS event names its subnet group',
  'custom-resource-fails': 'a custom resource whose Lambda throws: the function and the error it threw'
}
/** Scenarios whose evidence (ECS, RDS, Logs) is the point: slow resources explain themselves at once. */
const EVIDENCE_INPUTS = { 'slow-resource-after': '2s' }
const args = process.argv.slice(2)
if (args.includes('--help')) {
  console.log(`npm run demo [-- --scenario NAME]

Without a scenario: the two incidents deploy-guard was built for — two runs racing to \`cdk deploy\` ${STACK}, the
first one's database failing after 35 simulated minutes, a later \`cdk deploy\` as CDK's role refused when CDK tries
to delete the failed stack, the diagnosis written as a job summary, and the second run stopping at the failed stack.

Other scenarios:
${Object.entries(OTHER_SCENARIOS)
  .map(([name, text]) => `  --scenario ${name.padEnd(20)} ${text}`)
  .join('\n')}`)
  process.exit(0)
}
const scenario = args[args.indexOf('--scenario') + 1]
if (args.includes('--scenario') && (!scenario || !OTHER_SCENARIOS[scenario])) {
  console.error(`Unknown scenario "${scenario ?? ''}". See npm run demo -- --help.`)
  process.exit(2)
}

const bold = (text: string) => `\x1b[1m${text}\x1b[0m`
const phase = (text: string) => console.log(`\n${bold(`== ${text}`)}`)
const colours: Record<string, string> = { '76': '\x1b[36m', '77': '\x1b[33m', diagnose: '\x1b[35m' }
const prefixed = (who: string) => (line: string) => {
  if (line.trim())
    console.log(`${colours[who] ?? ''}[run #${who}]\x1b[0m ${line.replace(/^::(\w+)( [^:]*)?::/, '$1: ')}`)
}

phase('Starting the local AWS endpoint (CloudFormation + CloudTrail) and an in-memory DynamoDB lock table')
const sim = await startSim()
const dynamo = await startDynalite()
await dynamo.client().send(
  new CreateTableCommand({
    TableName: TABLE,
    KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST'
  })
)
sim.clock.autoplay(SPEED)
const workspace = cdkWorkspace()
const env = {
  ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
  ...cdkEnv(sim.url, workspace),
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`
}
/** The real CDK CLI deploying artifacts of the demo's cloud assembly, as a workflow's `run:` would. */
const cdkDeploy = (artifact: string) => ['node', ...cdkDeployArgs(workspace, [artifact])].join(' ')
const deploy = (run: string, command: string, extra: Record<string, string> = {}) =>
  startStep({
    action: '.',
    inputs: { 'stack-name': STACK, 'lock-table': TABLE, 'poll-interval': '500ms', run: command, ...extra },
    env: { ...env, ...githubRunEnv(Number(run)) },
    onLine: prefixed(run)
  }).result
/** A command run without deploy-guard (a laptop, a pipeline that skips the guard), its lines prefixed. */
const unguarded = (command: string, commandEnv: Record<string, string>) =>
  new Promise<number | null>(resolve => {
    const child = spawn('bash', ['-c', command], { env: commandEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    const show = createInterface({ input: child.stdout })
    const errors = createInterface({ input: child.stderr })
    for (const lines of [show, errors])
      lines.on('line', line => line.trim() && console.log(`[cdk, unguarded] ${line}`))
    child.on('close', resolve)
  })
/** The demo's other scenarios through the real `cdk deploy`: an artifact whose template names the scenario. */
const scenarioArtifact = (name: string) => {
  // An update needs a stack to update: the one created the day before.
  if (name === 'update-rolls-back') sim.deploy(STACK, 'create-succeeds', { startAt: 'past' })
  return addScenarioStack(workspace, STACK, name, { cleanup: true })
}
const outDir = join(ROOT_DIR, '.tmp', 'demo')
mkdirSync(outDir, { recursive: true })
const showSummary = (step: StepResult, file: string) => {
  const path = join(outDir, file)
  writeFileSync(path, step.summary)
  const readable = step.summary.split('<details>')[0]!.replace(/\\([_|()[\]#*])/g, '$1')
  console.log(
    readable
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  )
  console.log(`(the full job summary, with the event log, is in ${path})`)
}

let ok = true
if (scenario) {
  phase(`Scenario ${scenario}: ${OTHER_SCENARIOS[scenario]}`)
  const step =
    scenario === 'deploy-times-out'
      ? await startStep({
          action: 'watch',
          inputs: { 'stack-name': STACK, 'poll-interval': '500ms', 'watch-timeout': '5s' },
          env: (sim.deploy(STACK, scenario, { startAt: 'past' }), env),
          onLine: prefixed('76')
        }).result
      : await deploy('76', cdkDeploy(scenarioArtifact(scenario)), EVIDENCE_INPUTS)
  if (step.summary) showSummary(step, `${scenario}.md`)
  ok = step.exitCode !== 0
} else {
  phase(
    'Incident B: run #76 starts `cdk deploy`; a second later run #77 starts on the same stack and must wait'
  )
  const first = deploy('76', cdkDeploy(STACK))
  await new Promise(resolve => setTimeout(resolve, 1_000))
  const second = deploy('77', cdkDeploy(`${STACK}Fixed`))

  const one = await first
  phase(
    "Incident A: the database failed after 35 minutes and the stack rolled back; a `cdk deploy` as CDK's role tries again"
  )
  // CDK deletes a stack whose first create failed before creating it again: protection must refuse that.
  const teammate = await unguarded(cdkDeploy(`${STACK}Fixed`), {
    ...env,
    AWS_ACCESS_KEY_ID: incidentPrincipals().cdkRole.accessKeyId
  })
  const stack = sim.state().stacks.findLast(candidate => candidate.name === STACK)
  console.log(
    `${STACK}: ${stack?.status}, termination protection ${stack?.terminationProtection ? 'on' : 'off'} — ` +
      (teammate === 0
        ? 'CDK deleted the failed stack and the evidence with it.'
        : "CDK's DeleteStack as aws-cdk-showboat was refused, the evidence is still there.")
  )

  phase('The post-failure diagnose step writes the job summary (as run #76)')
  const diagnosis = await startStep({
    action: 'diagnose',
    inputs: { 'stack-name': STACK },
    env: { ...env, ...githubRunEnv(76) },
    onLine: line => line.startsWith('::error') && prefixed('diagnose')(line)
  }).result
  showSummary(diagnosis, 'incident-a-summary.md')

  phase('Run #77 got the lock when run #76 released it, and stops at the failed stack instead of deleting it')
  const two = await second
  ok =
    one.exitCode === 1 &&
    teammate !== 0 &&
    two.exitCode === 1 &&
    Number(two.outputs['waited-seconds']) > 0 &&
    /Database/.test(diagnosis.outputs['root-cause'] ?? '') &&
    stack?.status === 'ROLLBACK_COMPLETE'
  phase('What happened')
  console.log(`run #76: lock fence ${one.outputs.fence}, deploy failed: ${one.outputs['root-cause']}`)
  console.log(
    `run #77: waited ${two.outputs['waited-seconds']}s for run #76, then refused to deploy over the failed create`
  )
}
await dynamo.close()
await sim.close()
rmSync(workspace.dir, { recursive: true, force: true })
phase(ok ? 'Demo finished as expected.' : 'Demo did not go as expected.')
process.exit(ok ? 0 : 1)
