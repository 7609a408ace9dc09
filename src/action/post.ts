import * as core from '@actions/core'
import { describeFailure } from '../aws/errors.js'
import { neutraliseForLog } from '../core/untrusted.js'
import { systemClock } from '../core/clock.js'
import { releaseAll } from '../core/guard.js'
import { parseLockSettings } from '../core/settings.js'
import { openLockSession } from '../runtime/session.js'
import { State } from './constants.js'
import { loadLeases, readInputs, runnerLog } from './runner.js'

/**
 * Post step of an action that holds locks: releases by owner token whatever main did not release (a killed or
 * cancelled main). It only warns, so a failed clean-up never fails the job; an unreleased lease expires by itself.
 */
export async function releaseLeftoverLeases(beforeRelease?: () => Promise<void>): Promise<void> {
  try {
    await beforeRelease?.()
    const leases = loadLeases()
    if (leases.length === 0 || core.getState(State.Released) === 'true') return
    const session = await openLockSession(parseLockSettings(readInputs()))
    await releaseAll({ table: session.table, clock: systemClock, log: runnerLog }, leases, 'unknown')
  } catch (error) {
    core.warning(
      neutraliseForLog(
        `${describeFailure(error, 'Releasing the lock')} It expires by itself after its lease.`
      )
    )
  }
}

export async function run(): Promise<void> {
  await releaseLeftoverLeases()
}
