import * as core from '@actions/core'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCloudFormationClient, createCloudTrailClient } from '../aws/clients.js'
import { lazyEvidenceReaders } from '../aws/evidence/index.js'
import { systemClock } from '../core/clock.js'
import { diagnoseStack, type DiagnoseRequest } from '../core/diagnose/index.js'
import type { Report } from '../core/report/report.js'
import {
  renderAnnotations,
  renderLogSummary,
  renderSummaryMarkdown,
  reportOutputs,
  toJson
} from '../core/report/render.js'
import { USER_AGENT } from '../runtime/session.js'

/** Diagnoses a stack and publishes the report every way the runner shows it; `notes` lead the report's notes. */
export async function diagnoseAndPublish(request: DiagnoseRequest, notes: string[] = []): Promise<Report> {
  const settings = { region: request.region, userAgent: USER_AGENT }
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

/** Job summary, one `error` annotation per root cause, a log paragraph, outputs and the JSON file. */
export async function publishReport(report: Report): Promise<void> {
  await core.summary.addRaw(renderSummaryMarkdown(report), true).write()
  for (const annotation of renderAnnotations(report))
    core.error(annotation.message, { title: annotation.title })
  core.info(renderLogSummary(report))
  for (const [name, value] of Object.entries(reportOutputs(report))) core.setOutput(name, value)
  const path = join(process.env.RUNNER_TEMP ?? tmpdir(), `deploy-guard-report-${report.stack.name}.json`)
  writeFileSync(path, toJson(report))
  core.setOutput('report-path', path)
  core.info(`Report written to ${path} (upload it with actions/upload-artifact).`)
}
