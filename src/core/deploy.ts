import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { ResourceMonitor, type Evidence, type EvidenceReaders } from './evidence/index.js'
import type { Log } from './log.js'
import { superviseSettledCommand } from './settled-command.js'
import type { WatchSettings } from './settings.js'
import {
  FailedCreateError,
  formatEventLine,
  type ProtectionResult,
  protectStacks,
  replaceFailedCreate,
  resourcePath,
  type ReplacedStack,
  StackApi,
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
  signal?: AbortSignal
): Promise<WatchedDeploy> {
  const api = new StackApi(deps.cfn)
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
  const watching = watchStacks(
    { cfn: deps.cfn, clock: deps.clock },
    watchOptions(deps, settings, 'new-operation', monitored.monitor, {
      commandDone: commandDone.signal,
      ...(signal ? { signal } : {})
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
  const failed = exitCode !== 0 || ('watch' in watched && watched.watch.failed)
  return { exitCode, protection, replaced, ...watched, failed, evidence, stoppedAfterSettle }
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
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {})
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
  extra: { commandDone?: AbortSignal; signal?: AbortSignal; timeoutMs?: number }
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
    onProtected: (name: string) =>
      deps.log.info(`Termination protection enabled on ${name} as soon as it appeared.`),
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
    const line = `${stack.stackName}: ${status}${stack.changed ? '' : ' (no new operation)'}.`
    if (stack.failed) log.error(line)
    else log.info(line)
    for (const resource of stack.inProgress) {
      log.warn(
        `${stack.stackName}: ${resourcePath(resource)} (${resource.resourceType}) ` +
          `still in progress after ${formatDuration(resource.forMs)}, since ${new Date(resource.since).toISOString()}.`
      )
    }
  }
  if (outcome.timedOut)
    log.error(`Stopped watching after the watch timeout; ${formatDuration(outcome.durationMs)} elapsed.`)
}
