import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { forwardPhaseEnd, isRefusal, isStackRow } from './operations.js'
import { failedList, isCascade, parseReason, specificity, type ParsedReason } from './reason.js'
import { stackLevelCandidates, type StackLevelCandidate } from './stack-cause.js'

export interface RootCause extends ParsedReason {
  stackName: string
  stackId: string
  logicalResourceId: string
  physicalResourceId?: string
  resourceType: string
  status: string
  reason: string
  timestamp: number
  /** Logical ids of the nested stacks from the root down to the one that failed (empty for the root). */
  nestedPath: string[]
  /**
   * `resource`: a resource failed. `stack`: the stack itself failed with no failed resource (a missing or still
   * imported export, a failed transform, capabilities, parameters); its logical id is the stack's name, or for a
   * nested stack its logical id in the parent, and `reason` comes from the stack's own events.
   */
  scope?: 'resource' | 'stack'
}

export interface Finding {
  kind: 'validation' | 'hook'
  stackName: string
  logicalResourceId: string
  detail: string
  path?: string
  hookType?: string
  failureMode?: string
  timestamp: number
}

export interface Analysis {
  rootCauses: RootCause[]
  findings: Finding[]
}

export interface AnalyseOptions {
  /**
   * The events are a resumed rollback (continue-update-rollback): its "User Initiated" rollback row is not a
   * cancelled update.
   */
  continuedRollback?: boolean
}

/** Failures that happen this close to the first one count as "at once". */
const SIMULTANEOUS_MS = 5_000

/**
 * The root cause of a failed operation (DESIGN.md §5), from its events (root and nested, any order):
 * 1. the chronologically first `*_FAILED` resource events before the rollback (or clean-up deletion) began that are
 *    not cascades, drilled into nested stacks (their events carry `nestedPath`), all of those that failed at once,
 *    most specific first;
 * 2. else the stack itself, when a stack's own rows say why (no export named …, an export in use, a failed
 *    transform, capabilities, parameters) — never the generic summaries alone; a nested stack this way is named by
 *    its logical id in the parent;
 * 3. else, when only cascades remain (a nested stack whose own events are missing), the earliest of them;
 * 4. else, when only a stack's generic summary is left ("The following resource(s) failed to create: [A, B]" with
 *    no row of A or B in the input), the resources it lists, each saying its own event is missing — never the
 *    summary itself as the cause.
 */
export function analyse(events: StackEvent[], options: AnalyseOptions = {}): Analysis {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp)
  const cutoff = forwardPhaseEnd(ordered)
  const forward = ordered.filter(event => event.timestamp <= cutoff)
  const isFailure = (event: StackEvent) =>
    event.resourceStatus.endsWith('_FAILED') && !isValidationOrHook(event)
  const resourceFailures = ordered.filter(event => isFailure(event) && !isStackRow(event))
  const real = forward.filter(
    event =>
      isFailure(event) &&
      !isStackRow(event) &&
      !isCascade(event.resourceStatusReason) &&
      !(event.resourceType === NESTED_STACK_TYPE && hasChildEvents(events, event))
  )
  const stackCauses = real.length === 0 && showsFailure(ordered) ? stackLevelCandidates(forward, options) : []
  const fallback = resourceFailures.slice(0, 1)
  const rootCauses =
    real.length > 0
      ? atOnce(real).map(toRootCause)
      : stackCauses.length > 0
        ? stackCauses
            .filter(
              candidate => candidate.event.timestamp - stackCauses[0]!.event.timestamp <= SIMULTANEOUS_MS
            )
            .map(toStackCause)
        : fallback.length > 0
          ? fallback.map(toRootCause)
          : listedInSummary(forward)
  return { rootCauses: dedupe(rootCauses), findings: findings(ordered) }
}

/** The candidates that failed within SIMULTANEOUS_MS of the first, most specific reason first. */
function atOnce(candidates: StackEvent[]): StackEvent[] {
  const first = candidates[0]?.timestamp ?? 0
  return candidates
    .filter(event => event.timestamp - first <= SIMULTANEOUS_MS)
    .sort(
      (a, b) =>
        specificity(b.resourceStatusReason) - specificity(a.resourceStatusReason) || a.timestamp - b.timestamp
    )
}

/**
 * A stack row (root or nested) that failed or rolled back, or a refused operation: a successful operation has no
 * stack-level cause.
 */
