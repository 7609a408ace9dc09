import * as core from '@actions/core'
import { describeFailure } from '../aws/errors.js'
import { systemClock } from '../core/clock.js'
import type { WatchedDeploy } from '../core/deploy.js'
import { formatDuration } from '../core/duration.js'
import { InputError } from '../core/errors.js'
import { runGuarded } from '../core/guard.js'
import type { BusyStackFailedError } from '../core/stack/busy.js'
import { parseLockSettings, parseWatchSettings } from '../core/settings.js'
import { runCancellation, runShell } from '../runtime/command.js'
import { deadlineSignal, DEADLINES } from '../runtime/deadlines.js'
import { detectHolder } from '../runtime/identity.js'
import { loadWhileFirstRequestRuns } from '../runtime/preload.js'
import { guardDeps, openLockSession, USER_AGENT } from '../runtime/session.js'
import { Inputs, Outputs, State, WATCH_INPUTS } from './constants.js'
import { neutraliseForLog } from '../core/untrusted.js'
import { failStep, readInputs, runnerLog, saveLeases, setLockOutputs, setWatchOutputs } from './runner.js'
import { setFailed } from './annotations.js'

/**
 * The full guard: lock → protect → run the deploy command while watching the stacks → release.
 * Post releases the lock if this step was killed before it could.
 */
export async function run(): Promise<void> {
  // Cancelled while still waiting, nothing ran and nothing is held: say so, not "stopping the command".
  let locked = false
  const signal = runCancellation(name =>
    core.warning(
      locked
        ? `Received ${name}: stopping the deploy command and releasing the lock.`
        : `Received ${name}: giving up the wait for the lock; the deploy command did not run.`
    )
  ).signal
  let region: string | undefined
  const afterLock = loadWhileFirstRequestRuns(() => import('./after-lock.js'))
  try {
    const settings = parseLockSettings(readInputs())
    // Lock-only (lock-key without stack-name: Terraform, scripts): no CloudFormation call at all.
    const watchSettings =
      settings.stacks.length > 0 ? parseWatchSettings(readInputs(WATCH_INPUTS)) : undefined
    const command = core.getInput(Inputs.Run)
    if (!command) {
      throw new InputError(
        'run: required. Give the deploy command, e.g. run: npx cdk deploy --all --require-approval never. ' +
          'To only take the lock for later steps, use the lock sub-action (OWNER/deploy-guard/lock@v1).'
      )
    }
    const session = await openLockSession(settings)
    region = session.region
    // The watch's requests end with the run's cancellation; the lock's release is not tied to it.
    const aws = { region: session.region, userAgent: USER_AGENT, signal }
    // If this step is killed outright, post stops what is left of the command before it releases. `stop` is the
    // run's cancellation or a lost lock; `settleStop` is stop-after-stack-settles.
    const runTracked = (stop: AbortSignal, settleStop?: AbortSignal) =>
      runShell(command, {
        signal: settleStop ? AbortSignal.any([stop, settleStop]) : stop,
        onStart: group => core.saveState(State.CommandGroup, JSON.stringify(group))
      }).finally(() => core.saveState(State.CommandGroup, ''))
    const holder = detectHolder(process.env, settings.reason)
    const deps = guardDeps(session, runnerLog, process.env.GITHUB_WORKSPACE ?? process.cwd())
    let deploy: WatchedDeploy | undefined
    let commandExit: number | undefined
    const result = await runGuarded(
      deps,
      session.keys,
      holder,
      settings,
      async stop => {
        if (!watchSettings) {
          commandExit = await runTracked(stop)
          return commandExit
        }
        const { createCloudFormationClient, createCloudTrailClient, deployWatched, lazyEvidenceReaders } =
          await afterLock()
        deploy = await deployWatched(
          {
            cfn: createCloudFormationClient(aws),
            clock: systemClock,
            log: runnerLog,
            evidence: {
              readers: lazyEvidenceReaders(aws),
              region: session.region
            },
            trail: createCloudTrailClient(aws)
          },
          watchSettings,
          settleStop => runTracked(stop, settleStop),
          stop,
          { commandLine: command, busyTimeoutMs: settings.waitTimeoutMs }
        )
        commandExit = deploy.exitCode
        return deploy.failed && deploy.exitCode === 0 ? 1 : deploy.exitCode
      },
      signal,
      (leases, waitedMs) => {
        locked = true
        saveLeases(leases)
        setLockOutputs(leases, waitedMs)
      }
    )
    core.saveState(State.Released, 'true')
    setLockOutputs(result.leases, result.waitedMs)
    if (commandExit !== undefined) core.setOutput(Outputs.ExitCode, commandExit)
    if (deploy) setWatchOutputs(deploy.watch, deploy.protection, deploy.protectionRestored)
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
      .addRaw(deploy ? (await afterLock()).runNotes(deploy).join('\n') : '', true)
      .write()
    if (result.lockLost)
      setFailed(
        `The lock was lost while the deploy ran, so the deploy command was stopped: ${result.lostReason ?? ''}`
      )
    else if (deploy?.stoppedAfterSettle && watchSettings) {
      setFailed(
        `The deploy command was stopped ${formatDuration(watchSettings.commandGraceMs)} after every guarded stack reached ` +
          'a final state (stop-after-stack-settles): whatever it still had to do after the deploy did not run.'
      )
    } else if (commandExit !== undefined && commandExit !== 0) {
      setFailed(
        `The deploy command ${result.status === 'cancelled' ? 'was cancelled' : `exited with code ${commandExit}`}.`
      )
    }
    const { diagnoseAndPublish, publishHistory, reportFromEvents, restoreNote } = await afterLock()
    for (const replaced of deploy?.replaced ?? []) {
      await publishHistory(
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
      // A cancelled run still explains a failed stack, within what is left before GitHub's SIGTERM.
      const diagnosisDeadline = deadlineSignal(
        signal.aborted ? DEADLINES.afterCancelMs : DEADLINES.diagnoseMs
      )
      for (const stack of deploy.watch?.stacks.filter(candidate => candidate.failed) ?? []) {
        await diagnoseAndPublish(
          {
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
          },
          diagnosisDeadline,
          // The failed stack's report (summary and JSON) says when the deploy tool left it unprotected, and who.
          deploy.protectionRestored
            .filter(restore => restore.stackName === stack.stackName)
            .map(restore => restoreNote(restore))
        ).catch(error => runnerLog.warn(describeFailure(error, `Diagnosing ${stack.stackName}`)))
      }
    }
    if (!result.lockLost && deploy?.exitCode === 0 && deploy.failed) {
      const failedStacks = deploy.watch?.stacks.filter(stack => stack.failed) ?? []
      setFailed(
        neutraliseForLog(
          `The deploy ended with ${failedStacks.map(stack => `${stack.stackName} in ${stack.finalStatus}`).join(', ')}.`
        )
      )
    }
  } catch (error) {
    failStep(error)
    // Thrown only after the lock, from code afterLock() loaded: matched by name so this module never loads it.
    if (region && error instanceof Error && error.name === 'BusyStackFailedError') {
      const { wait } = error as BusyStackFailedError
      const { diagnoseAndPublish } = await afterLock()
      await diagnoseAndPublish({ stackName: wait.stackName, region }, deadlineSignal(DEADLINES.diagnoseMs), [
        `Not this run's deploy: this operation (${wait.status}) was started by ${wait.startedBy} and was already ` +
          'running when the lock was taken; deploy-guard waited for it and did not run the deploy command.'
      ]).catch(failure => runnerLog.warn(describeFailure(failure, `Diagnosing ${wait.stackName}`)))
    }
  }
}
