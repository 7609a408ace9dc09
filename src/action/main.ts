import * as core from '@actions/core'
import { createCloudFormationClient, createCloudTrailClient } from '../aws/clients.js'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { deployWatched, type WatchedDeploy } from '../core/deploy.js'
import { formatDuration } from '../core/duration.js'
import { InputError } from '../core/errors.js'
import { runGuarded } from '../core/guard.js'
import { BusyStackFailedError } from '../core/stack/busy.js'
import { escapeMarkdown } from '../core/untrusted.js'
import { parseLockSettings, parseWatchSettings } from '../core/settings.js'
import { cancellationSignal, runShell } from '../runtime/command.js'
import { detectHolder } from '../runtime/identity.js'
import { guardDeps, openLockSession, USER_AGENT } from '../runtime/session.js'
import { Inputs, Outputs, State, WATCH_INPUTS } from './constants.js'
import { diagnoseAndPublish, publishReport } from './report.js'
import { reportFromEvents } from '../core/diagnose/index.js'
import { failStep, readInputs, runnerLog, saveLeases, setLockOutputs, setWatchOutputs } from './runner.js'

/**
 * The full guard: lock → protect → run the deploy command while watching the stacks → release.
 * Post releases the lock if this step was killed before it could.
 */
export async function run(): Promise<void> {
  const signal = cancellationSignal(name =>
    core.warning(`Received ${name}: stopping the deploy command and releasing the lock.`)
  )
  let region: string | undefined
  try {
    const settings = parseLockSettings(readInputs())
    const watchSettings = parseWatchSettings(readInputs(WATCH_INPUTS))
    const command = core.getInput(Inputs.Run)
    if (!command) {
      throw new InputError(
        'run: required. Give the deploy command, e.g. run: npx cdk deploy --all --require-approval never. ' +
          'To only take the lock for later steps, use the lock sub-action (OWNER/deploy-guard/lock@v1).'
      )
    }
    const session = await openLockSession(settings)
    region = session.region
    const cfn = createCloudFormationClient({ region: session.region, userAgent: USER_AGENT })
    const holder = detectHolder(process.env, settings.reason)
    const deps = guardDeps(session, runnerLog, process.env.GITHUB_WORKSPACE ?? process.cwd())
    let deploy: WatchedDeploy | undefined
    const result = await runGuarded(
      deps,
      session.keys,
      holder,
      settings,
      async () => {
        deploy = await deployWatched(
          {
            cfn,
            clock: systemClock,
            log: runnerLog,
            evidence: {
              readers: lazyEvidenceReaders({ region: session.region, userAgent: USER_AGENT }),
              region: session.region
            },
            trail: createCloudTrailClient({ region: session.region, userAgent: USER_AGENT })
          },
          watchSettings,
          () => runShell(command, { signal }),
          signal,
          { commandLine: command, busyTimeoutMs: settings.waitTimeoutMs }
        )
        return deploy.failed && deploy.exitCode === 0 ? 1 : deploy.exitCode
      },
      signal,
      (leases, waitedMs) => {
        saveLeases(leases)
        setLockOutputs(leases, waitedMs)
      }
    )
    core.saveState(State.Released, 'true')
    setLockOutputs(result.leases, result.waitedMs)
    if (deploy) {
      core.setOutput(Outputs.ExitCode, deploy.exitCode)
      setWatchOutputs(deploy.watch, deploy.protection, deploy.protectionRestored)
    }
    await core.summary
      .addHeading('deploy-guard', 3)
      .addTable([
        ['lock', 'fence', 'waited', 'held', 'deploy'].map(data => ({ data, header: true })),
        ...result.leases.map(lease => [
          lease.key,
          String(lease.fence),
          formatDuration(result.waitedMs),
          formatDuration(result.heldMs),
          result.status
        ])
      ])
      .addRaw(deploy ? runNotes(deploy).join('\n') : '', true)
      .write()
    if (result.lockLost)
      core.setFailed('The lock was lost while the deploy ran: another deploy may have run concurrently.')
    else if (deploy && deploy.exitCode !== 0) {
      core.setFailed(
        `The deploy command ${result.status === 'cancelled' ? 'was cancelled' : `exited with code ${deploy.exitCode}`}.`
      )
    }
    for (const replaced of deploy?.replaced ?? []) {
      await publishReport(
        reportFromEvents({
          stackName: replaced.stackName,
          stackId: replaced.stackId,
          status: 'ROLLBACK_COMPLETE',
          deleted: true,
          events: replaced.events,
          region: session.region,
          now: systemClock.now(),
          notes: [
            'Recorded before deploy-guard deleted this failed first create (replace-failed-create) and deployed again.'
          ]
        })
      )
    }
    if (deploy?.failed) {
      for (const stack of deploy.watch?.stacks.filter(candidate => candidate.failed) ?? []) {
        await diagnoseAndPublish({
          stackName: stack.stackName,
          region: session.region,
          collected: deploy.evidence,
          heldWindow: {
            start: Math.min(...result.leases.map(lease => lease.acquiredAt)),
            end: systemClock.now()
          },
          lock: {
            keys: result.leases.map(lease => lease.key),
            fences: result.leases.map(lease => lease.fence),
            waitedSeconds: Math.round(result.waitedMs / 1000),
            heldSeconds: Math.round(result.heldMs / 1000)
          }
        }).catch(error => core.warning(`Could not diagnose ${stack.stackName}: ${String(error)}`))
      }
    }
    if (!result.lockLost && deploy?.exitCode === 0 && deploy.failed) {
      const failedStacks = deploy.watch?.stacks.filter(stack => stack.failed) ?? []
      core.setFailed(
        `The deploy ended with ${failedStacks.map(stack => `${stack.stackName} in ${stack.finalStatus}`).join(', ')}.`
      )
    }
  } catch (error) {
    failStep(error)
    if (error instanceof BusyStackFailedError && region) {
      const { wait } = error
      await diagnoseAndPublish({ stackName: wait.stackName, region }, [
        `Not this run's deploy: this operation (${wait.status}) was started by ${wait.startedBy} and was already ` +
          'running when the lock was taken; deploy-guard waited for it and did not run the deploy command.'
      ]).catch(failure => core.warning(`Could not diagnose ${wait.stackName}: ${String(failure)}`))
    }
  }
}

