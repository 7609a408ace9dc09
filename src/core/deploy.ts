import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { ResourceMonitor, type Evidence, type EvidenceReaders } from './evidence/index.js'
import type { Log } from './log.js'
import { superviseSettledCommand } from './settled-command.js'
import type { WatchSettings } from './settings.js'
import { createPacer } from './pacer.js'
import {
  type BusyWait,
  FailedCreateError,
  formatEventLine,
  type ProtectionRestore,
  type ProtectionResult,
  protectStacks,
  replaceFailedCreate,
  describeResource,
  type ReplacedStack,
  StackApi,
  type StackEvent,
  waitForBusyStacks,
  type WatchOutcome,
  type WatchMode,
  watchStacks
} from './stack/index.js'

export interface WatchDeps {
  cfn: CloudFormationClient
  clock: Clock
  log: Log
  /** ECS, RDS and Logs readers: slow resources explain themselves and failed ones are looked into at once. */
  evidence?: { readers: EvidenceReaders; region: string }
  /**
   * CloudTrail, to name who turned protection off and who started an operation that is not this run's. Read only
   * when that happens; without it the report says what timing and request tokens tell.
   */
  trail?: CloudTrailClient
}

export interface DeployOptions {
  /** The deploy command as written: tells which tool turned protection off (`cdk deploy`). */
  commandLine?: string
  /** How long a stack busy with another operation is waited for before the command runs (the lock's wait-timeout). */
  busyTimeoutMs?: number
}

/** An operation on a guarded stack, while this run held its lock, that was not this run's deploy. */
export interface ForeignOperation {
  stackName: string
  /** Its opening status, e.g. UPDATE_IN_PROGRESS; `startedAt` is its first event's time (epoch ms). */
  status: string
  startedAt: number
  why: string
  startedBy?: string
}

export interface WatchedDeploy {
  exitCode: number
  protection: ProtectionResult[]
  /** Stacks whose failed first create was recorded and deleted before the deploy (replace-failed-create). */
  replaced: (ReplacedStack & { stackName: string })[]
  watch?: WatchOutcome
  /** Why the stacks could not be watched (a missing permission …): the deploy itself went on. */
  watchError?: string
  failed: boolean
  /** Evidence captured the moment a resource failed, for the report. */
  evidence: Evidence[]
  /** The command was stopped after every guarded stack settled (stop-after-stack-settles). */
  stoppedAfterSettle: boolean
  /** Stacks busy with someone else's operation when the lock was taken, waited for before the command. */
  waitedFor: BusyWait[]
  /** Protection the deploy tool (or someone) turned off during the run, and who, when CloudTrail says. */
  protectionRestored: ProtectionRestore[]
  foreignOperations: ForeignOperation[]
}

/**
 * Protects the stacks, then runs the deploy command while watching them, streaming every new event. The step fails
 * when the command fails or any stack ends failed or rolled back. Watching is evidence, not the deploy: a watch that
 * breaks is reported and the command still runs to its end.
 */
