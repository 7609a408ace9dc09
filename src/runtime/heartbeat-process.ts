import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createDynamoDbClient } from '../aws/clients.js'
import { systemClock } from '../core/clock.js'
import { type Lease, LockTable, startHeartbeat } from '../core/lock/index.js'
import { USER_AGENT } from './session.js'

/** What the detached heartbeat needs; passed in one environment variable, never on a command line. */
export interface HeartbeatConfig {
  tableName: string
  keyAttribute: string
  region: string
  leases: Lease[]
  /** Where the heartbeat writes its log (RUNNER_TEMP on a runner). */
  logDirectory?: string | undefined
  /** Stops renewing after this long even if nobody stopped it (GitHub's longest job is 6 h). */
  maxLifetimeMs?: number
}

const CONFIG_VARIABLE = 'DEPLOY_GUARD_HEARTBEAT'
const PROBLEM = /^WARN /
const LOST = /^LOST (.*?)(?: \d{4}-\d\d-\d\dT[\d:.]+Z)?$/

/** Starts `dist/heartbeat` detached, so it outlives this step and keeps renewing while later steps deploy. */
export function startDetachedHeartbeat(config: HeartbeatConfig): { pid: number; logFile: string } {
  const logFile = join(
    config.logDirectory ?? tmpdir(),
    `deploy-guard-heartbeat-${process.pid}-${Date.now()}.log`
  )
  const out = openSync(logFile, 'a')
  const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'heartbeat', 'index.js')
  const child = spawn(process.execPath, [entry], {
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, [CONFIG_VARIABLE]: JSON.stringify(config) }
  })
  closeSync(out)
  child.unref()
  if (!child.pid) throw new Error('Could not start the heartbeat process.')
  return { pid: child.pid, logFile }
}

/** Stops the heartbeat and returns what it logged: failed renewals (`problems`) and lost locks (`lost`, the reasons). */
export async function stopDetachedHeartbeat(
  pid: number,
  logFile: string
): Promise<{ problems: string[]; lost: string[] }> {
  if (pid > 0 && isAlive(pid)) {
    process.kill(pid, 'SIGTERM')
    for (let waited = 0; waited < 3_000 && isAlive(pid); waited += 50) await systemClock.sleep(50)
  }
  let log = ''
  try {
    log = readFileSync(logFile, 'utf8')
  } catch {
    return { problems: [], lost: [] }
  }
  const lines = log.split('\n')
  return {
    problems: lines.filter(line => PROBLEM.test(line)),
    lost: lines.flatMap(line => LOST.exec(line)?.[1] ?? [])
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** The heartbeat process itself: renew every lease until SIGTERM, a lost lock, or the lifetime cap. */
export async function runHeartbeatProcess(): Promise<void> {
  const config = JSON.parse(process.env[CONFIG_VARIABLE] ?? '{}') as HeartbeatConfig
  const log = (line: string) => process.stdout.write(`${line} ${new Date().toISOString()}\n`)
  const client = createDynamoDbClient({ region: config.region, userAgent: `${USER_AGENT} heartbeat` })
  const table = new LockTable(client, { tableName: config.tableName, keyAttribute: config.keyAttribute })
  const heartbeats = config.leases.map(lease =>
    startHeartbeat(table, lease, systemClock, {
      onRenewed: () => undefined,
      onRenewalFailed: error =>
        log(`WARN heartbeat for ${lease.key} failed and is being retried: ${String(error)}`),
      onLost: error => log(`LOST ${error.message}`)
    })
  )
  log(`INFO heartbeat started for ${config.leases.map(lease => lease.key).join(', ')}`)
  const stopAll = async (why: string) => {
    await Promise.all(heartbeats.map(heartbeat => heartbeat.stop()))
    log(`INFO heartbeat stopped: ${why}`)
    process.exit(0)
  }
  process.on('SIGTERM', () => void stopAll('SIGTERM'))
  process.on('SIGINT', () => void stopAll('SIGINT'))
  setTimeout(() => void stopAll('maximum lifetime reached'), config.maxLifetimeMs ?? 6 * 3_600_000).unref()
  await Promise.all(heartbeats.map(heartbeat => heartbeat.done))
  log('INFO every lease ended')
}
