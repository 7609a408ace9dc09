import { formatDuration } from '../duration.js'
import { jsonForLog, neutraliseForLog } from '../untrusted.js'
import type { Evidence } from '../evidence/types.js'
import { resourcePath } from '../stack/format.js'
import { renderGantt } from './gantt.js'
import { clip, codeLine, link, prose, text, utf8Bytes } from './markdown.js'
import { evidenceFor, type Report, rootCauseLine, trailEventUrl } from './report.js'

import { STEP_SUMMARY_MAX_BYTES } from './github-limits.js'
export { ANNOTATIONS_PER_TYPE, STEP_SUMMARY_MAX_BYTES } from './github-limits.js'
/** The event log may use this much of one report's summary, so several stacks' reports fit in one step. */
const EVENT_LOG_MAX_BYTES = 256 * 1024
/** Rows per table or list before "… and N more (JSON report)". */
const MAX_ROWS = 50
/** `failed-resources` lists this many root causes, reasons cut to REASON_OUTPUT_CHARS: outputs stay small. */
export const FAILED_RESOURCES_MAX = 20
const REASON_OUTPUT_CHARS = 500

const time = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const JSON_HAS_ALL = 'the JSON report (`report-path` output) has them all'

/** One part of the summary: its lines, or nothing when it has nothing to say. */
type Section = (report: Report) => string[]

/**
 * The order the summary is read in, and kept in when space runs out: a section that does not fit in the budget is
 * replaced by one line saying so. The event log comes last and is cut to what remains (`eventLog`).
 */
const SECTIONS: Section[] = [
  headline,
  rootCauses,
  stuck,
  findings,
  timeline,
  evidenceSection,
  apiErrors,
  concurrentChanges,
  notes,
  picture,
  links
]

export interface SummaryOptions {
  /** What this summary may take, in UTF-8 bytes: the step's 1 MiB less what the step already wrote. */
  maxBytes?: number
}

/** The job summary: the findings first, then the deploy as a chart, then the event log cut to fit `maxBytes`. */
export function renderSummaryMarkdown(report: Report, options: SummaryOptions = {}): string {
  const budget = options.maxBytes ?? STEP_SUMMARY_MAX_BYTES
  const lines: string[] = []
  let used = 0
  const room = (more: string[]) => used + more.reduce((sum, line) => sum + utf8Bytes(line) + 1, 0)
  // Kept back for the event log's header and its "left out" line, so those always fit.
  const reserve = 1024
  for (const section of SECTIONS) {
    const part = section(report)
    if (part.length === 0) continue
    const fits = room(part) + reserve <= budget
    const added = fits
      ? part
      : [`> Left out to stay under GitHub's 1 MiB summary limit: ${part.length} lines; ${JSON_HAS_ALL}.`, '']
    if (!fits && room(added) + reserve > budget) continue
    lines.push(...added)
    used = room(added)
  }
  lines.push(...eventLog(report, Math.min(EVENT_LOG_MAX_BYTES, budget - used - reserve)))
  return lines.join('\n')
}

function headline(report: Report): string[] {
  const { stack } = report
  const verdict = stack.failed ? '❌' : '✅'
  const lock = report.lock
    ? ` · lock ${report.lock.keys.map(key => text(key)).join(', ')} (fence ${report.lock.fences.join(', ')}): waited ${formatDuration(report.lock.waitedSeconds * 1000)}, held ${formatDuration(report.lock.heldSeconds * 1000)}`
    : ''
  return [
    `### ${verdict} deploy-guard: ${text(stack.name)} ended ${text(stack.finalStatus)}${stack.deleted ? ' (stack since deleted)' : ''}`,
    '',
    `Region ${text(report.region)} · operation ${stack.operationStartedAt} → ${stack.operationEndedAt} (${formatDuration(stack.durationSeconds * 1000)})${lock}`,
    '',
    ...(report.operation && report.operation.count > 1
      ? [
          `Operation ${report.operation.number} of ${report.operation.count} in the input (1 = newest): ${text(report.operation.type)} started ${report.operation.startedAt}`,
          ''
        ]
      : [])
  ]
}

/** A stack left in ROLLBACK_FAILED, UPDATE_ROLLBACK_FAILED or DELETE_FAILED: what blocks it and the way out. */
function stuck(report: Report): string[] {
  if (!report.stuck) return []
  const shown = report.stuck.resources.slice(0, MAX_ROWS)
  return [
    `#### What blocks the stack (${text(report.stuck.status)})`,
    '',
    ...shown.map(
      resource =>
        `- ${text(resourcePath(resource))} (${text(resource.resourceType)}) ${text(resource.status)}: ${prose(resource.reason)}`
    ),
    ...more(report.stuck.resources.length, shown.length, 'blocking resources'),
    prose(report.stuck.wayOut, 4000),
    ''
  ]
}

/** "… and N more": what a capped list left out. */
function more(total: number, shown: number, what: string): string[] {
  return total > shown ? [`… and ${total - shown} more ${what}; ${JSON_HAS_ALL}.`, ''] : ['']
}

