import { formatDuration } from '../duration.js'
import { escapeMarkdown, neutraliseForLog } from '../untrusted.js'
import type { Evidence } from '../evidence/types.js'
import { resourcePath } from '../stack/format.js'
import { evidenceFor, type Report, rootCauseLine, trailEventUrl } from './report.js'

const cell = (text: string | undefined) => escapeMarkdown(text ?? '')
const time = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The job summary: headline, root causes, findings, CloudTrail timeline, warnings, links, full event log. */
export function renderSummaryMarkdown(report: Report): string {
  const { stack } = report
  const lines: string[] = []
  const verdict = stack.failed ? '❌' : '✅'
  lines.push(
    `### ${verdict} deploy-guard: ${cell(stack.name)} ended ${cell(stack.finalStatus)}${stack.deleted ? ' (stack since deleted)' : ''}`
  )
  lines.push('')
  const lock = report.lock
    ? ` · lock ${report.lock.keys.map(cell).join(', ')} (fence ${report.lock.fences.join(', ')}): waited ${formatDuration(report.lock.waitedSeconds * 1000)}, held ${formatDuration(report.lock.heldSeconds * 1000)}`
    : ''
  lines.push(
    `Region ${cell(report.region)} · operation ${stack.operationStartedAt} → ${stack.operationEndedAt} (${formatDuration(stack.durationSeconds * 1000)})${lock}`
  )
  lines.push('')
  if (report.operation && report.operation.count > 1) {
    lines.push(
      `Operation ${report.operation.number} of ${report.operation.count} in the input (1 = newest): ${cell(report.operation.type)} started ${report.operation.startedAt}`,
      ''
    )
  }
  if (report.rootCauses.length > 0) {
    lines.push(
      '#### Root cause',
      '',
      '| resource | type | status | reason | nested path |',
      '| --- | --- | --- | --- | --- |'
    )
    for (const cause of report.rootCauses) {
      lines.push(
        `| ${cell(cause.logicalResourceId)} | ${cell(cause.resourceType)} | ${cell(cause.status)} | ${cell(cause.reason)} | ${cell(cause.nestedPath.join(' / ') || '-')} |`
      )
    }
    lines.push('')
  }
  if (report.stuck) {
    lines.push(`#### What blocks the stack (${cell(report.stuck.status)})`, '')
    for (const resource of report.stuck.resources)
      lines.push(
        `- ${cell(resourcePath(resource))} (${cell(resource.resourceType)}) ${cell(resource.status)}: ${cell(resource.reason)}`
      )
    lines.push('', cell(report.stuck.wayOut), '')
  }
  if (report.evidence.length > 0) {
    lines.push('#### Evidence from ECS, RDS and CloudWatch Logs', '')
    for (const evidence of report.evidence) lines.push(...renderEvidence(evidence))
  }
  if (report.findings.length > 0) {
    lines.push('#### Validation and hook findings', '')
    for (const finding of report.findings) {
      const extra = finding.path ?? finding.hookType ?? ''
      lines.push(
        `- **${finding.kind}** ${cell(finding.logicalResourceId)}${extra ? ` (${cell(extra)})` : ''}: ${cell(finding.detail)}`
      )
    }
    lines.push('')
  }
  const trail = report.cloudTrail
  if (trail && trail.timeline.length > 0) {
    lines.push(
      '#### CloudTrail timeline',
      '',
      '| time | event | principal | details |',
      '| --- | --- | --- | --- |'
    )
    for (const entry of trail.timeline) {
      const details = entry.errorCode
        ? `${entry.errorCode}: ${entry.errorMessage ?? ''}`
        : (entry.invokedBy ?? entry.sourceIp ?? '')
      lines.push(
        `| [${time(entry.time)}](${trailEventUrl(report.region, entry)}) | ${cell(entry.eventName)} | ${cell(entry.principal)} | ${cell(details)} |`
      )
    }
    lines.push('')
  }
  if (trail && trail.apiErrors.length > 0) {
    lines.push("#### API errors on the stack's behalf", '')
    for (const entry of trail.apiErrors) {
      lines.push(
        `- ${time(entry.time)} ${cell(entry.eventSource)} ${cell(entry.eventName)} by ${cell(entry.principal)}: **${cell(entry.errorCode)}** ${cell(entry.errorMessage)}`
      )
    }
    lines.push('')
  }
  if (trail && trail.concurrentChanges.length > 0) {
    lines.push('> [!WARNING]', '> Another principal changed this stack while the deploy held its lock:')
    for (const entry of trail.concurrentChanges)
      lines.push(`> - ${time(entry.time)} ${cell(entry.eventName)} by ${cell(entry.principal)}`)
    lines.push('')
  }
  for (const note of report.notes) lines.push(`> ${cell(note)}`, '')
  lines.push(report.links.map(link => `[${link.label}](${link.url})`).join(' · '), '')
  lines.push(`<details><summary>Full event log (${report.events.length} events)</summary>`, '', '```text')
  for (const event of report.events) {
    const where = resourcePath(event)
    lines.push(
      codeLine(
        `${time(event.timestamp)} ${where} ${event.resourceType} ${event.resourceStatus} ${event.resourceStatusReason ?? ''}`
      )
    )
  }
  lines.push('```', '', '</details>', '')
  return lines.join('\n')
}

