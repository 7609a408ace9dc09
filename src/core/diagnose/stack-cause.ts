import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { isStackRow } from './operations.js'
import { isCascade } from './reason.js'

/**
 * Sentences CloudFormation adds to a stack's own rows that say only that something failed elsewhere or who asked:
 * on their own they are never a root cause. Matched as plain text (no regular expression runs over AWS text here).
 */
const GENERIC_SENTENCES = [
  'Rollback requested by user.',
  'User Initiated',
  'Resource creation Initiated',
  'Resource update Initiated'
]
const FAILED_LIST = 'The following resource(s) failed to '
const EMBEDDED = 'Embedded stack '
const NOT_SUCCESSFULLY = ' was not successfully '

/**
 * What a stack's own row says beyond the generic summaries: "No export named X found. Rollback requested by user."
 * → "No export named X found."; an "Embedded stack … was not successfully created: " prefix is dropped and its
 * remainder judged the same way. Empty when nothing specific is left, or only a cascade.
 */
export function specificStackReason(reason: string | undefined): string {
  let text = (reason ?? '').trim()
  if (text.startsWith(EMBEDDED)) {
    const verb = text.indexOf(NOT_SUCCESSFULLY)
    const colon = verb < 0 ? -1 : text.indexOf(': ', verb)
    text = colon < 0 ? '' : text.slice(colon + 2)
  }
  for (;;) {
    const start = text.indexOf(FAILED_LIST)
    if (start < 0) break
    const close = text.indexOf(']', start)
    const end = close < 0 ? text.length : text[close + 1] === '.' ? close + 2 : close + 1
    text = `${text.slice(0, start)} ${text.slice(end)}`
  }
  for (const sentence of GENERIC_SENTENCES) text = text.split(sentence).join(' ')
  text = text.split(/\s+/).join(' ').trim()
  return text === '' || text === '.' || isCascade(text) ? '' : text
}

/** A stack's row (root or nested) or a nested-stack resource row whose reason says why, beyond the generic. */
export interface StackLevelCandidate {
  event: StackEvent
  /** The specific part of the reason. */
  specific: string
  /** Where the failed stack sits: its logical id in the parent (the stack name for the root) and the path to it. */
  logicalResourceId: string
  nestedPath: string[]
  /** The failed stack's ARN (for a nested-stack resource row, its PhysicalResourceId). */
  stackArn: string
}

/**
 * The stack-level failures of an operation, oldest first: a stack's own rows (ROLLBACK_IN_PROGRESS,
 * UPDATE_ROLLBACK_IN_PROGRESS, CREATE_FAILED, UPDATE_FAILED, sometimes CREATE_IN_PROGRESS) and nested-stack
 * resource rows ("Embedded stack … was not successfully created: <why>") whose reason says something specific.
 * The same stack named twice (its own row and its parent's row for it) is kept once, its own row first.
 */
export function stackLevelCandidates(events: StackEvent[]): StackLevelCandidate[] {
  const candidates: StackLevelCandidate[] = []
  for (const event of events) {
    if (event.resourceStatus.endsWith('_COMPLETE')) continue
    const own = isStackRow(event)
    const nestedResource =
      !own && event.resourceType === NESTED_STACK_TYPE && event.resourceStatus.endsWith('_FAILED')
    if (!own && !nestedResource) continue
    const specific = specificStackReason(event.resourceStatusReason)
    if (!specific) continue
    candidates.push(
      own
        ? {
            event,
            specific,
            logicalResourceId: event.nestedPath.at(-1) ?? (event.stackName || event.logicalResourceId),
            nestedPath: event.nestedPath.slice(0, -1),
            stackArn: event.stackId
          }
        : {
            event,
            specific,
            logicalResourceId: event.logicalResourceId,
            nestedPath: event.nestedPath,
            stackArn: event.physicalResourceId ?? ''
          }
    )
  }
  const ordered = candidates.sort(
    (a, b) =>
      a.event.timestamp - b.event.timestamp || Number(isStackRow(b.event)) - Number(isStackRow(a.event))
  )
  const seen = new Set<string>()
  return ordered.filter(candidate => {
    const key = [...candidate.nestedPath, candidate.logicalResourceId].join('/')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
