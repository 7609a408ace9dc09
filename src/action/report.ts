import * as core from '@actions/core'
import { statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCloudFormationClient } from '../aws/cloudformation.js'
import { createCloudTrailClient } from '../aws/cloudtrail.js'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { diagnoseStack, type DiagnoseRequest } from '../core/diagnose/index.js'
import type { Report } from '../core/report/report.js'
import {
  renderAnnotations,
  renderLogSummary,
  renderSummaryMarkdown,
  reportOutputs,
  STEP_SUMMARY_MAX_BYTES,
  toJson
} from '../core/report/render.js'
import { escapeMarkdown } from '../core/untrusted.js'
import { text } from '../core/report/markdown.js'
import { formatDuration } from '../core/duration.js'
import type { WatchedDeploy } from '../core/deploy.js'
import type { ProtectionRestore } from '../core/stack/protection-keeper.js'
import { annotate } from './annotations.js'
import { USER_AGENT } from '../runtime/session.js'

/** Diagnoses a stack and publishes the report every way the runner shows it; `notes` lead the report's notes. */
export async function diagnoseAndPublish(
  request: DiagnoseRequest,
  signal?: AbortSignal,
  notes: string[] = []
): Promise<Report> {
  const settings = { region: request.region, userAgent: USER_AGENT, ...(signal ? { signal } : {}) }
  const report = await diagnoseStack(
    {
      cfn: createCloudFormationClient(settings),
      trail: createCloudTrailClient(settings),
      evidence: lazyEvidenceReaders(settings),
      clock: systemClock
    },
    request
  )
  report.notes.unshift(...notes)
  await publishReport(report)
  return report
}

/**
 * A failure that is not this run's result (the failed first create replace-failed-create deleted before deploying):
 * kept as history in a folded summary section, the log and its own JSON file — no annotation, no outputs, and no
 * failure headline, so a run that then deployed fine reads as the success it is.
 */
export async function publishHistory(report: Report): Promise<void> {
  const title = `History: the failed first create of ${escapeMarkdown(report.stack.name)} (${escapeMarkdown(report.stack.finalStatus)}) that this run deleted and replaced`
  // The rendered report opens with its verdict headline; the history has its own title instead.
  const body = renderSummaryMarkdown(report, { maxBytes: summaryRoom() }).split('\n').slice(1).join('\n')
  await core.summary.addRaw(`### ${title}\n${body}\n`, true).write()
  core.info(`History (not this run's result): ${renderLogSummary(report)}`)
  const path = join(process.env.RUNNER_TEMP ?? tmpdir(), `deploy-guard-replaced-${report.stack.name}.json`)
  writeFileSync(path, toJson(report))
  core.info(`The replaced stack's report is in ${path}.`)
}

/**
 * Job summary (within what is left of the step's 1 MiB), annotations most important first (within GitHub's 10 per
 * type), a log paragraph, small outputs and the JSON file with everything.
 */
export async function publishReport(report: Report): Promise<void> {
  await core.summary.addRaw(renderSummaryMarkdown(report, { maxBytes: summaryRoom() }), true).write()
  for (const annotation of renderAnnotations(report))
    annotate(annotation.level, annotation.message, annotation.title)
  core.info(renderLogSummary(report))
  for (const [name, value] of Object.entries(reportOutputs(report))) core.setOutput(name, value)
  const path = join(process.env.RUNNER_TEMP ?? tmpdir(), `deploy-guard-report-${report.stack.name}.json`)
  writeFileSync(path, toJson(report))
  core.setOutput('report-path', path)
  core.info(`Report written to ${path} (upload it with actions/upload-artifact).`)
}

/** Bytes this step's summary may still take: 1 MiB less what the step already wrote, less room for a closing table. */
function summaryRoom(): number {
  const file = process.env.GITHUB_STEP_SUMMARY
  let written = 0
  try {
    written = file ? statSync(file).size : 0
  } catch {
    written = 0
  }
  return Math.max(0, STEP_SUMMARY_MAX_BYTES - written - 16 * 1024)
}

/** One protection round trip: who turned it off and when (CloudTrail), when it was found off and turned back on. */
export function restoreNote(
  restore: ProtectionRestore,
  escape: (raw: string) => string = raw => raw
): string {
  return (
    `Termination protection on ${escape(restore.stackName)} was turned off` +
    `${restore.turnedOffBy ? ` by ${escape(restore.turnedOffBy)} at ${at(restore.turnedOffAt)}` : ''}; ` +
    `found off at ${at(restore.foundOffAt)} and turned back on at ${at(restore.restoredAt)}.`
  )
}

const at = (ms: number | undefined) => (ms === undefined ? 'an unknown time' : new Date(ms).toISOString())

/**
 * Summary lines for what happened around the deploy: waits, protection round trips, operations not ours. AWS text is
 * escaped and clipped as everywhere in the summary (core/report/markdown.ts `text`).
 */
export function runNotes(deploy: WatchedDeploy): string[] {
  return [
    ...deploy.waitedFor.map(
      wait =>
        `- ${text(wait.stackName)} was ${wait.status} (started by ${text(wait.startedBy)}) when the ` +
        `lock was taken; waited ${formatDuration(wait.waitedMs)} until it ended ${wait.finalStatus ?? ''}.`
    ),
    ...deploy.protectionRestored.map(restore => `- ${restoreNote(restore, text)}`),
    ...deploy.foreignOperations.map(
      operation =>
        `- ⚠️ ${text(operation.stackName)}: an operation that is not this run's (${operation.status} at ` +
        `${at(operation.startedAt)}${operation.startedBy ? `, started by ${text(operation.startedBy)}` : ''}) ` +
        `ran while the lock was held: ${text(operation.why)}.`
    )
  ]
}