function rootCauses(report: Report): string[] {
  if (report.rootCauses.length === 0) return []
  const shown = report.rootCauses.slice(0, MAX_ROWS)
  return [
    '#### Root cause',
    '',
    '| resource | type | status | reason | nested path |',
    '| --- | --- | --- | --- | --- |',
    ...shown.map(
      cause =>
        `| ${text(cause.logicalResourceId)} | ${text(cause.resourceType)} | ${text(cause.status)} | ${prose(cause.reason)} | ${text(cause.nestedPath.join(' / ') || '-')} |`
    ),
    ...more(report.rootCauses.length, shown.length, 'root causes')
  ]
}

function findings(report: Report): string[] {
  if (report.findings.length === 0) return []
  const shown = report.findings.slice(0, MAX_ROWS)
  return [
    '#### Validation and hook findings',
    '',
    ...shown.map(finding => {
      const extra = finding.path ?? finding.hookType ?? ''
      return `- **${finding.kind}** ${text(finding.logicalResourceId)}${extra ? ` (${text(extra)})` : ''}: ${prose(finding.detail)}`
    }),
    ...more(report.findings.length, shown.length, 'findings')
  ]
}

function timeline(report: Report): string[] {
  const entries = report.cloudTrail?.timeline ?? []
  if (entries.length === 0) return []
  const shown = entries.slice(0, MAX_ROWS * 2)
  return [
    '#### CloudTrail timeline',
    '',
    '| time | event | principal | details |',
    '| --- | --- | --- | --- |',
    ...shown.map(entry => {
      const details = entry.errorCode
        ? `${entry.errorCode}: ${entry.errorMessage ?? ''}`
        : (entry.invokedBy ?? entry.sourceIp ?? '')
      return `| ${link(time(entry.time), trailEventUrl(report.region, entry))} | ${text(entry.eventName)} | ${text(entry.principal)} | ${prose(details)} |`
    }),
    ...more(entries.length, shown.length, 'CloudTrail records')
  ]
}

function evidenceSection(report: Report): string[] {
  if (report.evidence.length === 0) return []
  const shown = report.evidence.slice(0, 20)
  return [
    '#### Evidence from ECS, RDS and CloudWatch Logs',
    '',
    ...shown.flatMap(renderEvidence),
    ...more(report.evidence.length, shown.length, 'resources with evidence')
  ]
}

function renderEvidence(evidence: Evidence): string[] {
  const where = resourcePath(evidence, ' / ')
  const lines = [
    `**${text(where)}** (${text(evidence.resourceType)})${evidence.verdict ? `: ${prose(evidence.verdict)}` : ''}`,
    ''
  ]
  const facts = evidence.facts.slice(0, MAX_ROWS)
  for (const fact of facts)
    lines.push(`- ${fact.time ? `${time(fact.time)} ` : ''}_${text(fact.source)}_: ${prose(fact.text)}`)
  if (facts.length) lines.push(...more(evidence.facts.length, facts.length, 'facts'))
  if (evidence.logLines.length) {
    lines.push('Last error lines of its logs:', '', '```text')
    for (const line of evidence.logLines.slice(0, MAX_ROWS))
      lines.push(codeLine(`${time(line.timestamp)} ${line.message}`))
    lines.push('```', '')
  }
  for (const gap of evidence.gaps.slice(0, MAX_ROWS)) lines.push(`> ${prose(gap)}`, '')
  if (evidence.links.length)
    lines.push(evidence.links.map(entry => link(entry.label, entry.url)).join(' · '), '')
  return lines
}

function apiErrors(report: Report): string[] {
  const entries = report.cloudTrail?.apiErrors ?? []
  if (entries.length === 0) return []
  const shown = entries.slice(0, MAX_ROWS)
  return [
    "#### API errors on the stack's behalf",
    '',
    ...shown.map(
      entry =>
        `- ${time(entry.time)} ${text(entry.eventSource)} ${text(entry.eventName)} by ${text(entry.principal)}: **${text(entry.errorCode)}** ${prose(entry.errorMessage)}`
    ),
    ...more(entries.length, shown.length, 'API errors')
  ]
}

function concurrentChanges(report: Report): string[] {
  const entries = report.cloudTrail?.concurrentChanges ?? []
  if (entries.length === 0) return []
  const shown = entries.slice(0, MAX_ROWS)
  return [
    '> [!WARNING]',
    '> Another principal changed this stack while the deploy held its lock:',
    ...shown.map(entry => `> - ${time(entry.time)} ${text(entry.eventName)} by ${text(entry.principal)}`),
    ...(entries.length > shown.length ? [`> - … and ${entries.length - shown.length} more`] : []),
    ''
  ]
}

function notes(report: Report): string[] {
  return report.notes.slice(0, MAX_ROWS).flatMap(note => [`> ${prose(note)}`, ''])
}

/**
 * The deploy as a Mermaid gantt: open when the operation failed (the picture answers "what was slow, what broke
 * first"), folded when it succeeded.
 */