export async function deployWatched(
  deps: WatchDeps,
  settings: WatchSettings,
  runCommand: (stop: AbortSignal) => Promise<number>,
  signal?: AbortSignal,
  options: DeployOptions = {}
): Promise<WatchedDeploy> {
  const api = new StackApi(deps.cfn)
  const waitedFor = await waitForBusyStacks({ ...deps, api }, settings.stacks, {
    timeoutMs: options.busyTimeoutMs ?? 30 * 60_000,
    protect: settings.terminationProtection,
    pollMinMs: settings.pollMinMs,
    pollMaxMs: settings.pollMaxMs,
    ...(signal ? { signal } : {}),
    onEvent: event => deps.log.info(formatEventLine(event)),
    onInfo: deps.log.info,
    onNotice: deps.log.warn
  })
  const replaced: WatchedDeploy['replaced'] = []
  const protection = await protectStacks(
    api,
    settings.stacks,
    async failed => {
      if (!settings.replaceFailedCreate) {
        if (settings.terminationProtection) throw new FailedCreateError(failed)
        return deps.log.warn(
          `Stack ${failed.stackName} is in ROLLBACK_COMPLETE; the deploy tool will have to delete it first.`
        )
      }
      replaced.push({
        stackName: failed.stackName,
        ...(await replaceFailedCreate(api, deps.clock, failed, { onNotice: deps.log.info }))
      })
    },
    settings.terminationProtection
  )
  for (const result of protection.filter(result => result.protected && !result.alreadyProtected)) {
    deps.log.info(`Termination protection enabled on ${result.stackName}.`)
  }
  const commandDone = new AbortController()
  const monitored = monitorResources(deps, settings)
  const attribution = new OperationAttribution(deps, deps.clock.now())
  let restoresSaid = 0
  const watching = watchStacks(
    { cfn: deps.cfn, clock: deps.clock },
    watchOptions(deps, settings, 'new-operation', monitored.monitor, {
      commandDone: commandDone.signal,
      ...(signal ? { signal } : {}),
      protectedAtStart: protection.filter(result => result.protected).map(result => result.stackName),
      onProtectionRestored: restore =>
        restoresSaid++ === 0
          ? deps.log.warn(protectionTurnedOff(restore, options.commandLine))
          : deps.log.info(`Termination protection on ${restore.stackName} was off again; turned it back on.`),
      onOperationStart: (stackName, event) => attribution.seen(stackName, event, commandDone.signal.aborted)
    })
  ).then(
    watch => ({ watch }),
    (error: unknown) => ({ watchError: error instanceof Error ? error.message : String(error) })
  )
  const stop = new AbortController()
  const command = runCommand(stop.signal).finally(() => commandDone.abort())
  // The watch ends early only when every guarded stack reached a final state while the command still runs.
  const settled = watching.then(watched =>
    'watch' in watched && !commandDone.signal.aborted && !signal?.aborted
      ? superviseSettledCommand({
          clock: deps.clock,
          log: deps.log,
          stacks: settings.stacks,
          graceMs: settings.commandGraceMs,
          stop: settings.stopAfterStackSettles,
          commandDone: commandDone.signal,
          stopCommand: () => stop.abort(new Error('stop-after-stack-settles'))
        })
      : false
  )
  // A command that could not even run still stops the watch and the monitor, so the guard exits.
  const exitCode = await command.catch(async (error: unknown) => {
    await Promise.all([watching, monitored.stop()])
    throw error
  })
  const watched = await watching
  const evidence = await monitored.stop()
  const stoppedAfterSettle = await settled
  if ('watchError' in watched) deps.log.warn(`Could not watch the stacks: ${watched.watchError}`)
  else reportOutcome(deps.log, watched.watch)
  const stacks = 'watch' in watched ? watched.watch.stacks : []
  const restores = stacks.flatMap(stack => stack.protectionRestored)
  // The first event each stack showed this run, in CloudFormation's own time, bounds the CloudTrail lookup too.
  const firstEventAt = new Map(
    stacks.flatMap(stack => (stack.events[0] ? [[stack.stackName, stack.events[0].timestamp] as const] : []))
  )
  const protectionRestored = await attributeRestores(deps, restores, firstEventAt)
  const foreignOperations = await attribution.settled()
  const failed = exitCode !== 0 || ('watch' in watched && watched.watch.failed)
  return {
    exitCode,
    protection,
    replaced,
    ...watched,
    failed,
    evidence,
    stoppedAfterSettle,
    waitedFor,
    protectionRestored,
    foreignOperations
  }
}

/** The one plain message about a round trip of protection, with the fix. */
export function protectionTurnedOff(restore: ProtectionRestore, commandLine?: string): string {
  if (commandLine && /\bcdk\b/i.test(commandLine))
    return (
      `cdk deploy turned termination protection off for ${restore.stackName} because the app does not set ` +
      '`terminationProtection: true`; deploy-guard turned it back on. Set it in the app to stop the round trip.'
    )
  return (
    `Termination protection on ${restore.stackName} was turned off while the deploy ran; deploy-guard turned it back ` +
    "on. If your deploy tool manages protection (cdk deploy sets it to the stack's `terminationProtection`, default " +
    'false), enable it there to stop the round trip.'
  )
}

/**
 * Who turned protection off and when, from CloudTrail (one lookup per stack, only when it happened). The lookup window
 * opens two hours before the earlier of the restore (this machine's clock) and the stack's first event of this run
 * (`firstEventAt`, epoch ms in AWS's clock), so a clock that disagrees with AWS's cannot hide the call.
 */
