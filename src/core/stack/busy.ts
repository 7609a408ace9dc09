import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { DeployGuardError } from '../errors.js'
import { createPacer } from '../pacer.js'
import type { StackApi } from './api.js'
import { EventStream } from './event-stream.js'
import { isFailedStatus, type StackEvent } from './types.js'
import { watchStacks } from './watcher.js'

/** Another operation the run waited for before its deploy command. Times are epoch ms. */
export interface BusyWait {
  stackName: string
  stackId: string
  /** The status found when the lock was taken, e.g. UPDATE_IN_PROGRESS. */
  status: string
  startedAt?: number
  /** Who started it: CloudTrail's caller, else what its ClientRequestToken tells. */
  startedBy: string
  finalStatus?: string
  waitedMs: number
}

/** Someone else's operation was still running on a guarded stack when the wait-timeout ran out. */
export class BusyStackTimeoutError extends DeployGuardError {
  constructor(readonly wait: BusyWait) {
    super(
      `Stack ${wait.stackName} is still ${wait.finalStatus ?? wait.status} after waiting ${formatDuration(wait.waitedMs)} ` +
        `(wait-timeout) for the operation started by ${wait.startedBy}${at(wait.startedAt)}; the deploy command was not run. ` +
        'Let that operation finish (or cancel it: aws cloudformation cancel-update-stack for an update), then deploy again, ' +
        'or raise wait-timeout (CLI: --wait-timeout).'
    )
  }
}

/** Someone else's operation, running when the lock was taken, ended failed: the run stops with its diagnosis. */
export class BusyStackFailedError extends DeployGuardError {
  // Spelled out, not the class's own name: the edges match it by name (so they need not load this module), and a
  // minified bundle renames classes.
  override readonly name = 'BusyStackFailedError'

  constructor(readonly wait: BusyWait) {
    super(
      `Stack ${wait.stackName} was busy with someone else's operation (${wait.status}, started by ${wait.startedBy}` +
        `${at(wait.startedAt)}) when this run took the lock, and it ended ${wait.finalStatus}; the deploy command was ` +
        'not run. The diagnosis is of that operation, not of this run. Deploy again once the stack is sound.'
    )
  }
}

export interface BusyOptions {
  /** The lock's wait-timeout: the whole wait, for every stack together. */
  timeoutMs: number
  signal?: AbortSignal
  pollMinMs?: number
  pollMaxMs?: number
  protect?: boolean
  onEvent?: (event: StackEvent) => void
  onInfo?: (text: string) => void
  onNotice?: (text: string) => void
}

/**
 * Waits, before the deploy command runs, for every guarded stack that is in the middle of an operation (`*_IN_PROGRESS`
 * but REVIEW_IN_PROGRESS, which a new change set may replace): streams its events and names who started it — its first
 * event's ClientRequestToken and CloudTrail's caller. Throws BusyStackFailedError when it ends failed and
 * BusyStackTimeoutError when `timeoutMs` runs out; returns the waits otherwise (empty when no stack was busy).
 */
export async function waitForBusyStacks(
  deps: { cfn: CloudFormationClient; api: StackApi; clock: Clock; trail?: CloudTrailClient },
  stackNames: string[],
  options: BusyOptions
): Promise<BusyWait[]> {
  const { api, clock } = deps
  const started = clock.monotonic()
  const waits: BusyWait[] = []
  for (const stackName of stackNames) {
    const stack = await api.describeStack(stackName)
    if (!stack || !stack.status.endsWith('_IN_PROGRESS') || stack.status === 'REVIEW_IN_PROGRESS') continue
    const opening = (
      await new EventStream(api, stack.stackId, [], { currentOperation: true, maxPages: 5 }).poll()
    )[0]
    const startedBy = await nameStarter(deps, stack.stackId, stackName, opening)
    const wait: BusyWait = {
      stackName,
      stackId: stack.stackId,
      status: stack.status,
      ...(opening ? { startedAt: opening.timestamp } : {}),
      startedBy,
      waitedMs: 0
    }
    const remaining = Math.max(0, options.timeoutMs - (clock.monotonic() - started))
    options.onInfo?.(
      `${stackName} is ${stack.status}: an operation started by ${startedBy}${at(wait.startedAt)} is still running, ` +
        `and it is not this run's. Waiting up to ${formatDuration(remaining)} (wait-timeout) for it to finish before ` +
        'running the deploy command.'
    )
    const waitedFrom = clock.monotonic()
    const outcome = await watchStacks(
      { cfn: deps.cfn, clock },
      {
        stacks: [stackName],
        mode: 'follow-current',
        timeoutMs: remaining,
        // It may end between the two reads: then the watch's first look finds it finished, and must not wait for more.
        startTimeoutMs: 0,
        protect: options.protect === true,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.pollMinMs !== undefined ? { pollMinMs: options.pollMinMs } : {}),
        ...(options.pollMaxMs !== undefined ? { pollMaxMs: options.pollMaxMs } : {}),
        ...(options.onEvent ? { onEvent: options.onEvent } : {}),
        ...(options.onNotice ? { onNotice: options.onNotice } : {})
      }
    )
    const result = outcome.stacks[0]!
    wait.waitedMs = clock.monotonic() - waitedFrom
    if (result.finalStatus) wait.finalStatus = result.finalStatus
    if (outcome.cancelled)
      throw new DeployGuardError(
        `Cancelled while waiting for ${stackName} to finish someone else's operation.`
      )
    if (outcome.timedOut) throw new BusyStackTimeoutError(wait)
    const failed = result.notStarted !== undefined ? isFailedStatus(result.finalStatus ?? '') : result.failed
    if (failed) throw new BusyStackFailedError(wait)
    options.onInfo?.(
      `${stackName}: the other operation ended ${result.finalStatus} after ${formatDuration(wait.waitedMs)}; going on with this run's deploy.`
    )
    waits.push(wait)
  }
  return waits
}

/** The operation's starter, from CloudTrail when it has delivered the call, else from the operation's token. */
async function nameStarter(
  deps: { clock: Clock; trail?: CloudTrailClient },
  stackId: string,
  stackName: string,
  opening: StackEvent | undefined
): Promise<string> {
  const token = opening?.clientRequestToken
  const { describeStarter, lookupStackCalls, operationStarter } = await import('./trail.js')
  if (!deps.trail || !opening) return describeStarter(undefined, token)
  const { calls } = await lookupStackCalls(
    deps.trail,
    { stackId, stackName, start: opening.timestamp - 15 * 60_000, end: deps.clock.now() + 5 * 60_000 },
    createPacer(deps.clock, 2, 1)
  )
  return describeStarter(operationStarter(calls, opening.timestamp, token), token)
}

function at(time: number | undefined): string {
  return time === undefined ? '' : ` at ${new Date(time).toISOString()}`
}
