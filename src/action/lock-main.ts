import * as core from '@actions/core'
import { takeDeployLocks } from '../core/guard.js'
import { parseLockSettings } from '../core/settings.js'
import { cancellationSignal } from '../runtime/command.js'
import { startDetachedHeartbeat } from '../runtime/heartbeat-process.js'
import { detectHolder } from '../runtime/identity.js'
import { guardDeps, openLockSession } from '../runtime/session.js'
import { State } from './constants.js'
import { failStep, readInputs, runnerLog, saveLeases, setLockOutputs } from './runner.js'

/**
 * Pre-deploy lock step: takes the lock now and leaves a detached heartbeat process keeping the lease alive while
 * later steps deploy; the post step stops it and releases.
 */
export async function run(): Promise<void> {
  const signal = cancellationSignal()
  try {
    const settings = parseLockSettings(readInputs())
    const session = await openLockSession(settings)
    const holder = detectHolder(process.env, settings.reason)
    const deps = guardDeps(session, runnerLog, process.env.GITHUB_WORKSPACE ?? process.cwd())
    const { leases, waitedMs } = await takeDeployLocks(deps, session.keys, holder, settings, signal)
    saveLeases(leases)
    const heartbeat = startDetachedHeartbeat({
      tableName: settings.table,
      keyAttribute: settings.keyAttribute,
      region: session.region,
      leases,
      logDirectory: process.env.RUNNER_TEMP
    })
    core.saveState(State.HeartbeatPid, heartbeat.pid)
    core.saveState(State.HeartbeatLog, heartbeat.logFile)
    core.info(
      `A heartbeat (pid ${heartbeat.pid}) keeps the lease alive until this job's post step releases it.`
    )
    setLockOutputs(leases, waitedMs)
  } catch (error) {
    failStep(error)
  }
}
