import { InputError } from '../errors.js'
import { isStackLevelEvent } from '../stack/convert.js'
import type { StackEvent } from '../stack/types.js'

/**
 * What an operation did, in the names DescribeEvents and DescribeStacks `LastOperations` use (plus `IMPORT_STACK`,
 * which CloudFormation runs through a change set and the API files under CREATE_CHANGESET).
 */
export type OperationType =
  | 'CREATE_STACK'
  | 'UPDATE_STACK'
  | 'DELETE_STACK'
  | 'IMPORT_STACK'
  | 'CONTINUE_ROLLBACK'
  | 'ROLLBACK'
  | 'UNKNOWN'

/** One operation of a stack's history, cut from its events. Times are epoch ms. */
export interface StackOperation {
  /** 1 is the newest operation, 2 the one before it, and so on (what `--operation N` counts). */
  number: number
  /** The events' OperationId when they carry one, else the EventId of the stack-level event that opened it. */
  id: string
  type: OperationType
  startedAt: number
  /** Start of the next operation (exclusive), or Infinity for the newest: nested stacks' events fall in between. */
  windowEnd: number
  endedAt: number
  /** The operation's last stack-level status (`UNKNOWN` when the input holds none). */
  finalStatus: string
  failed: boolean
  /** The root stack's own events of this operation, oldest first. */
  rootEvents: StackEvent[]
}

/** `latest`, a number counting back from the newest (1 = newest), or an operation id; undefined = the default. */
export type OperationSelector = string | undefined

const OPENS = new Map<string, OperationType>([
  ['REVIEW_IN_PROGRESS', 'CREATE_STACK'],
  ['CREATE_IN_PROGRESS', 'CREATE_STACK'],
  ['UPDATE_IN_PROGRESS', 'UPDATE_STACK'],
  ['DELETE_IN_PROGRESS', 'DELETE_STACK'],
  ['IMPORT_IN_PROGRESS', 'IMPORT_STACK']
])
const USER_INITIATED = 'User Initiated'

/**
 * The stack's own row, as opposed to one of its resources': `AWS::CloudFormation::Stack` whose PhysicalResourceId is
 * the StackId — or, in a log copied without PhysicalResourceId, whose LogicalResourceId is the stack's name.
 */
export function isStackRow(event: StackEvent): boolean {
  if (isStackLevelEvent(event)) return true
  return (
    event.resourceType === 'AWS::CloudFormation::Stack' &&
    !event.physicalResourceId &&
    event.stackName !== '' &&
    event.logicalResourceId === event.stackName
  )
}

/**
 * Cuts a history (oldest first; nested stacks' events carry a non-empty `nestedPath` and are ignored here) into
 * operations at the root stack's operation starts: create (from REVIEW_IN_PROGRESS or CREATE_IN_PROGRESS), update,
 * delete, import. A rollback belongs to the operation it undoes; a rollback resumed after `*_ROLLBACK_FAILED`
 * (continue-update-rollback) is an operation of its own. A deletion right after a create that did not complete is
 * the clean-up of that create and stays part of it, as `diagnose` reads it (the stack "failed and vanished").
 * Events before the first start (a history cut off at 90 days or by paging) form an operation of their own.
 * @returns oldest first, numbered from the newest (1).
 */
export function splitOperations(events: StackEvent[]): StackOperation[] {
  const root = events.filter(event => event.nestedPath.length === 0)
  const groups: StackEvent[][] = []
  let current: StackEvent[] | undefined
  for (const event of root) {
    if (!current || (isStackRow(event) && opensOperation(current, event))) {
      current = [event]
      groups.push(current)
    } else current.push(event)
  }
  return groups.map((group, index) => {
    const stackRows = group.filter(isStackRow)
    const type = operationType(stackRows)
    const finalStatus = stackRows.at(-1)?.resourceStatus ?? 'UNKNOWN'
    const opener = stackRows[0] ?? group[0]!
    return {
      number: groups.length - index,
      id: opener.operationId ?? opener.eventId,
      type,
      startedAt: group[0]!.timestamp,
      windowEnd: index + 1 < groups.length ? groups[index + 1]![0]!.timestamp : Infinity,
      endedAt: group.at(-1)!.timestamp,
      finalStatus,
      failed: operationFailed(type, stackRows, group),
      rootEvents: group
    }
  })
}

