import { describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../../src/core/clock.js'
import { LockTable, type LockRecord } from '../../src/core/lock/index.js'
import { useLocalAws } from '../helpers/local-aws.js'
import { githubRunEnv, localAwsEnv, nodeFor, ROOT_DIR, runStep, startStep } from '../../src/sim/runner.js'

const local = useLocalAws()

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls until `check` holds, for at most `ms` (generous: the machine is shared); returns whether it held. */
async function eventually(check: () => boolean, ms = 30_000): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await systemClock.sleep(100))
    if (check()) return true
  return check()
}

interface Guard {
  child: ChildProcess
  output: () => string
  done: Promise<number | null>
}

/** The bundled CLI as its own process, like a person in a terminal runs it. */
function guard(args: string[], table: string): Guard {
  const child = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'cli', 'index.js'), ...args], {
    env: {
      PATH: process.env.PATH,
      USER: 'alice',
      ...localAwsEnv({ dynamodb: local.dynamo.endpoint, sim: local.sim.url }),
      DEPLOY_GUARD_TABLE: table
    }
  })
  let output = ''
  child.stdout!.on('data', chunk => (output += chunk))
  child.stderr!.on('data', chunk => (output += chunk))
  return { child, output: () => output, done: new Promise(resolve => child.on('close', resolve)) }
}

/** A deploy command that records its process group, then says it is alive every 100 ms into `log` until stopped. */
function deployScript(dir: string, name: string, log: string): string {
  return `echo $$ > ${join(dir, `${name}.pgid`)}; while :; do echo "${name} $(date +%s%N)" >> ${log}; sleep 0.1; done`
}

const readPgid = async (dir: string, name: string) => {
  const file = join(dir, `${name}.pgid`)
  expect(await eventually(() => existsSync(file) && readFileSync(file, 'utf8').trim() !== '')).toBe(true)
  return Number(readFileSync(file, 'utf8'))
}

describe('the guarded command never outlives its guard', () => {
  it('SIGKILL of the CLI: the watchdog stops the command, the lock is left to its lease, and the next holder never overlaps it', async () => {
    const table = await local.dynamo.createLockTable()
    const dir = mkdtempSync(join(tmpdir(), 'killed-guard-'))
    const log = join(dir, 'deploys.log')
    const first = guard(
      ['run', '--stack', 'KilledStack', '--lease', '10s', '--', 'bash', '-c', deployScript(dir, 'A', log)],
      table
    )
    const pgid = await readPgid(dir, 'A')
    first.child.kill('SIGKILL')
    await first.done
    // SIGINT, SIGTERM after 2.5 s, SIGKILL after 5 s: bounded well under the shortest lease.
    expect(await eventually(() => !groupAlive(pgid))).toBe(true)
    const lock = (await new LockTable(local.dynamo.client(), {
      tableName: table,
      keyAttribute: 'LockID'
    }).read('deploy-guard/us-east-1/KilledStack')) as LockRecord
    expect(lock.released).toBe(false)

    const second = guard(
      [
        'run',
        '--stack',
        'KilledStack',
        '--wait-timeout',
        '2m',
        '--',
        'bash',
        '-c',
        `echo "B $(date +%s%N)" >> ${log}`
      ],
      table
    )
    expect(await second.done).toBe(0)
    expect(second.output()).toContain('taken over from')
    const lines = readFileSync(log, 'utf8').trim().split('\n')
    const lastA = Math.max(
      ...lines.filter(line => line.startsWith('A ')).map(line => Number(line.split(' ')[1]))
    )
    const startB = Number(lines.find(line => line.startsWith('B '))!.split(' ')[1])
    expect(startB).toBeGreaterThan(lastA)
  }, 120_000)

  it('SIGINT while still waiting for the lock says the command did not run, and leaves the holder alone', async () => {
    const table = await local.dynamo.createLockTable()
    const dir = mkdtempSync(join(tmpdir(), 'waiting-'))
    const holder = guard(
      ['run', '--stack', 'WaitStack', '--', 'bash', '-c', deployScript(dir, 'A', join(dir, 'log'))],
      table
    )
    const pgid = await readPgid(dir, 'A')
    const waiter = guard(['run', '--stack', 'WaitStack', '--', 'bash', '-c', 'echo B ran'], table)
    expect(await eventually(() => /Waiting for|waiting for/.test(waiter.output()))).toBe(true)
    waiter.child.kill('SIGINT')
    expect(await waiter.done).not.toBe(0)
    expect(waiter.output()).toContain('SIGINT: giving up the wait for the lock; the command did not run.')
    expect(waiter.output()).not.toContain('stopping the deploy command')
    expect(waiter.output()).not.toContain('B ran')
    expect(groupAlive(pgid)).toBe(true)
    holder.child.kill('SIGINT')
    expect(await holder.done).not.toBe(0)
    expect(holder.output()).toContain('SIGINT: stopping the deploy command, then releasing the lock.')
  })

  it('SIGHUP (the terminal closed) is a cancellation: the command is stopped and the lock released', async () => {
    const table = await local.dynamo.createLockTable()
    const dir = mkdtempSync(join(tmpdir(), 'hangup-'))
    const run = guard(
      ['run', '--stack', 'HungUpStack', '--', 'bash', '-c', deployScript(dir, 'A', join(dir, 'log'))],
      table
    )
    const pgid = await readPgid(dir, 'A')
    run.child.kill('SIGHUP')
    expect(await run.done).not.toBe(0)
    expect(groupAlive(pgid)).toBe(false)
    expect(run.output()).toContain('SIGHUP: stopping the deploy command, then releasing the lock.')
    expect(run.output()).toContain('Released lock deploy-guard/us-east-1/HungUpStack.')
  })

  it('a command that does not exist is one line and exit 127, one that cannot be executed 126; the lock is released', async () => {
    const table = await local.dynamo.createLockTable()
    const missing = guard(['run', '--stack', 'MissingStack', '--', '/nonexistent/deploy'], table)
    expect(await missing.done).toBe(127)
    expect(missing.output().match(/\/nonexistent\/deploy/g)).toHaveLength(1)
    expect(missing.output()).toContain('deploy-guard: /nonexistent/deploy: command not found')
    expect(missing.output()).toContain('Released lock deploy-guard/us-east-1/MissingStack.')

    const script = join(mkdtempSync(join(tmpdir(), 'not-executable-')), 'deploy.sh')
    writeFileSync(script, '#!/bin/sh\necho never\n')
    chmodSync(script, 0o644)
    const notExecutable = guard(['run', '--stack', 'MissingStack', '--', script], table)
    expect(await notExecutable.done).toBe(126)
    expect(notExecutable.output()).toContain(`deploy-guard: ${script}: cannot execute (EACCES)`)
    expect(notExecutable.output()).not.toContain('never')
  })
})

