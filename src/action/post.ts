import * as core from '@actions/core'
import { describeFailure } from '../aws/errors.js'
import { systemClock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import { releaseAll } from '../core/guard.js'
import { parseLockSettings } from '../core/settings.js'
import { DEADLINES, exitAfter } from '../runtime/deadlines.js'
import { type CommandGroup, isSameGroup, stopGroup } from '../runtime/process-group.js'
import { openLockSession } from '../runtime/session.js'
import { State } from './constants.js'
import { loadLeases, readInputs, runnerLog } from './runner.js'

/**
 * Post step of an action that holds locks: stops a deploy command that a killed main left running, then releases by
 * owner token whatever main did not release. It only warns, so a failed clean-up never fails the job; an unreleased
 * lease expires by itself.
 */
export async function releaseLeftoverLeases(beforeRelease?: () => Promise<void>): Promise<void> {
  try {
    const leases = loadLeases()
    if (!(await stopLeftoverCommand()) && leases.length > 0) {
      core.warning(
        'deploy-guard did not release its lock: the deploy command it guarded is still running. The lease ends by itself.'
      )
      return
    }
    await beforeRelease?.()
    if (leases.length === 0 || core.getState(State.Released) === 'true') return
    const session = await openLockSession(parseLockSettings(readInputs()))
    await releaseAll({ table: session.table, clock: systemClock, log: runnerLog }, leases, 'unknown')
  } catch (error) {
    runnerLog.warn(`${describeFailure(error, 'Releasing the lock')} It expires by itself after its lease.`)
  }
}

/**
 * Main records the command's process group while it runs and clears it when it ends: a group still recorded means
 * main was killed while the command ran (a runner that killed the step, an OOM kill). The command must not outlive
 * the lock, so it is stopped before the release. False when it could not be stopped.
 */
async function stopLeftoverCommand(): Promise<boolean> {
  const saved = core.getState(State.CommandGroup)
  if (!saved) return true
  const group = JSON.parse(saved) as CommandGroup
  if (!isSameGroup(group)) return true
  core.warning(
    `The deploy command (process group ${group.pgid}) was still running after the main step ended: it was killed or ` +
      `cancelled before the command finished. Stopping it (SIGTERM, SIGKILL after ${formatDuration(DEADLINES.leftoverGraceMs)}) before releasing the lock.`
  )
  const stopped = await stopGroup(group.pgid, DEADLINES.leftoverGraceMs)
  if (!stopped) core.warning(`Process group ${group.pgid} did not stop even after SIGKILL.`)
  return stopped
}

export async function run(): Promise<void> {
  exitAfter(DEADLINES.postMs, 0, () =>
    core.warning(
      `deploy-guard's post step gave up after ${formatDuration(DEADLINES.postMs)}: DynamoDB did not answer. ` +
        'The lock expires by itself after its lease.'
    )
  )
  await releaseLeftoverLeases()
}
