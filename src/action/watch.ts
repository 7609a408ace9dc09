import * as core from '@actions/core'
import { createCloudFormationClient } from '../aws/clients.js'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { watchDeployment } from '../core/deploy.js'
import { parseWatchSettings } from '../core/settings.js'
import { cancellationSignal } from '../runtime/command.js'
import { USER_AGENT } from '../runtime/session.js'
import { WATCH_INPUTS } from './constants.js'
import { failStep, readInputs, runnerLog, setWatchOutputs } from './runner.js'

/** Watches a deployment started elsewhere, from the stacks' current operation until they are terminal. */
export async function run(): Promise<void> {
  const signal = cancellationSignal()
  try {
    const settings = parseWatchSettings(readInputs(WATCH_INPUTS))
    const cfn = createCloudFormationClient({
      ...(settings.region ? { region: settings.region } : {}),
      userAgent: USER_AGENT
    })
    const region = await cfn.config.region()
    const outcome = await watchDeployment(
      {
        cfn,
        clock: systemClock,
        log: runnerLog,
        evidence: { readers: lazyEvidenceReaders({ region, userAgent: USER_AGENT }), region }
      },
      settings,
      signal
    )
    setWatchOutputs(outcome)
    if (outcome.timedOut)
      core.setFailed(
        'The watch timed out before every stack finished (see the resources still in progress above).'
      )
    else if (outcome.failed) {
      const failed = outcome.stacks.filter(stack => stack.failed)
      core.setFailed(
        `The deploy ended with ${failed.map(stack => `${stack.stackName} in ${stack.finalStatus}`).join(', ')}.`
      )
    }
  } catch (error) {
    failStep(error, `deploy-guard watch ${core.getInput('stack-name').split(/[\n,]/).join(' ')}`.trim())
  }
}