describe('root action: the post step stops a command a killed main left running', () => {
  it('kills the recorded process group before it releases the lock', async () => {
    const tableName = await local.dynamo.createLockTable()
    const env = {
      ...localAwsEnv({ dynamodb: local.dynamo.endpoint, sim: local.sim.url }),
      ...githubRunEnv(88)
    }
    const inputs = { 'stack-name': 'LeftoverStack', 'lock-table': tableName }
    const jobDir = mkdtempSync(join(tmpdir(), 'deploy-guard-job-'))
    const main = startStep({
      action: '.',
      inputs: { ...inputs, run: deployScript(jobDir, 'A', join(jobDir, 'log')) },
      env,
      jobDir
    })
    const pgid = await readPgid(jobDir, 'A')
    // The runner killing the step's whole process tree, its watchdog included, leaves only the command's group.
    for (const pid of childrenOf(main.child.pid!)) if (pid !== pgid) process.kill(pid, 'SIGKILL')
    main.child.kill('SIGKILL')
    const killed = await main.result
    expect(killed.state['command-group']).toContain(`"pgid":${pgid}`)
    await systemClock.sleep(500)
    expect(groupAlive(pgid)).toBe(true)

    const post = await runStep({ action: '.', phase: 'post', inputs, env, state: killed.state, jobDir })
    expect(post.exitCode).toBe(0)
    expect(post.stdout).toContain(
      `The deploy command (process group ${pgid}) was still running after the main step ended`
    )
    expect(groupAlive(pgid)).toBe(false)
    expect(post.stdout).toContain('Released lock deploy-guard/us-east-1/LeftoverStack.')
    // Stopped before the release: the command's last sign of life precedes the release.
    const table = new LockTable(local.dynamo.client(), { tableName, keyAttribute: 'LockID' })
    expect(await table.read('deploy-guard/us-east-1/LeftoverStack')).toMatchObject({ released: true })
  })
})

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .filter(name => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
}