async function attributeRestores(
  deps: WatchDeps,
  restores: ProtectionRestore[],
  firstEventAt: Map<string, number>
): Promise<ProtectionRestore[]> {
  if (!deps.trail || restores.length === 0) return restores
  const { attributeProtectionChanges, lookupStackCalls } = await import('./stack/trail.js')
  const pace = createPacer(deps.clock, 2, 1)
  const named: ProtectionRestore[] = []
  for (const stackName of [...new Set(restores.map(restore => restore.stackName))]) {
    const own = restores.filter(restore => restore.stackName === stackName)
    const start = Math.min(
      ...own.map(restore => restore.lastKnownOnAt ?? restore.foundOffAt),
      firstEventAt.get(stackName) ?? Infinity
    )
    const { calls, caveat } = await lookupStackCalls(
      deps.trail,
      {
        stackId: own[0]!.stackId,
        stackName,
        start: start - 2 * 3_600_000,
        end: deps.clock.now() + 5 * 60_000
      },
      pace
    )
    const attributed = attributeProtectionChanges(own, calls)
    for (const restore of attributed) {
      if (restore.turnedOffBy)
        deps.log.info(
          `${stackName}: termination protection was turned off by ${restore.turnedOffBy} at ` +
            `${new Date(restore.turnedOffAt!).toISOString()} (CloudTrail), and back on by deploy-guard at ` +
            `${new Date(restore.restoredAt).toISOString()}.`
        )
      else if (caveat)
        deps.log.info(`${stackName}: who turned termination protection off is not known: ${caveat}`)
    }
    named.push(...attributed)
  }
  return named
}

/**
 * Tells this run's operations from others' while it holds the lock. deploy-guard passes nothing to the deploy tool,
 * so it judges by timing — the first operation on a stack while the command runs is taken as the command's, unless
 * its ClientRequestToken says the AWS console started it — and by the caller CloudTrail names: any further operation,
 * or one after the command ended, is flagged the moment it is seen. A further operation started by the same principal
 * as the command's first one is taken as the command's too (said, not flagged).
 */
class OperationAttribution {
  private readonly first = new Map<string, StackEvent>()
  private readonly foreign: ForeignOperation[] = []
  private readonly pending: Promise<void>[] = []
  private readonly pace: () => Promise<void>

  constructor(
    private readonly deps: WatchDeps,
    private readonly commandStartedAt: number
  ) {
    this.pace = createPacer(deps.clock, 2, 1)
  }

  seen(stackName: string, event: StackEvent, commandEnded: boolean): void {
    const own = this.first.get(stackName)
    const token = event.clientRequestToken
    // The console tags what it starts `Console-<Action>-<uuid>`; CDK tags its ExecuteChangeSet `exec<uuid>`.
    const fromConsole = token?.startsWith('Console-') === true
    if (!own && !commandEnded && !fromConsole) {
      this.first.set(stackName, event)
      return
    }
    const why = commandEnded
      ? 'it started after the deploy command had ended'
      : fromConsole
        ? `it was started from the AWS console (client request token ${token}), not by the deploy command`
        : `it is a second operation while the deploy command ran (the first, ${own!.resourceStatus}, started at ${new Date(own!.timestamp).toISOString()})`
    const operation: ForeignOperation = {
      stackName,
      status: event.resourceStatus,
      startedAt: event.timestamp,
      why
    }
    this.foreign.push(operation)
    this.pending.push(this.name(operation, event, !commandEnded && !fromConsole ? own : undefined))
  }

  /** Every flagged operation, named as far as CloudTrail allowed. */
  async settled(): Promise<ForeignOperation[]> {
    await Promise.all(this.pending)
    return this.foreign
  }

  /** Names the operation's starter; `own` (the command's first operation) when it may still be the command's. */
  private async name(
    operation: ForeignOperation,
    event: StackEvent,
    own: StackEvent | undefined
  ): Promise<void> {
    const { describeStarter, lookupStackCalls, operationStarter } = await import('./stack/trail.js')
    const token = event.clientRequestToken
    const { calls } = this.deps.trail
      ? await lookupStackCalls(
          this.deps.trail,
          {
            stackId: event.stackId,
            stackName: operation.stackName,
            start: Math.min(this.commandStartedAt, event.timestamp) - 15 * 60_000,
            end: this.deps.clock.now() + 5 * 60_000
          },
          this.pace
        )
      : { calls: [] }
    const starter = operationStarter(calls, event.timestamp, token)
    const ours = own ? operationStarter(calls, own.timestamp, own.clientRequestToken) : undefined
    operation.startedBy = describeStarter(starter, token)
    if (starter && ours && starter.principal === ours.principal) {
      this.foreign.splice(this.foreign.indexOf(operation), 1)
      this.deps.log.info(
        `${operation.stackName}: another operation (${operation.status}) started by the same principal as this run's deploy (${starter.principal}).`
      )
      return
    }
    this.deps.log.warn(
      `${operation.stackName}: an operation that is not this run's deploy (${operation.status} at ` +
        `${new Date(operation.startedAt).toISOString()}, started by ${operation.startedBy}) ran while this run held ` +
        `the lock: ${operation.why}. Someone bypassed the lock; check what it changed.`
    )
  }
}

