import * as core from '@actions/core'
import { debugRequested, describeFailure } from '../aws/errors.js'
import { DeployGuardError } from '../core/errors.js'
import type { Log } from '../core/log.js'
import type { Lease } from '../core/lock/index.js'
import type { ProtectionRestore, ProtectionResult, WatchOutcome } from '../core/stack/index.js'
import {
  LockNotGrantedError,
  LockWaitTimeoutError,
  LockFrozenError,
  describeHolder
} from '../core/lock/index.js'
import type { RawSettings } from '../core/settings.js'
import { neutraliseForLog } from '../core/untrusted.js'
import { annotate, setFailed } from './annotations.js'
import { LOCK_INPUTS, Outputs, State } from './constants.js'

/**
 * The core's log, on the runner: text is neutralised so nothing in it can become a workflow command; warnings and
 * errors are annotations within GitHub's per-step limit.
 */
export const runnerLog: Log = {
  info: message => core.info(neutraliseForLog(message)),
  warn: message => annotate('warning', message),
  error: message => annotate('error', message)
}

export function readInputs(names: readonly string[] = LOCK_INPUTS): RawSettings {
  return Object.fromEntries(names.map(name => [name, core.getInput(name)])) as RawSettings
}

export function saveLeases(leases: Lease[]): void {
  core.saveState(State.Leases, JSON.stringify(leases))
}

export function loadLeases(): Lease[] {
  const saved = core.getState(State.Leases)
  return saved ? (JSON.parse(saved) as Lease[]) : []
}

export function setLockOutputs(leases: Lease[], waitedMs: number): void {
  core.setOutput(Outputs.LockKey, leases.map(lease => lease.key).join('\n'))
  core.setOutput(Outputs.Fence, leases.map(lease => lease.fence).join('\n'))
  core.setOutput(Outputs.WaitedSeconds, Math.round(waitedMs / 1000))
  core.setOutput(Outputs.Holder, neutraliseForLog(leases[0]?.holder.identity ?? ''))
}

/**
 * Fails the step with the error's one clear message; a refused lock also names who holds it. An AWS or network
 * failure is one line (what `doing` was, what AWS said, what to check); its stack trace only with step debug
 * logging or DEPLOY_GUARD_DEBUG=1.
 */
export function failStep(
  error: unknown,
  doing = `deploy-guard ${process.env.GITHUB_ACTION ?? ''}`.trim()
): void {
  if (error instanceof LockWaitTimeoutError && error.holderRecord) {
    core.setOutput(Outputs.Holder, neutraliseForLog(describeHolder(error.holderRecord.holder)))
  }
  if (error instanceof LockFrozenError)
    core.setOutput(Outputs.Holder, neutraliseForLog(describeHolder(error.record.holder)))
  if (error instanceof DeployGuardError) {
    setFailed(neutraliseForLog(error.message))
    if (!(error instanceof LockNotGrantedError) && error.cause)
      core.debug(neutraliseForLog(String(error.cause)))
    return
  }
  setFailed(describeFailure(error, doing))
  if (debugRequested(process.env) && error instanceof Error && error.stack)
    for (const line of error.stack.split('\n')) core.info(neutraliseForLog(line))
}

/** `stack-status` and `stack-id`: the value for one stack, a JSON object by stack name for several. */
export function setWatchOutputs(
  outcome: WatchOutcome | undefined,
  protection: ProtectionResult[] = [],
  restores: ProtectionRestore[] = outcome?.stacks.flatMap(stack => stack.protectionRestored) ?? []
): void {
  const stacks = outcome?.stacks ?? []
  const perStack = (pick: (stack: WatchOutcome['stacks'][number]) => string) =>
    stacks.length === 1
      ? pick(stacks[0]!)
      : JSON.stringify(Object.fromEntries(stacks.map(stack => [stack.stackName, pick(stack)])))
  core.setOutput(
    Outputs.StackStatus,
    perStack(stack => (stack.statusUnknown ? 'UNKNOWN' : (stack.finalStatus ?? 'NOT_FOUND')))
  )
  core.setOutput(
    Outputs.StackId,
    perStack(stack => stack.stackId ?? '')
  )
  core.setOutput(Outputs.Failed, String(outcome?.failed ?? false))
  core.setOutput(Outputs.DurationSeconds, Math.round((outcome?.durationMs ?? 0) / 1000))
  const protectedNames = new Set([
    ...protection.filter(result => result.protected).map(result => result.stackName),
    ...stacks.filter(stack => stack.protected).map(stack => stack.stackName)
  ])
  core.setOutput(Outputs.ProtectedStacks, [...protectedNames].join('\n'))
  core.setOutput(
    Outputs.ProtectionRestored,
    restores.length ? JSON.stringify(restores.map(restoreOutput)) : ''
  )
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

function restoreOutput(restore: ProtectionRestore) {
  return {
    stack: restore.stackName,
    'turned-off-by': restore.turnedOffBy,
    'turned-off-at': iso(restore.turnedOffAt),
    'found-off-at': iso(restore.foundOffAt),
    'restored-at': iso(restore.restoredAt)
  }
}
