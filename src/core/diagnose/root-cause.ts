import { isStackLevelEvent } from '../stack/convert.js'
import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { isCascade, parseReason, specificity, type ParsedReason } from './reason.js'

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

/** Failures that happen this close to the first one count as "at once". */
const SIMULTANEOUS_MS = 5_000

/**
 * The root cause of a failed operation: the chronologically first `*_FAILED` resource events that are not cascades,
 * drilled into nested stacks (their events carry `nestedPath`), all of those that failed at once, most specific first.
 * When only cascades remain (a nested stack whose own events are missing), the earliest of them is the best answer.
 */
export function analyse(events: StackEvent[]): Analysis {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp)
  const failures = ordered.filter(
    event => event.resourceStatus.endsWith('_FAILED') && !isValidationOrHook(event)
  )
  const resourceFailures = failures.filter(event => !isStackLevelEvent(event))
  const real = resourceFailures.filter(
    event =>
      !isCascade(event.resourceStatusReason) &&
      !(event.resourceType === NESTED_STACK_TYPE && hasChildEvents(events, event))
  )
  const candidates =
    real.length > 0 ? real : resourceFailures.length > 0 ? resourceFailures.slice(0, 1) : failures.slice(0, 1)
  const first = candidates[0]?.timestamp ?? 0
  const rootCauses = candidates
    .filter(event => event.timestamp - first <= SIMULTANEOUS_MS)
    .sort(
      (a, b) =>
        specificity(b.resourceStatusReason) - specificity(a.resourceStatusReason) || a.timestamp - b.timestamp
    )
    .map(toRootCause)
  return { rootCauses: dedupe(rootCauses), findings: findings(ordered) }
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
    nestedPath: event.nestedPath
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
