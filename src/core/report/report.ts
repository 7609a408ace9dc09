import type { Finding, RootCause } from '../diagnose/root-cause.js'
import type { TrailContext, TrailEntry } from '../diagnose/cloudtrail.js'
import { consoleUrl } from '../console-url.js'
import type { Evidence } from '../evidence/types.js'
import { describeResource, resourcePath } from '../stack/format.js'
import type { LoadedOperation } from '../diagnose/load.js'
import type { OperationType } from '../diagnose/operations.js'
import type { StuckStack } from '../diagnose/stuck.js'
import type { StackEvent } from '../stack/types.js'

/** Bumped on any incompatible change to the JSON report. */
export const REPORT_SCHEMA_VERSION = 1

/** One diagnosis, rendered as the job summary, annotations, outputs and a JSON file. */
export interface Report {
  schemaVersion: number
  generatedAt: string
  region: string
  stack: {
    name: string
    id: string
    finalStatus: string
    deleted: boolean
    failed: boolean
    operationStartedAt: string
    operationEndedAt: string
    durationSeconds: number
  }
  /**
   * Which operation of the input this report explains: `number` counts back from the newest (1), `count` is how many
   * the input held (`explain`; `diagnose` reads only the latest, so there it is 1).
   */
  operation?: {
    number: number
    count: number
    id: string
    type: OperationType
    startedAt: string
    finalStatus: string
  }
  lock?: { keys: string[]; fences: number[]; waitedSeconds: number; heldSeconds: number }
  /**
   * UPDATE_ROLLBACK_FAILED, ROLLBACK_FAILED, DELETE_FAILED: the resources whose rollback or deletion failed (what
   * blocks the stack now) and the way out (continue-update-rollback / delete-stack with the ids to skip or retain).
   */
  stuck?: StuckStack
  /** Most likely cause first. */
  rootCauses: RootCause[]
  findings: Finding[]
  /** What ECS, RDS and CloudWatch Logs say about the failed (or stuck) resources, in root-cause order. */
  evidence: Evidence[]
  cloudTrail?: TrailContext
  notes: string[]
  events: StackEvent[]
  links: { label: string; url: string }[]
}

export function buildReport(input: {
  operation: LoadedOperation
  rootCauses: RootCause[]
  findings: Finding[]
  evidence?: Evidence[]
  region: string
  now: number
  cloudTrail?: TrailContext
  lock?: Report['lock']
  operationInfo?: Report['operation']
  stuck?: StuckStack
}): Report {
  const { operation, region } = input
  const failed = /FAILED|ROLLBACK|DELETE_COMPLETE/.test(operation.status) || input.rootCauses.length > 0
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: new Date(input.now).toISOString(),
    region,
    stack: {
      name: operation.stackName,
      id: operation.stackId,
      finalStatus: operation.status,
      deleted: operation.deleted,
      failed,
      operationStartedAt: new Date(operation.startedAt).toISOString(),
      operationEndedAt: new Date(operation.endedAt).toISOString(),
      durationSeconds: Math.round((operation.endedAt - operation.startedAt) / 1000)
    },
    ...(input.operationInfo ? { operation: input.operationInfo } : {}),
    ...(input.lock ? { lock: input.lock } : {}),
    ...(input.stuck ? { stuck: input.stuck } : {}),
    rootCauses: input.rootCauses,
    findings: input.findings,
    evidence: input.evidence ?? [],
    ...(input.cloudTrail ? { cloudTrail: input.cloudTrail } : {}),
    notes: [...operation.notes, ...(input.cloudTrail?.caveats ?? [])],
    events: operation.events,
    links: consoleLinks(region, operation, input.cloudTrail)
  }
}

function consoleLinks(region: string, operation: LoadedOperation, trail?: TrailContext): Report['links'] {
  const links = [
    {
      label: 'CloudFormation stack events',
      url: consoleUrl(
        region,
        `cloudformation/home?region=${region}#/stacks/events?stackId=${encodeURIComponent(operation.stackId)}`
      )
    }
  ]
  if (trail) {
    links.push({
      label: 'CloudTrail event history for the stack',
      url: consoleUrl(
        region,
        `cloudtrailv2/home?region=${region}#/events?ResourceName=${encodeURIComponent(operation.stackName)}` +
          `&StartTime=${encodeURIComponent(new Date(trail.window.start).toISOString())}&EndTime=${encodeURIComponent(new Date(trail.window.end).toISOString())}`
      )
    })
  }
  return links
}

export function trailEventUrl(region: string, entry: TrailEntry): string {
  return consoleUrl(region, `cloudtrailv2/home?region=${region}#/events/${encodeURIComponent(entry.eventId)}`)
}

/** The one-line answer to "what failed, and why". */
export function rootCauseLine(report: Report): string {
  const cause = report.rootCauses[0]
  if (!cause) {
    const stuck = report.evidence.find(evidence => evidence.verdict)
    if (stuck)
      return `${report.stack.name} ended ${report.stack.finalStatus}; ${describeResource(stuck)} never finished: ${stuck.verdict}`
    const finding = report.findings[0]
    if (finding)
      return `${report.stack.name}: ${finding.kind} failure on ${finding.logicalResourceId}: ${finding.detail}`
    return `${report.stack.name} ended ${report.stack.finalStatus}; no failed resource event was found.`
  }
  const where = resourcePath(cause)
  if (cause.scope === 'stack')
    return `${report.stack.name}: the stack ${where} itself failed (${cause.status}): ${cause.summary || cause.reason}`
  const verdict = evidenceFor(report, cause)?.verdict
  return `${report.stack.name}: ${describeResource(cause)} ${cause.status}: ${cause.summary || cause.reason}${verdict ? ` — ${verdict}` : ''}`
}

/** The evidence gathered for a root cause (or any resource), if any. */
export function evidenceFor(
  report: Pick<Report, 'evidence'>,
  resource: { stackId: string; logicalResourceId: string }
): Evidence | undefined {
  return report.evidence.find(
    evidence =>
      evidence.stackId === resource.stackId && evidence.logicalResourceId === resource.logicalResourceId
  )
}
