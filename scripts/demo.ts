// `npm run demo`: incident B replayed on an embedded default. Three workflow runs deploy CourtCaseManagementStack
// through the real bundled action (dist/), as the GitHub runner would run it, against an in-memory DynamoDB.
import { CreateTableCommand } from '@aws-sdk/client-dynamodb'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { join } from 'node:path'
import { startDynalite, TEST_CREDENTIALS } from '../src/sim/dynamo.js'
import { startSim } from '../src/sim/server.js'
import { githubRunEnv, nodeFor, ROOT_DIR, startStep, type StepResult } from '../src/sim/runner.js'

const STACK = 'CourtCaseManagementStack'
const TABLE = 'deploy-locks'
const colours = { 75: '\x1b[35m', 76: '\x1b[36m', 77: '\x1b[33m' } as Record<number, string>
const reset = '\x1b[0m'
const announce = (text: string) => console.log(`\n\x1b[1m== ${text}${reset}`)

if (process.argv.includes('--help')) {
  console.log(
    'npm run demo — two pipelines race to deploy one stack; deploy-guard serialises them and refuses the late, older run.'
  )
  process.exit(0)
}

announce('Starting an in-memory DynamoDB (dynalite) on 127.0.0.1 with lock table deploy-locks')
const dynamo = await startDynalite()
await dynamo.client().send(
  new CreateTableCommand({
    TableName: TABLE,
    KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST'
  })
)
const sim = await startSim()
const aws = {
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_CLOUDFORMATION: sim.url,
  AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey
}

function deploy(runNumber: number, image: string, seconds: number): Promise<StepResult> {
  const prefix = `${colours[runNumber]}[run #${runNumber}]${reset}`
  return startStep({
    action: '.',
    inputs: {
      'stack-name': STACK,
      'lock-table': TABLE,
      reason: `deploy ${image}`,
      run: `echo "npx cdk deploy ${STACK} (task definition with image ${image})"; sleep ${seconds}; echo "deployed ${image}"`
    },
    env: { ...aws, ...githubRunEnv(runNumber) },
    onLine: line => line && console.log(`${prefix} ${line.replace(/^::(\w+)::/, '$1: ')}`)
  }).result
}

announce('Run #76 (image v1.1.0) starts deploying; 1 s later run #77 (image v1.2.0) starts on the same stack')
const first = deploy(76, 'v1.1.0', 3)
await new Promise(resolve => setTimeout(resolve, 1_000))
const second = deploy(77, 'v1.2.0', 1)
const [a, b] = await Promise.all([first, second])

announce('Run #75 (image v1.0.0) was slow to start and arrives last: the "task definition 31 → 30" revert')
const late = await deploy(75, 'v1.0.0', 1)

announce('Lock status (deploy-guard status)')
// Asynchronously: the in-memory DynamoDB answering the CLI lives in this process.
const status = await promisify(execFile)(
  nodeFor('node24'),
  [join(ROOT_DIR, 'dist', 'cli', 'index.js'), 'status', '--table', TABLE],
  {
    env: { ...process.env, ...aws }
  }
)
console.log(status.stdout)

announce('What happened')
console.log(
  `run #76: ${a.exitCode === 0 ? 'deployed' : 'failed'}, waited ${a.outputs['waited-seconds']}s, fence ${a.outputs.fence}`
)
console.log(
  `run #77: ${b.exitCode === 0 ? 'deployed' : 'failed'}, waited ${b.outputs['waited-seconds']}s for run #76, fence ${b.outputs.fence}`
)
console.log(
  `run #75: ${late.exitCode === 0 ? 'deployed (!)' : 'refused as out of order'} — it never ran its deploy command`
)
await dynamo.close()
await sim.close()
const ok =
  a.exitCode === 0 && b.exitCode === 0 && late.exitCode !== 0 && Number(b.outputs['waited-seconds']) > 0
process.exit(ok ? 0 : 1)
