import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { awsErrorMessage, isAborted, isTransient } from '../../aws/errors.js'
import { fullJitterBackoff, type Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { createPacer } from '../pacer.js'
import { StackApi } from './api.js'
import { isOperationStart, isStackLevelEvent } from './convert.js'
import { currentOperationIds, EventStream } from './event-stream.js'
import { type ProtectionRestore, ProtectionKeeper } from './protection-keeper.js'
import {
  isFailedStatus,
  isTerminalStatus,
  NESTED_STACK_TYPE,
  type StackEvent,
  type StackSummary
} from './types.js'

export type WatchMode = 'follow-current' | 'new-operation'

/** How far AWS's clock and this host's may disagree when telling a stack this deploy created from an older one. */
const CLOCK_SKEW_MS = 5 * 60_000

export interface WatchOptions {
  stacks: string[]
  /**
   * `follow-current`: a deployment started elsewhere — start at the stack's current operation.
   * `new-operation`: run mode — the command starts a new operation; what happened before is ignored, and a terminal
   * status counts only once a new operation has begun (or the command ended without starting one).
   */
  mode: WatchMode
  /**
   * Keep termination protection on: for a stack that appears during the watch, for one found unprotected at the start
   * (follow-current), and again whenever a read shows it was turned off (a deploy tool matching its app's setting).
   */
  protect?: boolean
  /** Stacks the caller already protected before the watch: found off later, someone turned it off. */
  protectedAtStart?: string[]
  timeoutMs?: number
  /**
   * follow-current: how long to wait for an operation to start when the stack's last one finished before the watch
   * began, the stack does not exist yet, or its change set is not executed (REVIEW_IN_PROGRESS). Undefined: no bound
   * but `timeoutMs`.
   */
  startTimeoutMs?: number
  /** Cancellation (the job was cancelled): stop at once. */
  signal?: AbortSignal
  /** The deploy command ended: poll once more, then report the stacks as they are. */
  commandDone?: AbortSignal
  /** Poll interval while events flow, and the ceiling it grows to when quiet. */
  pollMinMs?: number
  pollMaxMs?: number
  /** One request budget for everything this watch calls, however many stacks and nested stacks. */
  requestsPerSecond?: number
  onEvent?: (event: StackEvent) => void
  onStackStatus?: (stackName: string, status: string) => void
  /** `appeared`: the stack did not exist when the watch began (otherwise it was found unprotected at the start). */
  onProtected?: (stackName: string, stackId: string, appeared: boolean) => void
  /** Protection was found off after it had been on, and turned back on. */
  onProtectionRestored?: (restore: ProtectionRestore) => void
  /** A new operation (create, update, delete, import) began on a watched root stack. */
  onOperationStart?: (stackName: string, event: StackEvent) => void
  /** Progress worth a line of its own (waiting for an operation to start). */
  onInfo?: (text: string) => void
  onNotice?: (text: string) => void
}

export interface InProgressResource {
  logicalResourceId: string
  resourceType: string
  nestedPath: string[]
  since: number
  forMs: number
}

export interface StackOutcome {
  stackName: string
  stackId?: string
  finalStatus?: string
  /** A new operation ran during the watch (run mode), or the watched one was followed (watch mode). */
  changed: boolean
  failed: boolean
  protected: boolean
  /** Times protection was found off and turned back on during the watch. */
  protectionRestored: ProtectionRestore[]
  /**
   * follow-current: no operation started within the start timeout; why (not created, last operation finished before
   * the watch, a change set nobody executed).
   */
  notStarted?: string
  /** Resources still in progress when the watch stopped, and for how long (the "RDS for 27 minutes" case). */
  inProgress: InProgressResource[]
  /**
   * CloudFormation could not be read when the watch ended (unreachable, timing out, throttling): the stack's status
   * is unknown — `finalStatus`, if any, is only the last one seen — never "not found".
   */
  statusUnknown: boolean
  events: StackEvent[]
}

export interface WatchOutcome {
  stacks: StackOutcome[]
  durationMs: number
  failed: boolean
  timedOut: boolean
  /** A stack saw no operation start within `startTimeoutMs` (follow-current). */
  startTimedOut: boolean
  cancelled: boolean
  /** CloudFormation calls made, per action (for the benchmark). */
  calls: Record<string, number>
  /** Why the last reads failed, when the watch ended without reaching CloudFormation. */
  unreachable?: string
}

interface Tracked {
  name: string
  /** Described once: a stack found then existed before the watch began. */
  looked: boolean
  summary?: StackSummary
  status?: string
  streams: EventStream[]
  finishedStreams: Set<string>
  changed: boolean
  terminal: boolean
  /** follow-current: an operation (other than a change set under review) is being followed. */
  started: boolean
  /** Why the watch is waiting for an operation to start; said once. */
  waitingFor?: string
  notStarted?: string
  /** A root operation started during this poll: re-read the stack (protection) once the events are recorded. */
  recheck: boolean
  protected: boolean
  inProgress: Map<string, Omit<InProgressResource, 'forMs'>>
  events: StackEvent[]
}

/** Watches stacks until every one is terminal, the command ends, the timeout passes or the job is cancelled. */
export async function watchStacks(
  deps: { cfn: CloudFormationClient; clock: Clock; random?: () => number },
  options: WatchOptions
): Promise<WatchOutcome> {
  const { clock } = deps
  const random = deps.random ?? Math.random
  const api = new StackApi(deps.cfn, createPacer(clock, options.requestsPerSecond ?? 5))
  const pollMin = options.pollMinMs ?? 3_000
  const pollMax = options.pollMaxMs ?? 30_000
  const started = clock.monotonic()
  const startedAtWall = clock.now()
  const wake = anySignal([options.signal, options.commandDone])
  const keeper = new ProtectionKeeper(api, clock, {
    enabled: options.protect === true,
    protectedAtStart: options.protectedAtStart ?? [],
    ...(options.onProtected ? { onProtected: options.onProtected } : {}),
    ...(options.onProtectionRestored ? { onRestored: options.onProtectionRestored } : {}),
    ...(options.onNotice ? { onNotice: options.onNotice } : {})
  })
  const tracked: Tracked[] = []
  for (const name of options.stacks)
    tracked.push({
      name,
      looked: false,
      streams: [],
      finishedStreams: new Set(),
      changed: false,
      terminal: false,
      started: options.mode === 'new-operation',
      recheck: false,
      protected: false,
      inProgress: new Map(),
      events: []
    })

  let interval = pollMin
  let failures = 0
  let lastPoll = false
  let timedOut = false
  let lastFailure: string | undefined
  for (;;) {
    if (options.signal?.aborted) break
    let fresh = 0
    try {
      for (const stack of tracked.filter(candidate => !candidate.terminal))
        fresh += await pollStack(api, keeper, stack, options, startedAtWall)
      failures = 0
      lastFailure = undefined
    } catch (error) {
      // A poll in flight when the run is cancelled is aborted by that cancellation: CloudFormation answered every poll
      // before it, so the stacks are reported as last read, not as unreadable.
      if (options.signal?.aborted && isAborted(error)) break
      // An aborted request is the caller's deadline: the checks below end the watch.
      if (!isTransient(error) && !isAborted(error)) throw error
      failures++
      lastFailure = awsErrorMessage(error)
      options.onNotice?.(
        `CloudFormation did not answer (${lastFailure}) after ${formatDuration(clock.monotonic() - started)} ` +
          `of watching ${tracked
            .filter(stack => !stack.terminal)
            .map(stack => stack.name)
            .join(', ')}; backing off before the next poll.`
      )
    }
    if (tracked.every(stack => stack.terminal) || lastPoll) break
    if (options.commandDone?.aborted) {
      lastPoll = true
      continue
    }
    if (
      options.startTimeoutMs !== undefined &&
      clock.monotonic() - started >= options.startTimeoutMs &&
      tracked.some(stack => !stack.started)
    ) {
      for (const stack of tracked.filter(candidate => !candidate.started)) {
        stack.notStarted = stack.waitingFor ?? 'no operation started'
        stack.terminal = true
      }
      if (tracked.every(stack => stack.terminal)) break
    }
    if (options.timeoutMs !== undefined && clock.monotonic() - started >= options.timeoutMs) {
      timedOut = true
      break
    }
    interval =
      failures > 0
        ? Math.max(pollMin, fullJitterBackoff(failures, pollMin, 60_000, random))
        : fresh > 0
          ? pollMin
          : Math.min(pollMax, interval * 1.5)
    // ±20 % jitter so many watchers started together do not poll in step; never sleeping past the timeout.
    const untilTimeout = (options.timeoutMs ?? Infinity) - (clock.monotonic() - started)
    await clock.sleep(Math.min(interval * (0.8 + random() * 0.4), untilTimeout), wake)
  }

  // The final read: the status a terminal stack settled in, and — when protecting — whether the deploy tool left
  // protection on (a no-change `cdk deploy` turns it off without starting an operation).
  for (const stack of tracked.filter(
    candidate => candidate.summary && (candidate.terminal || options.protect)
  )) {
    const final = await api.describeStack(stack.summary!.stackId).catch(() => undefined)
    if (!final) continue
    if (stack.terminal && !stack.notStarted) stack.status = final.status
    stack.protected = await keeper.check(stack.name, final).catch((error: unknown) => {
      options.onNotice?.(
        `Could not turn termination protection back on for ${stack.name}: ${awsErrorMessage(error)}`
      )
      return false
    })
  }
  const now = clock.now()
  const stacks = tracked.map(stack => outcomeOf(stack, keeper, now, failures > 0))
  return {
    stacks,
    durationMs: clock.monotonic() - started,
    failed: stacks.some(stack => stack.failed),
    timedOut,
    startTimedOut: stacks.some(stack => stack.notStarted !== undefined),
    cancelled: options.signal?.aborted === true,
    calls: { ...api.calls },
    ...(lastFailure !== undefined ? { unreachable: lastFailure } : {})
  }
}

/** One poll of one stack and its nested stacks; returns how many new events it saw. */
async function pollStack(
  api: StackApi,
  keeper: ProtectionKeeper,
  stack: Tracked,
  options: WatchOptions,
  startedAtWall: number
): Promise<number> {
  if (!stack.summary) {
    const appeared = await api.describeStack(stack.name)
    const atStart = !stack.looked
    stack.looked = true
    if (!appeared || appeared.status === 'DELETE_COMPLETE') {
      waitFor(stack, options, 'it to be created (it does not exist yet)')
      return 0
    }
    // Before the stack counts as seen, so a throttled attempt is retried on the next poll.
    stack.protected = await keeper.check(stack.name, appeared, !atStart)
    // What a stack did before the watch is history, never the operation watched: in run mode everything before the
    // command; in follow-current mode an operation that had already finished. A stack that appears later is normally
    // the deploy's own, so its current operation is read from its first event, unless it is already finished and
    // older than the watch.
    const finished = isTerminalStatus(appeared.status)
    const history = atStart
      ? options.mode === 'new-operation' || finished
      : finished && (appeared.creationTime ?? 0) < startedAtWall - CLOCK_SKEW_MS
    const newest = history ? await EventStream.newestEvent(api, appeared.stackId) : undefined
    stack.streams.push(
      new EventStream(
        api,
        appeared.stackId,
        [],
        history
          ? newest
            ? { afterEventId: newest.eventId }
            : {}
          : {
              currentOperation: true,
              operation: { stackName: appeared.stackName, ids: currentOperationIds(appeared) }
            }
      )
    )
    stack.changed = !history
    stack.summary = appeared
    stack.status = appeared.status
    if (options.mode === 'follow-current') {
      if (appeared.status === 'REVIEW_IN_PROGRESS') {
        waitFor(
          stack,
          options,
          'its change set to be executed: the stack is REVIEW_IN_PROGRESS, a change set was created and nobody has executed it yet'
        )
      } else if (history) {
        const when = newest ? ` at ${new Date(newest.timestamp).toISOString()}` : ''
        waitFor(
          stack,
          options,
          `the next operation to start: its last one ended ${appeared.status}${when}, before the watch began`
        )
      } else stack.started = true
    }
  }
  const fresh: StackEvent[] = []
  let failure: unknown
  for (const stream of stack.streams.filter(stream => !stack.finishedStreams.has(stream.stackId))) {
    try {
      fresh.push(...(await stream.poll()))
    } catch (error) {
      // Streams already read have moved past their events: record them before the caller backs off, or they are lost.
      failure = error
      break
    }
  }
  fresh.sort((a, b) => a.timestamp - b.timestamp)
  for (const event of fresh) record(api, stack, event, options)
  if (failure !== undefined) throw failure
  if (stack.recheck && options.protect) {
    // A deploy tool sets protection just before it starts its operation (cdk deploy matches the app's
    // `terminationProtection`, default false): the operation's first event is the moment to look, at no idle cost.
    const current = await api.describeStack(stack.summary!.stackId)
    if (current) stack.protected = await keeper.check(stack.name, current)
  }
  stack.recheck = false
  return fresh.length
}

/** Says once what a follow-current watch is waiting for, and for how long. */
function waitFor(stack: Tracked, options: WatchOptions, what: string): void {
  if (options.mode !== 'follow-current' || stack.waitingFor !== undefined) return
  stack.waitingFor = what
  const bound = options.startTimeoutMs !== undefined ? ` up to ${formatDuration(options.startTimeoutMs)}` : ''
  options.onInfo?.(`${stack.name}: waiting${bound} for ${what}.`)
}

function record(api: StackApi, stack: Tracked, event: StackEvent, options: WatchOptions): void {
  stack.events.push(event)
  options.onEvent?.(event)
  if (isStackLevelEvent(event)) {
    if (event.stackId === stack.summary?.stackId) {
      if (isOperationStart(event) && event.resourceStatus !== 'REVIEW_IN_PROGRESS') {
        stack.started = true
        stack.recheck = true
        options.onOperationStart?.(stack.name, event)
      }
      stack.status = event.resourceStatus
      stack.changed = true
      options.onStackStatus?.(stack.name, event.resourceStatus)
      if (isTerminalStatus(event.resourceStatus)) stack.terminal = true
    } else if (isTerminalStatus(event.resourceStatus)) {
      stack.finishedStreams.add(event.stackId)
    }
    return
  }
  const key = [...event.nestedPath, event.logicalResourceId].join('/')
  if (event.resourceStatus.endsWith('_IN_PROGRESS')) {
    stack.inProgress.set(key, {
      logicalResourceId: event.logicalResourceId,
      resourceType: event.resourceType,
      nestedPath: event.nestedPath,
      since: event.timestamp
    })
  } else {
    stack.inProgress.delete(key)
  }
  const childId = event.physicalResourceId
  if (
    event.resourceType !== NESTED_STACK_TYPE ||
    !childId?.startsWith('arn:') ||
    !event.resourceStatus.endsWith('_IN_PROGRESS')
  )
    return
  if (stack.streams.some(stream => stream.stackId === childId)) {
    // The parent touches a finished child again (its rollback, say): follow it again from where it stopped.
    stack.finishedStreams.delete(childId)
  } else {
    stack.streams.push(
      new EventStream(api, childId, [...event.nestedPath, event.logicalResourceId], {
        sinceMs: event.timestamp
      })
    )
  }
}

function outcomeOf(stack: Tracked, keeper: ProtectionKeeper, now: number, unreadable: boolean): StackOutcome {
  const finalStatus = stack.status
  return {
    stackName: stack.name,
    ...(stack.summary ? { stackId: stack.summary.stackId } : {}),
    ...(finalStatus ? { finalStatus } : {}),
    changed: stack.changed,
    // Only an operation this watch followed can fail it: an old failed one never does.
    failed: finalStatus !== undefined && stack.changed && isFailedStatus(finalStatus),
    protected: stack.protected,
    statusUnknown: !stack.terminal && (unreadable || !stack.looked),
    protectionRestored: keeper.restoresOf(stack.name),
    ...(stack.notStarted !== undefined ? { notStarted: stack.notStarted } : {}),
    inProgress: [...stack.inProgress.values()].map(resource => ({
      ...resource,
      forMs: now - resource.since
    })),
    events: stack.events
  }
}

function anySignal(signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined)
  return present.length > 1 ? AbortSignal.any(present) : present[0]
}
