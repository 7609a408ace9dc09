import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { PutItemCommand } from '@aws-sdk/client-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../../src/core/clock.js'
import { acquireLock, LockTable, takeTicket } from '../../src/core/lock/index.js'
import { startDynalite, type LocalDynamo } from '../../src/sim/dynamo.js'
import { localAwsEnv, nodeFor, ROOT_DIR } from '../../src/sim/runner.js'
import { ciHolder } from '../helpers/holders.js'

let dynamo: LocalDynamo
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(() => dynamo.close())

function cli(
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'cli', 'index.js'), ...args], {
      env: { PATH: process.env.PATH, USER: 'alice', ...localAwsEnv({ dynamodb: dynamo.endpoint }), ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('close', code => resolve({ code, stdout, stderr }))
  })
}

describe('deploy-guard lock commands at their edges (issue 13)', () => {
  it('returns from `lock --wait-timeout 0` against an unreachable DynamoDB with one clear line', async () => {
    const result = await cli(['lock', '--stack', 'A', '--table', 'locks', '--wait-timeout', '0'], {
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1'
    })
    expect(result.code).toBe(3)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(
      /^error: Timed out after .* waiting for lock deploy-guard\/us-east-1\/A\. Its state could not be read \(.*ECONNREFUSED.*\), so whether it is free is unknown\./
    )
  })

  it.each([
    ['0', '0', /--for: "0" is out of range/],
    ['400 digits', '9'.repeat(400), /--for: "9{40}…" is far too long a duration/]
  ])('refuses `freeze --for` %s with one line', async (_, duration, message) => {
    const table = await dynamo.createLockTable()
    const result = await cli([
      'freeze',
      '--stack',
      'A',
      '--table',
      table,
      '--reason',
      'change freeze',
      '--for',
      duration
    ])
    expect(result.code).toBe(2)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(message)
  })

  it('says a frozen key is already frozen (freeze) or frozen, not unlocked (unlock), with how to lift it', async () => {
    const table = await dynamo.createLockTable()
    const freeze = (reason: string) =>
      cli(['freeze', '--stack', 'A', '--table', table, '--for', '2h', '--reason', reason])
    expect((await freeze('incident 4711')).code).toBe(0)

    const again = await freeze('change freeze')
    expect(again.code).toBe(3)
    expect(again.stderr.trim().split('\n')).toHaveLength(1)
    expect(again.stderr).toMatch(
      /^error: deploy-guard\/us-east-1\/A is already frozen until \S+Z by alice alice@\S+: incident 4711\. To change the freeze, lift it with `deploy-guard unfreeze`, then freeze again\.$/m
    )
    expect(again.stderr).not.toMatch(/Timed out|wait-timeout/)

    const unlocked = await cli(['unlock', '--stack', 'A', '--table', table])
    expect(unlocked.code).toBe(0)
    expect(unlocked.stderr).toMatch(
      /no lock is in force\. Deploys are frozen until \S+Z by alice alice@\S+: incident 4711; lift a freeze with `deploy-guard unfreeze`\./
    )
  })

  it('says which lock `status --stack` found no trace of, not that the table has no locks', async () => {
    const table = await dynamo.createLockTable()
    expect((await cli(['lock', '--stack', 'Other', '--table', table])).code).toBe(0)
    const result = await cli(['status', '--stack', 'Missing', '--table', table])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(
      'No lock deploy-guard/us-east-1/Missing in this table: it was never taken (deploy-guard status lists every lock).\n'
    )
  })

  it('shows malformed items and the queue in status', async () => {
    const tableName = await dynamo.createLockTable()
    await dynamo.client().send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall({ LockID: 'deploy-guard/us-east-1/Broken', fence: '12', released: false })
      })
    )
    const table = new LockTable(dynamo.client(), { tableName, keyAttribute: 'LockID' })
    const key = 'deploy-guard/us-east-1/Held'
    await acquireLock(
      { table, clock: systemClock },
      { key, holder: ciHolder(1), leaseMs: 60_000, waitTimeoutMs: 0 }
    )
    await takeTicket(table, key, (await table.read(key))!, 'waiter-2', ciHolder(2), 60_000, systemClock)
    const result = await cli(['status', '--table', tableName])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /deploy-guard\/us-east-1\/Broken\s+malformed\s+owner is missing; fence is a string \("12"\), not a number/
    )
    expect(result.stdout).toMatch(
      / {2}queue #1: iseepatterns-iam-user https:\/\/github.com\/acme\/court-cases\/actions\/runs\/9002 waiting since \d{4}-/
    )
  })
})

