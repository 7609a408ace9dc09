import * as core from '@actions/core'
import { stopDetachedHeartbeat } from '../runtime/heartbeat-process.js'
import { State } from './constants.js'
import { releaseLeftoverLeases } from './post.js'

/** Stops the lock step's heartbeat (showing anything it had to say), then releases the lock. */
export async function run(): Promise<void> {
  await releaseLeftoverLeases(async () => {
    const pid = Number(core.getState(State.HeartbeatPid))
    const report = await stopDetachedHeartbeat(pid, core.getState(State.HeartbeatLog))
    for (const line of report.problems) core.warning(line)
  })
}