/** Summary lines for what happened around the deploy: waits, protection round trips, operations not ours. */
function runNotes(deploy: WatchedDeploy): string[] {
  const at = (ms: number | undefined) => (ms === undefined ? 'an unknown time' : new Date(ms).toISOString())
  return [
    ...deploy.waitedFor.map(
      wait =>
        `- ${escapeMarkdown(wait.stackName)} was ${wait.status} (started by ${escapeMarkdown(wait.startedBy)}) when the ` +
        `lock was taken; waited ${formatDuration(wait.waitedMs)} until it ended ${wait.finalStatus ?? ''}.`
    ),
    ...deploy.protectionRestored.map(
      restore =>
        `- Termination protection on ${escapeMarkdown(restore.stackName)} was turned off` +
        `${restore.turnedOffBy ? ` by ${escapeMarkdown(restore.turnedOffBy)} at ${at(restore.turnedOffAt)}` : ''}; ` +
        `found off at ${at(restore.foundOffAt)} and turned back on at ${at(restore.restoredAt)}.`
    ),
    ...deploy.foreignOperations.map(
      operation =>
        `- ⚠️ ${escapeMarkdown(operation.stackName)}: an operation that is not this run's (${operation.status} at ` +
        `${at(operation.startedAt)}${operation.startedBy ? `, started by ${escapeMarkdown(operation.startedBy)}` : ''}) ` +
        `ran while the lock was held: ${escapeMarkdown(operation.why)}.`
    )
  ]
}
