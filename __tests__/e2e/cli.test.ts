import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation'
import { join } from 'node:path'
import { startSim, type Sim } from '../../src/sim/server.js'
import { startDynalite, TEST_CREDENTIALS, type LocalDynamo } from '../../src/sim/dynamo.js'
import { localAwsEnv } from '../../src/sim/runner.js'
import { runCli, type CliResult } from '../helpers/cli.js'

let dynamo: LocalDynamo
let sim: Sim
let table: string
beforeAll(async () => {
  dynamo = await startDynalite()
  // The stacks these tests name do not exist: the guard finds nothing to protect or watch and runs the command.
  sim = await startSim()
})
afterAll(async () => {
  await dynamo.close()
  await sim.close()
})

/** The bundled CLI as a person runs it: its own process, AWS settings from the standard environment. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, {
    USER: 'alice',
    ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
    DEPLOY_GUARD_TABLE: table,
    ...env
  })
}

describe('deploy-guard CLI', () => {
  beforeAll(async () => {
    table = await dynamo.createLockTable()
  })

  it('runs a command under the lock and exits with its exit code', async () => {
    const result = await cli(['run', '--stack', 'ApiStack', '--', 'bash', '-c', 'echo deploying; exit 7'])
    expect(result.code).toBe(7)
    expect(result.stdout).toBe('deploying\n')
    expect(result.stderr).toContain('Released lock deploy-guard/us-east-1/ApiStack.')
  })

  it('serialises two concurrent runs of one stack and tells the second who it waited for', async () => {
    const first = cli(
      ['run', '--stack', 'WebStack', '--reason', 'release 1.1.0', '--', 'bash', '-c', 'sleep 1.5'],
      { USER: 'bob' }
    )
    await new Promise(resolve => setTimeout(resolve, 600))
    const second = await cli(['run', '--stack', 'WebStack', '--', 'bash', '-c', 'echo second'])
    expect(second.code).toBe(0)
    expect(second.stderr).toMatch(
      /Waiting for lock deploy-guard\/us-east-1\/WebStack .*held by bob bob@.* \(reason: release 1\.1\.0\)/
    )
    expect((await first).code).toBe(0)
  })

  it('exits 3 when the lock is held and the wait times out, and 2 on bad input', async () => {
    expect((await cli(['lock', '--stack', 'DbStack', '--lease', '10m'])).code).toBe(0)
    const waited = await cli(['run', '--stack', 'DbStack', '--wait-timeout', '1s', '--', 'true'], {
      USER: 'carol'
    })
    expect(waited.code).toBe(3)
    expect(waited.stderr).toContain(
      'Timed out after 1s waiting for lock deploy-guard/us-east-1/DbStack. It is held by alice alice@'
    )
    const bad = await cli(['run', '--stack', 'DbStack', '--lease', 'long', '--', 'true'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('error: lease: "long" is not a duration.')
  })

  it("lets a person unlock their own lock, and needs --force --reason for someone else's", async () => {
    await cli(['lock', '--stack', 'QueueStack', '--lease', '10m'], { USER: 'dave' })
    const refused = await cli(['unlock', '--stack', 'QueueStack'])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('add --force --reason')
    const own = await cli(['unlock', '--stack', 'QueueStack'], { USER: 'dave' })
    expect(own.code).toBe(0)
    expect(own.stderr).toContain('Released deploy-guard/us-east-1/QueueStack')
  })

  it('freezes deploys: a run fails at once with who froze it, why and until when; status shows the freeze', async () => {
    const frozen = await cli([
      'freeze',
      '--stack',
      'PaymentsStack',
      '--for',
      '2h',
      '--reason',
      'incident 4711'
    ])
    expect(frozen.code).toBe(0)
    const run = await cli(['run', '--stack', 'PaymentsStack', '--', 'echo', 'SHOULD-NOT-RUN'], {
      USER: 'erin'
    })
    expect(run.code).toBe(3)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /Deploys to deploy-guard\/us-east-1\/PaymentsStack are frozen until .* by alice alice@.*: incident 4711/
    )
    const status = await cli(['status', '--json'])
    const entry = (JSON.parse(status.stdout) as { key: string; state: string }[]).find(s =>
      s.key.endsWith('/PaymentsStack')
    )
    expect(entry?.state).toBe('frozen')
    expect((await cli(['unfreeze', '--stack', 'PaymentsStack', '--reason', 'resolved'])).code).toBe(0)
    expect((await cli(['run', '--stack', 'PaymentsStack', '--', 'true'])).code).toBe(0)
  })

  it('prints a status table naming holders', async () => {
    const status = await cli(['status'])
    expect(status.code).toBe(0)
    expect(status.stdout.split('\n')[0]).toMatch(
      /^LOCK\s+STATE\s+HOLDER\s+ACQUIRED\s+LEASE ENDS\s+FENCE\s+LAST DEPLOY$/
    )
    expect(status.stdout).toMatch(/deploy-guard\/us-east-1\/DbStack\s+held\s+alice alice@/)
  })

  it('names a missing table with the command that creates it', async () => {
    const result = await cli(['lock', '--stack', 'A', '--table', 'missing-table'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'error: Lock table missing-table does not exist in us-east-1. Create it with: aws dynamodb create-table'
    )
  })

  it('watch never reports an operation that ended before it began, even a failed one: it waits for the next', async () => {
    sim.deploy('ReportsStack', 'create-succeeds', { startAt: 'past' })
    const done = await cli(['watch', '--stack', 'ReportsStack', '--start-timeout', '1s', '--json'])
    expect(done.code).toBe(1)
    expect(done.stderr).toContain(
      'ReportsStack: waiting up to 1s for the next operation to start: its last one ended CREATE_COMPLETE at '
    )
    expect(JSON.parse(done.stdout)).toEqual([
      expect.objectContaining({ stackName: 'ReportsStack', failed: false, changed: false })
    ])
    sim.deploy('LedgerStack', 'update-rolls-back', { startAt: 'past' })
    const rolledBack = await cli(['watch', '--stack', 'LedgerStack', '--start-timeout', '1s', '--json'])
    expect(rolledBack.code).toBe(1)
    expect(rolledBack.stderr).toContain(
      'error: LedgerStack: UPDATE_ROLLBACK_COMPLETE; no operation started before the start timeout'
    )
    expect(JSON.parse(rolledBack.stdout)[0]).toMatchObject({ failed: false, notStarted: expect.any(String) })
  })

  it('diagnoses a deleted stack and explains a saved describe-stack-events dump with nested stacks', async () => {
    sim.deploy('CourtCaseManagementStack', 'create-fails-db-35m', { startAt: 'past' })
    const diagnosed = await cli(['diagnose', '--stack', 'CourtCaseManagementStack', '--json'], {
      AWS_ENDPOINT_URL_CLOUDTRAIL: sim.url
    })
    expect(diagnosed.code).toBe(1)
    const report = JSON.parse(diagnosed.stdout)
    expect(report.rootCauses[0]).toMatchObject({
      logicalResourceId: 'Database',
      status: 'CREATE_FAILED',
      nestedPath: []
    })
    expect(report.stack).toMatchObject({ deleted: true, finalStatus: 'DELETE_COMPLETE' })

    const { stackId } = sim.deploy('NestedApp', 'nested-child-fails', { startAt: 'past' })
    const cfn = new CloudFormationClient({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS
    })
    const dump = async (id: string) =>
      JSON.stringify({
        StackEvents: (await cfn.send(new DescribeStackEventsCommand({ StackName: id }))).StackEvents
      })
    const dir = mkdtempSync(join(tmpdir(), 'dumps-'))
    writeFileSync(join(dir, 'root.json'), await dump(stackId))
    const nestedDir = join(dir, 'nested')
    mkdirSync(nestedDir)
    for (const child of sim.state().stacks.filter(stack => stack.parentId === stackId)) {
      writeFileSync(join(nestedDir, `${child.name}.json`), await dump(child.id))
    }
    const explained = await cli(['explain', join(dir, 'root.json'), '--nested', nestedDir, '--json'])
    expect(explained.code).toBe(1)
    expect(JSON.parse(explained.stdout).rootCauses[0]).toMatchObject({
      logicalResourceId: 'Database',
      nestedPath: ['DataStack']
    })
    const nestedFiles = readdirSync(nestedDir).map(name => join(nestedDir, name))
    const asFiles = await cli(['explain', join(dir, 'root.json'), ...nestedFiles, '--json'])
    expect(JSON.parse(asFiles.stdout).rootCauses[0]).toMatchObject({
      logicalResourceId: 'Database',
      nestedPath: ['DataStack']
    })
    const withoutNested = await cli(['explain', join(dir, 'root.json')])
    expect(withoutNested.stdout).toMatch(/^NestedApp: DataStack \(AWS::CloudFormation::Stack\) CREATE_FAILED/)
  })
})
