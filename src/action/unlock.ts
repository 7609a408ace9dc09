import * as core from '@actions/core'
import { systemClock } from '../core/clock.js'
import { InputError } from '../core/errors.js'
import { describeForcedDrain, describeHolder, unlock } from '../core/lock/index.js'
import { parseBoolean, parseLockSettings } from '../core/settings.js'
import { detectHolder } from '../runtime/identity.js'
import { openLockSession } from '../runtime/session.js'
import { Inputs, Outputs } from './constants.js'
import { failStep, readInputs, runnerLog } from './runner.js'

/** Releases a lock held by this run's identity, or anyone's with force + reason (recorded on the lock). */
export async function run(): Promise<void> {
  try {
    const settings = parseLockSettings(readInputs())
    const force = parseBoolean(core.getInput(Inputs.Force), 'force', false)
    if (force && !settings.reason) {
      throw new InputError(
        'reason: required with force: true. Say why the lock is being forced open; it is recorded on the lock.'
      )
    }
    const session = await openLockSession(settings)
    const requester = detectHolder(process.env, settings.reason)
    let released = 0
    for (const key of session.keys) {
      const result = await unlock(session.table, systemClock, {
        key,
        requester,
        howToForce: "set force: true and reason: 'why'",
        ...(force ? { force: { reason: settings.reason! } } : {})
      })
      if (result.outcome === 'cleared') {
        released++
        runnerLog.info(
          `Cleared malformed lock ${key} (${result.malformed.problems.join('; ')}): now released, fence ${result.record.fence}.`
        )
      } else if (result.outcome === 'released') {
        released++
        runnerLog.info(`Released lock ${key}, held by ${describeHolder(result.record.holder)}.`)
      } else if (result.outcome === 'draining') {
        released++
        runnerLog.info(describeForcedDrain(key, result.record))
      } else runnerLog.info(`Lock ${key} was not held.`)
    }
    core.setOutput(Outputs.Released, released)
  } catch (error) {
    failStep(error)
  }
}