describe('unlock --force of a live holder (issue 13 §3: two commands must never run at once)', () => {
  const stamp = (path: string) => Number(readFileSync(path, 'utf8').trim())
  async function waitForFile(path: string): Promise<void> {
    while (!existsSync(path)) await systemClock.sleep(50)
  }

  it("drains: the waiter's command starts only after the forced-out holder's command ended, and each run says why", async () => {
    const table = await dynamo.createLockTable()
    const dir = mkdtempSync(join(tmpdir(), 'force-unlock-'))
    const common = ['run', '--key', 'fo', '--table', table, '--lease', '10s']
    // Each command records when it started and ended (also when it is stopped by a signal).
    const command = (name: string, seconds: number) => [
      '--',
      'bash',
      '-c',
      `date +%s%3N > ${dir}/${name}-start; trap 'date +%s%3N > ${dir}/${name}-end; exit 130' INT TERM; ` +
        `sleep ${seconds} & wait; date +%s%3N > ${dir}/${name}-end`
    ]
    const holder = cli([...common, ...command('a', 60)])
    await waitForFile(join(dir, 'a-start'))
    const waiter = cli([...common, '--wait-timeout', '3m', ...command('b', 1)], { USER: 'carol' })
    await systemClock.sleep(1_000)
    const forced = await cli(
      ['unlock', '--key', 'fo', '--table', table, '--force', '--reason', 'stuck deploy'],
      {
        USER: 'bob'
      }
    )
    expect(forced.code).toBe(0)
    expect(forced.stderr).toMatch(
      /^Force-released fo, held by alice alice@\S+: its renewals fail from now on, so it stops its command\. The next run may take the lock from \S+Z \(a drain of /
    )
    const status = await cli(['status', '--key', 'fo', '--table', table])
    expect(status.stdout).toMatch(/^fo\s+draining\s+alice alice@\S+\s.*free in /m)
    expect(status.stdout).toMatch(
      /^ {2}force-released by bob@\S+ at \S+ \(reason: stuck deploy\) while held by alice alice@/m
    )

    const [a, b] = await Promise.all([holder, waiter])
    expect(a.code).not.toBe(0)
    expect(a.stderr).toMatch(
      /Lost lock fo: it was force-released by bob@\S+: stuck deploy\. The guarded command is stopped/
    )
    expect(a.stderr).toMatch(
      /Lock fo was not released by this run: it had been force-released by bob@\S+ at \S+ \(reason: stuck deploy\)/
    )
    expect(a.stderr).not.toContain('Released lock fo.')
    expect(b.code).toBe(0)
    expect(b.stderr).toMatch(
      /Acquired lock fo \(fence 2\) after .*, after the drain of the lock of alice alice@\S+, force-released by bob@\S+ \(reason: stuck deploy\)/
    )
    // The two commands never overlapped: A was stopped (well before its 60 s) and ended before B started.
    expect(existsSync(join(dir, 'a-end'))).toBe(true)
    expect(stamp(join(dir, 'b-start'))).toBeGreaterThanOrEqual(stamp(join(dir, 'a-end')))
    expect(stamp(join(dir, 'a-end')) - stamp(join(dir, 'a-start'))).toBeLessThan(60_000)
  }, 240_000)
})
