import * as core from '@actions/core'
import { describeFailure } from '../aws/errors.js'
import { systemClock } from '../core/clock.js'
import type { Lease } from '../core/lock/index.js'
import { parseLockSettings } from '../core/settings.js'
import { stopDetachedHeartbeat } from '../runtime/heartbeat-process.js'
import { formatDuration } from '../core/duration.js'
import { cancellationSignal } from '../runtime/command.js'
import { deadlineSignal, DEADLINES, exitAfter } from '../runtime/deadlines.js'
import { USER_AGENT } from '../runtime/session.js'
import { State } from './constants.js'
import { releaseLeftoverLeases } from './post.js'
import { setFailed } from './annotations.js'
import { loadLeases, readInputs, runnerLog } from './runner.js'

/**
 * Stops the lock step's heartbeat (showing anything it had to say), releases the lock, and — when a guarded stack's
 * latest operation failed while the lock was held — writes its diagnosis. Clean-up problems only warn, but a lock the
 * heartbeat lost between steps fails this step with the reason (issue 13 §2).
 */
export async function run(): Promise<void> {
  exitAfter(DEADLINES.lockPostMs, 0, () =>
    core.warning(
      `deploy-guard's post step gave up after ${formatDuration(DEADLINES.lockPostMs)}: AWS did not answer in time. ` +
        'An unreleased lock expires by itself after its lease.'
    )
  )
  const leases = loadLeases()
  const lost: string[] = []
  await releaseLeftoverLeases(async () => {
    const pid = Number(core.getState(State.HeartbeatPid))
    const report = await stopDetachedHeartbeat(pid, core.getState(State.HeartbeatLog))
    for (const line of report.problems) runnerLog.warn(line)
    lost.push(...report.lost)
  })
  // The one failure post does not swallow: the steps after the lock step may have deployed without the lock.
  if (lost.length > 0)
    setFailed(
      `The lock was lost between steps, so the steps after the lock step may have run without it: ${lost.join(' ')}`
    )
  // A lock-only step (lock-key, no stack-name) has nothing to diagnose and calls no CloudFormation API.
  if (leases.length > 0 && parseLockSettings(readInputs()).stacks.length > 0)
    await diagnoseGuardedStacks(leases).catch(error =>
      runnerLog.warn(describeFailure(error, 'Diagnosing the guarded stacks'))
    )
}

async function diagnoseGuardedStacks(leases: Lease[]): Promise<void> {
  const {
    createCloudFormationClient,
    createCloudTrailClient,
    diagnoseStack,
    lazyEvidenceReaders,
    publishReport
  } = await import('./after-lock.js')
  const settings = parseLockSettings(readInputs())
  // The lock is released by now: the diagnosis ends at its deadline, or at once when the job is cancelled.
  const signal = deadlineSignal(DEADLINES.diagnoseMs, cancellationSignal())
  const cfn = createCloudFormationClient({
    ...(settings.region ? { region: settings.region } : {}),
    userAgent: USER_AGENT,
    signal
  })
  const region = await cfn.config.region()
  const trail = createCloudTrailClient({ region, userAgent: USER_AGENT, signal })
  const heldSince = Math.min(...leases.map(lease => lease.acquiredAt))
  for (const stackName of settings.stacks) {
    const report = await diagnoseStack(
      {
        cfn,
        trail,
        evidence: lazyEvidenceReaders({ region, userAgent: USER_AGENT, signal }),
        clock: systemClock
      },
      {
        stackName,
        region,
        // Only an operation still running under this job's lock (a minute of slack for clock skew).
        activeSinceMs: heldSince - 60_000,
        heldWindow: { start: heldSince, end: systemClock.now() },
        onlyIfFailed: true,
        lock: {
          keys: leases.map(lease => lease.key),
          fences: leases.map(lease => lease.fence),
          waitedSeconds: Math.round(Math.max(...leases.map(lease => lease.waitedMs)) / 1000),
          heldSeconds: Math.round((systemClock.now() - heldSince) / 1000)
        }
      }
    ).catch(() => undefined)
    if (report) await publishReport(report)
  }
}
