import * as core from '@actions/core'
import { describeFailure } from '../aws/errors.js'
import { neutraliseForLog } from '../core/untrusted.js'
import { createCloudFormationClient, createCloudTrailClient } from '../aws/clients.js'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { diagnoseStack } from '../core/diagnose/index.js'
import type { Lease } from '../core/lock/index.js'
import { parseLockSettings } from '../core/settings.js'
import { stopDetachedHeartbeat } from '../runtime/heartbeat-process.js'
import { USER_AGENT } from '../runtime/session.js'
import { State } from './constants.js'
import { releaseLeftoverLeases } from './post.js'
import { publishReport } from './report.js'
import { loadLeases, readInputs } from './runner.js'

/**
 * Stops the lock step's heartbeat (showing anything it had to say), releases the lock, and — when a guarded stack's
 * latest operation failed while the lock was held — writes its diagnosis. It only warns: clean-up never fails a job.
 */
export async function run(): Promise<void> {
  const leases = loadLeases()
  await releaseLeftoverLeases(async () => {
    const pid = Number(core.getState(State.HeartbeatPid))
    const report = await stopDetachedHeartbeat(pid, core.getState(State.HeartbeatLog))
    for (const line of report.problems) core.warning(line)
  })
  if (leases.length > 0)
    await diagnoseGuardedStacks(leases).catch(error =>
      core.warning(neutraliseForLog(describeFailure(error, 'Diagnosing the guarded stacks')))
    )
}

async function diagnoseGuardedStacks(leases: Lease[]): Promise<void> {
  const settings = parseLockSettings(readInputs())
  const cfn = createCloudFormationClient({
    ...(settings.region ? { region: settings.region } : {}),
    userAgent: USER_AGENT
  })
  const region = await cfn.config.region()
  const trail = createCloudTrailClient({ region, userAgent: USER_AGENT })
  const heldSince = Math.min(...leases.map(lease => lease.acquiredAt))
  for (const stackName of settings.stacks) {
    const report = await diagnoseStack(
      { cfn, trail, evidence: lazyEvidenceReaders({ region, userAgent: USER_AGENT }), clock: systemClock },
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
