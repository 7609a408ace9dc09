import { createCloudFormationClient } from '../aws/cloudformation.js'
import * as core from '@actions/core'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { watchDeployment } from '../core/deploy.js'
import { parseWatchSettings } from '../core/settings.js'
import { cancellationSignal } from '../runtime/command.js'
import { deadlineSignal } from '../runtime/deadlines.js'
import { USER_AGENT } from '../runtime/session.js'
import { WATCH_INPUTS } from './constants.js'
import { neutraliseForLog } from '../core/untrusted.js'
import { failStep, readInputs, runnerLog, setWatchOutputs } from './runner.js'
import { setFailed } from './annotations.js'

/** Watches a deployment started elsewhere, from the stacks' current operation until they are terminal. */
export async function run(): Promise<void> {
  const cancel = cancellationSignal()
  try {
    const settings = parseWatchSettings(readInputs(WATCH_INPUTS))
    // A request in flight at the timeout is aborted, so the watch ends within its timeout (plus a second).
    const signal =
      settings.timeoutMs !== undefined ? deadlineSignal(settings.timeoutMs + 1_000, cancel) : cancel
    const cfn = createCloudFormationClient({
      ...(settings.region ? { region: settings.region } : {}),
      userAgent: USER_AGENT,
      signal
    })
    const region = await cfn.config.region()
    const outcome = await watchDeployment(
      {
        cfn,
        clock: systemClock,
        log: runnerLog,
        evidence: { readers: lazyEvidenceReaders({ region, userAgent: USER_AGENT, signal }), region }
      },
      settings,
      cancel
    )
    setWatchOutputs(outcome)
    if (outcome.timedOut)
      setFailed(
        'The watch timed out before every stack finished (see the resources still in progress above).'
      )
    else if (outcome.startTimedOut) {
      const waiting = outcome.stacks.filter(stack => stack.notStarted !== undefined)
      core.setFailed(
        `No operation started within start-timeout on ${waiting.map(stack => `${stack.stackName} (waited for ${stack.notStarted})`).join(', ')}. ` +
          'Start the deploy before the timeout, or raise start-timeout.'
      )
    } else if (outcome.failed) {
      const failed = outcome.stacks.filter(stack => stack.failed)
      setFailed(
        neutraliseForLog(
          `The deploy ended with ${failed.map(stack => `${stack.stackName} in ${stack.finalStatus}`).join(', ')}.`
        )
      )
    }
  } catch (error) {
    failStep(error, `deploy-guard watch ${core.getInput('stack-name').split(/[\n,]/).join(' ')}`.trim())
  }
}
