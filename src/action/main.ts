import * as core from '@actions/core'
import { systemClock } from '../core/clock.js'
import { formatDuration } from '../core/duration.js'
import { InputError } from '../core/errors.js'
import { runGuarded } from '../core/guard.js'
import { parseLockSettings } from '../core/settings.js'
import { cancellationSignal, runShell } from '../runtime/command.js'
import { gitIsAncestor } from '../runtime/git.js'
import { detectHolder } from '../runtime/identity.js'
import { openLockSession } from '../runtime/session.js'
import { Inputs, Outputs, State } from './constants.js'
import { failStep, readInputs, runnerLog, saveLeases, setLockOutputs } from './runner.js'

/** The full guard: lock → run the deploy command (heartbeating) → release. Post releases if this step was killed. */
export async function run(): Promise<void> {
  const signal = cancellationSignal(name =>
    core.warning(`Received ${name}: stopping the deploy command and releasing the lock.`)
  )
  try {
    const settings = parseLockSettings(readInputs())
    const command = core.getInput(Inputs.Run)
    if (!command) {
      throw new InputError(
        'run: required. Give the deploy command, e.g. run: npx cdk deploy --all --require-approval never. ' +
          'To only take the lock for later steps, use the lock sub-action (OWNER/deploy-guard/lock@v1).'
      )
    }
    const session = await openLockSession(settings)
    const holder = detectHolder(process.env, settings.reason)
    const deps = {
      table: session.table,
      clock: systemClock,
      log: runnerLog,
      isAncestor: gitIsAncestor(process.env.GITHUB_WORKSPACE ?? process.cwd())
    }
    const result = await runGuarded(
      deps,
      session.keys,
      holder,
      settings,
      () => runShell(command, { signal }),
      signal,
      leases => {
        saveLeases(leases)
        setLockOutputs(leases, 0)
      }
    )
    core.saveState(State.Released, 'true')
    setLockOutputs(result.leases, result.waitedMs)
    core.setOutput(Outputs.ExitCode, result.exitCode)
    await core.summary
      .addHeading('deploy-guard', 3)
      .addTable([
        [
          { data: 'lock', header: true },
          { data: 'fence', header: true },
          { data: 'waited', header: true },
          { data: 'held', header: true },
          { data: 'deploy', header: true }
        ],
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
    else if (result.exitCode !== 0)
      core.setFailed(
        `The deploy command ${result.status === 'cancelled' ? 'was cancelled' : `exited with code ${result.exitCode}`}.`
      )
  } catch (error) {
    failStep(error)
  }
}
