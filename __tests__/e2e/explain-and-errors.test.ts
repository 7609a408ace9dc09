import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { githubRunEnv, localAwsEnv, runStep } from '../../src/sim/runner.js'
import { runCli } from '../helpers/cli.js'
import { type History, threeUpdates } from '../unit/diagnose/history.js'

function dumpFile(history: History): string {
  const file = join(mkdtempSync(join(tmpdir(), 'explain-')), 'events.json')
  writeFileSync(file, JSON.stringify(history.dump(), null, 2))
  return file
}

describe('deploy-guard explain over a whole history', () => {
  it('explains the latest failed operation and says which of how many', async () => {
    const result = await runCli(['explain', dumpFile(threeUpdates()), '--json'], {})
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report.rootCauses[0]).toMatchObject({ logicalResourceId: 'Api', status: 'UPDATE_FAILED' })
    expect(report.stack.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE')
    expect(report.operation).toMatchObject({ number: 1, count: 3, type: 'UPDATE_STACK' })
  })

  it('lists the operations, newest first, and explains the one picked; stdin works too', async () => {
    const file = dumpFile(threeUpdates())
    const list = await runCli(['explain', file, '--list-operations'], {})
    expect(list.code).toBe(0)
    const lines = list.stdout.split('\n').filter(Boolean)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(
      /^ {2}1 {2}\S+ {2}UPDATE_STACK\s+UPDATE_ROLLBACK_COMPLETE\s+Api: Invalid request provided/
    )
    expect(lines[2]).toMatch(/^ {2}3 .*OldQueue: Queue already exists/)
    const succeeded = await runCli(
      ['explain', '-', '--operation', '2'],
      {},
      JSON.stringify(threeUpdates().dump())
    )
    expect(succeeded.code).toBe(0)
    expect(succeeded.stdout).toBe(
      'OrdersApiStack ended UPDATE_COMPLETE; no failed resource event was found.\n'
    )
    const oldest = await runCli(['explain', file, '--operation', '3'], {})
    expect(oldest.stdout).toMatch(
      /^OrdersApiStack: OldQueue \(AWS::SQS::Queue\) UPDATE_FAILED: Queue already exists/
    )
  })

  it('refuses an operation the dump does not hold, and a file it cannot read, in one line each (exit 2)', async () => {
    const missing = await runCli(['explain', dumpFile(threeUpdates()), '--operation', '9'], {})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(
      'error: --operation: "9" names no operation of these events. Valid: latest, 1 to 3 (1 = newest), or an id that --list-operations prints.\n'
    )
    const unreadable = await runCli(['explain', '/nonexistent/events.json'], {})
    expect(unreadable.code).toBe(2)
    expect(unreadable.stderr).toMatch(
      /^error: explain: cannot read \/nonexistent\/events\.json \(ENOENT[^\n]*\n$/
    )
  })
})

const UNREACHABLE = 'http://127.0.0.1:1'
const offline = () => ({
  ...localAwsEnv({ dynamodb: UNREACHABLE, sim: UNREACHABLE }),
  HOME: tmpdir(),
  USER: 'alice'
})
const NO_TRACE = /^\s+at |Error: connect/m

describe('an AWS or network failure is one line: what was being done, what was said, what to check', () => {
  it.each([
    [
      ['diagnose', '--stack', 'ApiStack'],
      'deploy-guard diagnose ApiStack failed: could not reach 127.0.0.1:1 (ECONNREFUSED). Check the network or proxy, the Region (AWS_REGION) and any AWS_ENDPOINT_URL* setting.'
    ],
    // The lock's state is retried until status's deadline, then said to be unknown, with the reason it was not read.
    [
      ['status', '--table', 'deploy-locks'],
      "Could not list the locks: DynamoDB gave no answer (connect ECONNREFUSED 127.0.0.1:1); the lock's state is unknown."
    ]
  ])('deploy-guard %j', async (args, line) => {
    const result = await runCli(args, offline())
    expect(result.code).toBe(1)
    expect(result.stderr).toBe(`error: ${line}\n`)
  })

  it('prints the stack trace only with DEPLOY_GUARD_DEBUG=1', async () => {
    const result = await runCli(['diagnose', '--stack', 'ApiStack'], {
      ...offline(),
      DEPLOY_GUARD_DEBUG: '1'
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^error: deploy-guard diagnose ApiStack failed: could not reach 127\.0\.0\.1:1/
    )
    expect(result.stderr).toMatch(/^\s+at /m)
  })

  it('the diagnose action fails its step with one line, and shows the trace only under step debug', async () => {
    const env = { ...offline(), ...githubRunEnv(77) }
    const step = await runStep({ action: 'diagnose', inputs: { 'stack-name': 'ApiStack' }, env })
    expect(step.exitCode).toBe(1)
    const errors = step.stdout.split('\n').filter(line => line.startsWith('::error'))
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::deploy-guard diagnose ApiStack failed: could not reach 127\.0\.0\.1:1 \(ECONNREFUSED\)\./
      )
    ])
    expect(step.stdout).not.toMatch(NO_TRACE)
    const debug = await runStep({
      action: 'diagnose',
      inputs: { 'stack-name': 'ApiStack' },
      env: { ...env, RUNNER_DEBUG: '1' }
    })
    expect(debug.stdout).toMatch(/^\s+at /m)
  })
})