/** The resource monitor beside a watch: started with it, stopped (and its captures awaited) after it. */
function monitorResources(deps: WatchDeps, settings: WatchSettings) {
  if (!deps.evidence) return { monitor: undefined, stop: async (): Promise<Evidence[]> => [] }
  const monitor = new ResourceMonitor({
    readers: deps.evidence.readers,
    region: deps.evidence.region,
    clock: deps.clock,
    ...(settings.slowResourceAfterMs !== undefined ? { slowAfterMs: settings.slowResourceAfterMs } : {}),
    info: deps.log.info,
    warn: deps.log.warn
  })
  const done = new AbortController()
  const running = monitor.run(done.signal)
  return {
    monitor,
    stop: async (): Promise<Evidence[]> => {
      done.abort()
      await running
      return monitor.collected()
    }
  }
}

/** Watches a deployment started elsewhere until the stacks are terminal or the timeout passes. */
export async function watchDeployment(
  deps: WatchDeps,
  settings: WatchSettings,
  signal?: AbortSignal
): Promise<WatchOutcome & { evidence: Evidence[] }> {
  const monitored = monitorResources(deps, settings)
  const outcome = await watchStacks(
    { cfn: deps.cfn, clock: deps.clock },
    watchOptions(deps, settings, 'follow-current', monitored.monitor, {
      ...(signal ? { signal } : {}),
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
      startTimeoutMs: settings.startTimeoutMs,
      onProtectionRestored: restore => deps.log.warn(protectionTurnedOff(restore))
    })
  ).catch(async (error: unknown) => {
    await monitored.stop()
    throw error
  })
  const evidence = await monitored.stop()
  reportOutcome(deps.log, outcome)
  return { ...outcome, evidence }
}

function watchOptions(
  deps: WatchDeps,
  settings: WatchSettings,
  mode: WatchMode,
  monitor: ResourceMonitor | undefined,
  extra: Partial<Parameters<typeof watchStacks>[1]>
) {
  return {
    stacks: settings.stacks,
    mode,
    protect: settings.terminationProtection,
    pollMinMs: settings.pollMinMs,
    pollMaxMs: settings.pollMaxMs,
    onEvent: event => {
      deps.log.info(formatEventLine(event))
      monitor?.observe(event)
    },
    onProtected: (name: string, _stackId: string, appeared: boolean) =>
      deps.log.info(`Termination protection enabled on ${name}${appeared ? ' as soon as it appeared' : ''}.`),
    onInfo: deps.log.info,
    onNotice: deps.log.warn,
    ...extra
  } satisfies Parameters<typeof watchStacks>[1]
}

/** One line per stack: how it ended, and what was still running when the watch stopped. */
export function reportOutcome(log: Log, outcome: WatchOutcome): void {
  for (const stack of outcome.stacks) {
    if (stack.statusUnknown) {
      const seen = stack.finalStatus ? `last seen ${stack.finalStatus}` : 'never read'
      log.warn(
        `${stack.stackName}: status unknown (${seen}): CloudFormation could not be read` +
          `${outcome.unreachable ? ` (${outcome.unreachable})` : ''}. Check it in the console or with deploy-guard watch.`
      )
      continue
    }
    const status = stack.finalStatus ?? 'not found'
    const line =
      stack.notStarted !== undefined
        ? `${stack.stackName}: ${status}; no operation started before the start timeout (waited for ${stack.notStarted}).`
        : `${stack.stackName}: ${status}${stack.changed ? '' : ' (no new operation)'}.`
    if (stack.failed || stack.notStarted !== undefined) log.error(line)
    else log.info(line)
    for (const resource of stack.inProgress) {
      log.warn(
        `${stack.stackName}: ${describeResource(resource)} ` +
          `still in progress after ${formatDuration(resource.forMs)}, since ${new Date(resource.since).toISOString()}.`
      )
    }
  }
  if (outcome.timedOut)
    log.error(`Stopped watching after the watch timeout; ${formatDuration(outcome.durationMs)} elapsed.`)
}
