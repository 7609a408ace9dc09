import { beforeEach, describe, expect, it } from '@jest/globals'
import { PutItemCommand } from '@aws-sdk/client-dynamodb'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LockTable } from '../../src/core/lock/index.js'
import { useLocalAws } from '../helpers/local-aws.js'
import { githubRunEnv, localAwsEnv, runStep } from '../../src/sim/runner.js'
import { runCli, type CliResult } from '../helpers/cli.js'

// Incident B was Terraform and people, not only CDK: a lock under a custom key, with no stack, must work for a
// principal that has no cloudformation: permission at all. The sim denies every CloudFormation call to prove it,
// and counts them.
const local = useLocalAws()
let tableName: string
beforeEach(async () => {
  tableName = await local.dynamo.createLockTable()
  local.sim.resetCalls()
  local.sim.faults.set({ rules: [{ kind: 'deny', service: 'CloudFormation' }] })
})

const KEY = 'terraform/prod'
const cloudFormationCalls = () =>
  Object.keys(local.sim.calls).filter(call => call.startsWith('CloudFormation.'))
const table = () => new LockTable(local.dynamo.client(), { tableName, keyAttribute: 'LockID' })

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, {
    USER: 'alice',
    ...localAwsEnv({ dynamodb: local.dynamo.endpoint, sim: local.sim.url }),
    DEPLOY_GUARD_TABLE: tableName
  })
}

describe('lock-only use: a custom key and no stack', () => {
  it('CLI run takes, holds and releases the lock around terraform apply without one CloudFormation call', async () => {
    const result = await cli(['run', '--key', KEY, '--', 'bash', '-c', 'echo "terraform apply: 3 changed"'])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('terraform apply: 3 changed\n')
    expect(result.stderr).toContain(`Acquired lock ${KEY} (fence 1)`)
    expect(result.stderr).toContain(`Released lock ${KEY}.`)
    expect(cloudFormationCalls()).toEqual([])
    expect(await table().read(KEY)).toMatchObject({
      released: true,
      fence: 1,
      lastDeploy: { status: 'succeeded' }
    })
  })

  it("CLI run exits with the command's code and still releases", async () => {
    const result = await cli(['run', '--key', KEY, '--', 'bash', '-c', 'exit 4'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain(`Released lock ${KEY}.`)
    expect(await table().read(KEY)).toMatchObject({ released: true, lastDeploy: { status: 'failed' } })
    expect(cloudFormationCalls()).toEqual([])
  })

  it('the lock action with lock-key and no stack-name holds the lock between steps and post releases it', async () => {
    const env = {
      ...localAwsEnv({ dynamodb: local.dynamo.endpoint, sim: local.sim.url }),
      ...githubRunEnv(81)
    }
    const inputs = { 'lock-key': KEY, 'lock-table': tableName }
    const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
    const main = await runStep({ action: 'lock', inputs, env, jobDir })
    expect(main.exitCode).toBe(0)
    expect(main.outputs['lock-key']).toBe(KEY)
    expect(await table().read(KEY)).toMatchObject({ released: false })
    const post = await runStep({ action: 'lock', phase: 'post', inputs, env, state: main.state, jobDir })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(`Released lock ${KEY}.`)
    expect(post.stdout).not.toContain('::warning::')
    expect(cloudFormationCalls()).toEqual([])
  })

  it('the root action with lock-key and no stack-name runs the command under the lock', async () => {
    const env = {
      ...localAwsEnv({ dynamodb: local.dynamo.endpoint, sim: local.sim.url }),
      ...githubRunEnv(82)
    }
    const step = await runStep({
      action: '.',
      inputs: { 'lock-key': KEY, 'lock-table': tableName, run: 'echo applied' },
      env
    })
    expect(step.exitCode).toBe(0)
    expect(step.stdout).toContain('applied')
    expect(step.outputs['exit-code']).toBe('0')
    expect(await table().read(KEY)).toMatchObject({ released: true, lastDeploy: { status: 'succeeded' } })
    expect(cloudFormationCalls()).toEqual([])
  })
})

describe('status lists what deploy-guard wrote, by its attributes', () => {
  it('shows custom keys beside stack keys, and never a Terraform state-lock item of the same table', async () => {
    expect((await cli(['lock', '--key', KEY, '--lease', '10m'])).code).toBe(0)
    expect((await cli(['lock', '--stack', 'ApiStack', '--lease', '10m'])).code).toBe(0)
    const db = local.dynamo.client()
    // What Terraform's S3 backend writes into a shared lock table: a digest item and, while it runs, a lock item.
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          LockID: { S: 'acme-tfstate/prod/terraform.tfstate-md5' },
          Digest: { S: '9e107d9d372bb6826bd81d3542a419d6' }
        }
      })
    )
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          LockID: { S: 'acme-tfstate/prod/terraform.tfstate' },
          Info: { S: '{"ID":"7c1f","Operation":"OperationTypeApply","Who":"bob@laptop","Version":"1.9.8"}' }
        }
      })
    )
    const status = await cli(['status', '--json'])
    expect(status.code).toBe(0)
    const keys = (JSON.parse(status.stdout) as { key: string }[]).map(entry => entry.key)
    expect(keys).toEqual(['deploy-guard/us-east-1/ApiStack', KEY])
    const table = await cli(['status'])
    expect(table.stdout).toContain(KEY)
    expect(table.stdout).not.toContain('tfstate')
  })
})