function showsFailure(ordered: StackEvent[]): boolean {
  return ordered.some(
    event =>
      ((isStackRow(event) || event.resourceType === NESTED_STACK_TYPE) &&
        (event.resourceStatus.endsWith('_FAILED') || event.resourceStatus.includes('ROLLBACK'))) ||
      isRefusal(event)
  )
}

/**
 * The resources a stack's own failed or rolled-back row lists when their own rows are not in the input (a log that
 * kept only the stack's rows): named, with the stack's row as the only evidence, so the user knows where to look.
 */
function listedInSummary(forward: StackEvent[]): RootCause[] {
  for (const event of forward) {
    if (!isStackRow(event)) continue
    const list = failedList(event.resourceStatusReason)
    if (!list) continue
    const { verb, logicalIds } = list
    return logicalIds.map(logicalResourceId => {
      const summary =
        `${logicalResourceId} failed to ${verb}; its own event, with the reason, is not in these events (the ` +
        `stack's ${event.resourceStatus} row lists it).`
      return {
        summary,
        stackName: event.stackName,
        stackId: event.stackId,
        logicalResourceId,
        resourceType: 'unknown (not in the events)',
        status: `${verb.toUpperCase()}_FAILED`,
        reason: summary,
        timestamp: event.timestamp,
        // The stack's own row carries the path to that stack: its resources sit at the same path, one level in.
        nestedPath: event.nestedPath,
        scope: 'resource' as const
      }
    })
  }
  return []
}

function toStackCause(candidate: StackLevelCandidate): RootCause {
  const { event } = candidate
  return {
    ...parseReason(candidate.specific),
    stackName: event.stackName,
    stackId: event.stackId,
    logicalResourceId: candidate.logicalResourceId,
    ...(candidate.stackArn ? { physicalResourceId: candidate.stackArn } : {}),
    resourceType: NESTED_STACK_TYPE,
    status: event.resourceStatus,
    reason: event.resourceStatusReason ?? '',
    timestamp: event.timestamp,
    nestedPath: candidate.nestedPath,
    scope: 'stack'
  }
}

function hasChildEvents(events: StackEvent[], nestedResource: StackEvent): boolean {
  return events.some(
    event => event.stackId === nestedResource.physicalResourceId && event.nestedPath.length > 0
  )
}

function isValidationOrHook(event: StackEvent): boolean {
  return (
    event.eventType === 'VALIDATION_ERROR' ||
    event.eventType === 'HOOK_INVOCATION_ERROR' ||
    Boolean(event.hookStatus)
  )
}

function toRootCause(event: StackEvent): RootCause {
  return {
    ...parseReason(event.resourceStatusReason),
    stackName: event.stackName,
    stackId: event.stackId,
    logicalResourceId: event.logicalResourceId,
    ...(event.physicalResourceId ? { physicalResourceId: event.physicalResourceId } : {}),
    resourceType: event.resourceType,
    status: event.resourceStatus,
    reason: event.resourceStatusReason ?? '',
    timestamp: event.timestamp,
    nestedPath: event.nestedPath,
    scope: 'resource'
  }
}

function dedupe(causes: RootCause[]): RootCause[] {
  const seen = new Set<string>()
  return causes.filter(cause => {
    const key = `${cause.stackId}/${cause.logicalResourceId}/${cause.status}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function findings(events: StackEvent[]): Finding[] {
  const result: Finding[] = []
  for (const event of events) {
    if (event.eventType === 'VALIDATION_ERROR' || event.validationStatusReason) {
      result.push({
        kind: 'validation',
        stackName: event.stackName,
        logicalResourceId: event.logicalResourceId,
        detail: event.validationStatusReason ?? event.resourceStatusReason ?? '',
        ...(event.validationPath ? { path: event.validationPath } : {}),
        timestamp: event.timestamp
      })
    } else if (event.hookStatus && /FAILED/.test(event.hookStatus)) {
      result.push({
        kind: 'hook',
        stackName: event.stackName,
        logicalResourceId: event.logicalResourceId,
        detail: event.hookStatusReason ?? event.resourceStatusReason ?? '',
        ...(event.hookType ? { hookType: event.hookType } : {}),
        ...(event.hookFailureMode ? { failureMode: event.hookFailureMode } : {}),
        timestamp: event.timestamp
      })
    }
  }
  return result
}