function picture(report: Report): string[] {
  const chart = renderGantt(report.stack.name, report.events)
  if (!chart) return []
  const legend =
    '✗ failed (red) · ↺ failed or cancelled because of another failure (grey) · … never finished · ✓ completed' +
    (chart.omitted > 0
      ? ` · ${chart.omitted} more resources not drawn (every failure and the 10 slowest are); the event log below lists them`
      : '')
  const body = ['```mermaid', chart.mermaid, '```', '', legend, '']
  return report.stack.failed
    ? ['#### The operation, resource by resource', '', ...body]
    : ['<details><summary>The operation, resource by resource</summary>', '', ...body, '</details>', '']
}

function links(report: Report): string[] {
  return [report.links.map(entry => link(entry.label, entry.url)).join(' · '), '']
}

/** The full event log, folded, cut to `maxBytes` with a line saying how many events were left out. */
function eventLog(report: Report, maxBytes: number): string[] {
  const total = report.events.length
  const body: string[] = []
  let used = 0
  for (const event of report.events) {
    const line = codeLine(
      `${time(event.timestamp)} ${resourcePath(event)} ${event.resourceType} ${event.resourceStatus} ${event.resourceStatusReason ?? ''}`
    )
    used += utf8Bytes(line) + 1
    if (used > maxBytes) break
    body.push(line)
  }
  const left = total - body.length
  return [
    `<details><summary>Full event log (${total} events${left ? `, ${left} left out` : ''})</summary>`,
    '',
    '```text',
    ...body,
    '```',
    '',
    ...(left
      ? [
          `${left} of ${total} events were left out to stay under GitHub's 1 MiB summary limit; ${JSON_HAS_ALL}.`,
          ''
        ]
      : []),
    '</details>',
    ''
  ]
}

/** What a step's annotation says; `level` decides `core.error` or `core.warning`. */
export interface Annotation {
  level: 'error' | 'warning'
  title: string
  message: string
}

/**
 * Annotations for a report, most important first: one error per root cause (most likely first), then one warning
 * per resource that never finished. The step caps them at ANNOTATIONS_PER_TYPE (see src/action/annotations.ts).
 */
export function renderAnnotations(report: Report): Annotation[] {
  const causes = report.rootCauses.map(cause => {
    const verdict = evidenceFor(report, cause)?.verdict
    return {
      level: 'error' as const,
      title: neutraliseForLog(clip(`${report.stack.name}: ${cause.logicalResourceId} ${cause.status}`, 200)),
      message: neutraliseForLog(
        clip(
          `${cause.resourceType}${cause.nestedPath.length ? ` in ${cause.nestedPath.join('/')}` : ''}: ${cause.reason}` +
            (verdict ? ` — ${verdict}` : ''),
          2000
        )
      )
    }
  })
  const stuck = report.rootCauses.length
    ? []
    : report.evidence
        .filter(evidence => evidence.verdict)
        .map(evidence => ({
          level: 'warning' as const,
          title: neutraliseForLog(clip(`${report.stack.name}: ${evidence.logicalResourceId}`, 200)),
          message: neutraliseForLog(clip(`${evidence.resourceType}: ${evidence.verdict}`, 2000))
        }))
  return [...causes, ...stuck]
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
  for (const entry of (trail?.apiErrors ?? []).slice(0, 5))
    parts.push(`${entry.eventName} failed with ${entry.errorCode}: ${clip(entry.errorMessage ?? '', 500)}`)
  if (report.rootCauses.length > 1)
    parts.push(`${report.rootCauses.length} root causes in all; see the job summary.`)
  if (report.stuck) parts.push(clip(report.stuck.wayOut, 2000))
  return neutraliseForLog(clip(parts.join(' '), 8000))
}

/** Step outputs, small whatever the input: `failed-resources` is bounded; the JSON report has everything. */
export function reportOutputs(report: Report): Record<string, string> {
  return {
    'root-cause': neutraliseForLog(clip(rootCauseLine(report), 1000)),
    // JSON with JSON's own escapes for `##[` and hidden characters: a later step may echo it into its log.
    'failed-resources': jsonForLog(
      report.rootCauses.slice(0, FAILED_RESOURCES_MAX).map(cause => {
        const verdict = evidenceFor(report, cause)?.verdict
        return {
          logicalResourceId: cause.logicalResourceId,
          resourceType: cause.resourceType,
          status: cause.status,
          reason: clip(cause.reason, REASON_OUTPUT_CHARS),
          nestedPath: cause.nestedPath,
          ...(verdict ? { evidence: clip(verdict, REASON_OUTPUT_CHARS) } : {})
        }
      }),
      0
    )
  }
}

/**
 * The JSON report: stable field names (REPORT_SCHEMA_VERSION), `rootCauses` most likely first, everything in full.
 * Printed the log-safe way (jsonForLog): the same value once parsed.
 */
export function toJson(report: Report): string {
  return `${jsonForLog(report)}\n`
}
