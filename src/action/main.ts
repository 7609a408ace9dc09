import * as core from '@actions/core'
import { describeFailure } from '../aws/errors.js'
import { neutraliseForLog } from '../core/untrusted.js'
import { createCloudFormationClient } from '../aws/clients.js'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { deployWatched, type WatchedDeploy } from '../core/deploy.js'
import { formatDuration } from '../core/duration.js'
import { InputError } from '../core/errors.js'
import { runGuarded } from '../core/guard.js'
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
            }
          },
          watchSettings,
          () => runShell(command, { signal }),
          signal
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
      setWatchOutputs(deploy.watch, deploy.protection)
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
        }).catch(error =>
          core.warning(neutraliseForLog(describeFailure(error, `Diagnosing ${stack.stackName}`)))
        )
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
  }
}
