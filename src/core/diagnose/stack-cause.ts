import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { isStackRow } from './operations.js'
import { specificStackReason } from './reason.js'

const CANCELLED_UPDATE =
  'The update was cancelled (CancelUpdateStack, or "Cancel update stack" in the console) and rolled back; ' +
  'no resource had failed before the cancel.'

/** The root stack's rollback started by a user rather than by a failure: a cancelled update. */
export function isCancelledUpdate(event: StackEvent): boolean {
  return (
    isStackRow(event) &&
    event.nestedPath.length === 0 &&
    event.resourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS' &&
    (event.resourceStatusReason ?? '').trim() === 'User Initiated'
  )
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
 * A stack's own row in a final `*_COMPLETE` status with such a reason is an operation CloudFormation refused
 * (isRefusal). The root stack's `UPDATE_ROLLBACK_IN_PROGRESS` "User Initiated" is a cancelled update
 * (CancelUpdateStack; lono's `cfn cancel` log shows exactly this row) unless the operation is a resumed rollback
 * (`continuedRollback`: continue-update-rollback after UPDATE_ROLLBACK_FAILED).
 * The same stack named twice (its own row and its parent's row for it) is kept once, its own row first.
 */
export function stackLevelCandidates(
  events: StackEvent[],
  options: { continuedRollback?: boolean } = {}
): StackLevelCandidate[] {
  const candidates: StackLevelCandidate[] = []
  for (const event of events) {
    const own = isStackRow(event)
    const nestedResource =
      !own && event.resourceType === NESTED_STACK_TYPE && event.resourceStatus.endsWith('_FAILED')
    if (!own && !nestedResource) continue
    const specific =
      !options.continuedRollback && isCancelledUpdate(event)
        ? CANCELLED_UPDATE
        : specificStackReason(event.resourceStatusReason)
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
