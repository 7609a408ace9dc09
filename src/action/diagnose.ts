import * as core from '@actions/core'
import { parseDuration } from '../core/duration.js'
import { InputError } from '../core/errors.js'
import { parseStackNames } from '../core/settings.js'
import { createCloudFormationClient } from '../aws/cloudformation.js'
import { cancellationSignal } from '../runtime/command.js'
import { deadlineSignal, DEADLINES, unanswered } from '../runtime/deadlines.js'
import { failStep } from './runner.js'
import { diagnoseAndPublish } from './report.js'

/** Post-failure diagnostics: explains each stack's latest operation, even after the stack was deleted. */
export async function run(): Promise<void> {
  try {
    const stacks = parseStackNames(core.getInput('stack-name'))
    if (stacks.length === 0)
      throw new InputError(
        'stack-name: required. Name the stack(s) to diagnose, e.g. stack-name: CourtCaseManagementStack.'
      )
    const since = core.getInput('since')
    const sinceMs = since ? Date.now() - parseDuration(since, 'since') : undefined
    const region =
      core.getInput('region') ||
      (await createCloudFormationClient()
        .config.region()
        .catch(() => ''))
    if (!region)
      throw new InputError(
        'region: no AWS region is set. Set the region input or AWS_REGION, e.g. us-east-1.'
      )
    const cancel = cancellationSignal()
    const signal = deadlineSignal(DEADLINES.diagnoseMs, cancel)
    for (const stackName of stacks) {
      await diagnoseAndPublish(
        { stackName, region, ...(sinceMs !== undefined ? { sinceMs } : {}) },
        signal
      ).catch((error: unknown) => {
        throw unanswered(error, `deploy-guard diagnose ${stackName}`, {
          signal,
          cancel,
          ms: DEADLINES.diagnoseMs
        })
      })
    }
  } catch (error) {
    failStep(error, `deploy-guard diagnose ${core.getInput('stack-name').split(/[\n,]/).join(' ')}`.trim())
  }
}