function opensOperation(current: StackEvent[], event: StackEvent): boolean {
  const previous = current.filter(isStackRow).at(-1)
  const previousStatus = previous?.resourceStatus ?? ''
  const ended = previousStatus.endsWith('_COMPLETE') || previousStatus.endsWith('_FAILED')
  const status = event.resourceStatus
  if (status.endsWith('ROLLBACK_IN_PROGRESS')) {
    // A rollback after the operation failed without rolling back (--disable-rollback, then rollback-stack) is
    // still that operation's; one after a completed status or a failed rollback was started on its own.
    return ended && !/^(CREATE|UPDATE|IMPORT)_FAILED$/.test(previousStatus)
  }
  const opens = OPENS.get(status)
  if (!opens) return false
  // Resource rows before any stack row (a log whose first second is out of order) belong to the opener.
  if (!previous) return false
  if (opens === 'CREATE_STACK' && previousStatus === 'REVIEW_IN_PROGRESS') return false
  if (opens === 'DELETE_STACK' && isUnfinishedCreate(current)) return false
  return ended || event.resourceStatusReason === USER_INITIATED
}

/** A create that never reached CREATE_COMPLETE: a deletion after it is its clean-up. */
function isUnfinishedCreate(group: StackEvent[]): boolean {
  const rows = group.filter(isStackRow)
  return operationType(rows) === 'CREATE_STACK' && !rows.some(row => row.resourceStatus === 'CREATE_COMPLETE')
}

function operationType(stackRows: StackEvent[]): OperationType {
  const first = stackRows[0]?.resourceStatus ?? ''
  const opened = OPENS.get(first)
  if (opened) return opened
  if (first.endsWith('ROLLBACK_IN_PROGRESS'))
    return first.startsWith('UPDATE') ? 'CONTINUE_ROLLBACK' : 'ROLLBACK'
  // A history cut off mid-operation: the status names the operation.
  if (/^(CREATE|ROLLBACK)_/.test(first)) return 'CREATE_STACK'
  if (first.startsWith('UPDATE_')) return 'UPDATE_STACK'
  if (first.startsWith('DELETE_')) return 'DELETE_STACK'
  if (first.startsWith('IMPORT_')) return 'IMPORT_STACK'
  return 'UNKNOWN'
}

function operationFailed(type: OperationType, stackRows: StackEvent[], group: StackEvent[]): boolean {
  const statuses = stackRows.map(row => row.resourceStatus)
  if (type === 'CONTINUE_ROLLBACK' || type === 'ROLLBACK' || type === 'DELETE_STACK')
    return statuses.some(status => status.endsWith('_FAILED'))
  if (statuses.length === 0) return group.some(event => event.resourceStatus.endsWith('_FAILED'))
  return statuses.some(status => status.endsWith('_FAILED') || status.includes('ROLLBACK'))
}

/**
 * The operation to explain: by default the newest one that failed, else the newest; `latest`; `N` counting back
 * from the newest (1 = newest); or an operation id as `--list-operations` prints it.
 * @throws InputError when the selector names no operation of the input, listing what is valid.
 */
export function pickOperation(operations: StackOperation[], selector: OperationSelector): StackOperation {
  if (operations.length === 0)
    throw new InputError(
      'The events hold no operation. Give the output of: aws cloudformation describe-stack-events --stack-name NAME --output json'
    )
  const newest = operations.at(-1)!
  if (selector === undefined || selector === '')
    return [...operations].reverse().find(operation => operation.failed) ?? newest
  if (selector === 'latest') return newest
  if (/^\d+$/.test(selector)) {
    const byNumber = operations.find(operation => operation.number === Number(selector))
    if (byNumber) return byNumber
  }
  const byId = operations.find(operation => operation.id === selector)
  if (byId) return byId
  throw new InputError(
    `--operation: "${selector}" names no operation of these events. Valid: latest, 1 to ${operations.length} ` +
      '(1 = newest), or an id that --list-operations prints.'
  )
}

/**
 * When the operation stopped going forward: the root stack's first rollback row, or a deletion after the operation
 * began (the clean-up of a failed create). Failures after it (a rollback that failed, a resource that could not be
 * deleted) are what blocks the stack, not why the operation failed. Infinity when it never turned back.
 */
export function forwardPhaseEnd(ordered: StackEvent[]): number {
  const rows = ordered.filter(event => isStackRow(event) && event.nestedPath.length === 0)
  const turn = rows.find(
    (row, index) =>
      (row.resourceStatus.endsWith('ROLLBACK_IN_PROGRESS') && index > 0) ||
      (row.resourceStatus === 'DELETE_IN_PROGRESS' && index > 0)
  )
  return turn?.timestamp ?? Infinity
}

/** The events of one operation: the root stack's, and the nested stacks' that fall within its window. */
export function eventsOfOperation(events: StackEvent[], operation: StackOperation): StackEvent[] {
  const own = new Set(operation.rootEvents)
  return events.filter(
    event =>
      own.has(event) ||
      (event.nestedPath.length > 0 &&
        event.timestamp >= operation.startedAt &&
        event.timestamp < operation.windowEnd)
  )
}