function renderEvidence(evidence: Evidence): string[] {
  const where = resourcePath(evidence, ' / ')
  const lines = [
    `**${cell(where)}** (${cell(evidence.resourceType)})${evidence.verdict ? `: ${cell(evidence.verdict)}` : ''}`,
    ''
  ]
  for (const fact of evidence.facts)
    lines.push(`- ${fact.time ? `${time(fact.time)} ` : ''}_${cell(fact.source)}_: ${cell(fact.text)}`)
  if (evidence.facts.length) lines.push('')
  if (evidence.logLines.length) {
    lines.push('Last error lines of its logs:', '', '```text')
    for (const line of evidence.logLines) lines.push(codeLine(`${time(line.timestamp)} ${line.message}`))
    lines.push('```', '')
  }
  for (const gap of evidence.gaps) lines.push(`> ${cell(gap)}`, '')
  if (evidence.links.length)
    lines.push(evidence.links.map(link => `[${cell(link.label)}](${link.url})`).join(' · '), '')
  return lines
}

/** Inside a code block markdown is inert; only the fence itself and HTML-breaking text must not get through. */
function codeLine(text: string): string {
  return neutraliseForLog(text).replace(/`/g, "'").replace(/</g, '‹').replace(/>/g, '›')
}

/** `core.error` annotations, one per root cause, titled `<stack>: <logical id> <status>`; all text neutralised. */
export function renderAnnotations(report: Report): { title: string; message: string }[] {
  return report.rootCauses.map(cause => ({
    title: neutraliseForLog(`${report.stack.name}: ${cause.logicalResourceId} ${cause.status}`),
    message: neutraliseForLog(
      `${cause.resourceType}${cause.nestedPath.length ? ` in ${cause.nestedPath.join('/')}` : ''}: ${cause.reason}` +
        (evidenceFor(report, cause)?.verdict ? ` — ${evidenceFor(report, cause)?.verdict}` : '')
    )
  }))
}

/** One paragraph for the log. */
export function renderLogSummary(report: Report): string {
  const parts = [rootCauseLine(report)]
  const first = report.rootCauses[0]
  for (const evidence of report.evidence) {
    if (evidence.verdict && !(first && evidenceFor(report, first) === evidence))
      parts.push(`${evidence.logicalResourceId}: ${evidence.verdict}`)
  }
  const trail = report.cloudTrail
  const executed = trail?.timeline
    .filter(entry => entry.eventName === 'ExecuteChangeSet' || entry.eventName === 'CreateStack')
    .at(-1)
  const deleted = trail?.timeline.filter(entry => entry.eventName === 'DeleteStack')
  if (executed) parts.push(`${executed.eventName} by ${executed.principal} at ${time(executed.time)}.`)
  for (const entry of deleted ?? [])
    parts.push(
      `DeleteStack by ${entry.principal} at ${time(entry.time)}${entry.errorCode ? ` (refused: ${entry.errorCode})` : ''}.`
    )
  for (const entry of trail?.apiErrors ?? [])
    parts.push(`${entry.eventName} failed with ${entry.errorCode}: ${entry.errorMessage ?? ''}`)
  if (report.stuck) parts.push(report.stuck.wayOut)
  return neutraliseForLog(parts.join(' '))
}

export function reportOutputs(report: Report): Record<string, string> {
  return {
    'root-cause': neutraliseForLog(rootCauseLine(report)),
    'failed-resources': JSON.stringify(
      report.rootCauses.map(cause => ({
        logicalResourceId: cause.logicalResourceId,
        resourceType: cause.resourceType,
        status: cause.status,
        reason: cause.reason,
        nestedPath: cause.nestedPath,
        ...(evidenceFor(report, cause)?.verdict ? { evidence: evidenceFor(report, cause)?.verdict } : {})
      }))
    )
  }
}

/** The JSON report: stable field names (REPORT_SCHEMA_VERSION), `rootCauses` most likely first. */
export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
