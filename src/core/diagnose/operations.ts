import { InputError } from '../errors.js'
import { isStackLevelEvent } from '../stack/convert.js'
import type { StackEvent } from '../stack/types.js'
import { specificStackReason } from './reason.js'

/**
 * What an operation did, in the names DescribeEvents and DescribeStacks `LastOperations` use (plus `IMPORT_STACK`,
 * which CloudFormation runs through a change set and the API files under CREATE_CHANGESET).
 */
export type OperationType =
  'CREATE_STACK' | 'UPDATE_STACK' | 'DELETE_STACK' | 'IMPORT_STACK' | 'CONTINUE_ROLLBACK' | 'UNKNOWN'

/** One operation of a stack's history, cut from its events. Times are epoch ms. */
export interface StackOperation {
  /** 1 is the newest operation, 2 the one before it, and so on (what `--operation N` counts). */
  number: number
  /** The events' OperationId when they carry one, else the EventId of the stack-level event that opened it. */
  id: string
  type: OperationType
  startedAt: number
  /**
   * End of the previous operation (exclusive), or -Infinity for the oldest: a copied log may lack the rows that
   * opened this one, while a nested stack's own dump still shows them.
   */
  windowStart: number
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

/** The stack's own row, as opposed to one of its resources' (one rule for the whole project: isStackLevelEvent). */
export const isStackRow = isStackLevelEvent

/**
 * Cuts a history (oldest first; nested stacks' events carry a non-empty `nestedPath` and are ignored here) into
 * operations at the root stack's operation starts: create (from REVIEW_IN_PROGRESS or CREATE_IN_PROGRESS), update,
 * delete, import. A rollback belongs to the operation it undoes; a rollback resumed after `UPDATE_ROLLBACK_FAILED`
 * (continue-update-rollback) is an operation of its own. A deletion right after a create that did not complete is
 * the clean-up of that create and stays part of it, as `diagnose` reads it (the stack "failed and vanished").
 * Copied logs often lack the start row: any row after the stack reached a final status (`*_COMPLETE`, `*_FAILED`)
 * opens an operation too, because a finished operation receives no more events — except the rollback CloudFormation
 * runs after a `*_FAILED` whose rollback was disabled. Events before the first start (a history cut off at 90 days
 * or by paging) form an operation of their own.
 * @returns oldest first, numbered from the newest (1).
 */
export function splitOperations(events: StackEvent[]): StackOperation[] {
  const root = events.filter(event => event.nestedPath.length === 0)
  const groups: StackEvent[][] = []
  let current: StackEvent[] | undefined
  // Kept as the rows come, so a history of n rows is cut in O(n), not O(n²) (a 90-day dump can hold 10⁵ rows).
  let last = lastStackRowOf()
  let before = ''
  for (const event of root) {
    if (!current || opensOperation(current, last.row(), event, before)) {
      before = current ? (last.row()?.resourceStatus ?? 'UNKNOWN') : ''
      current = [event]
      groups.push(current)
      last = lastStackRowOf()
    } else current.push(event)
    if (isStackRow(event)) last.add(event)
  }
  let previousStatus = ''
  return groups.map((group, index) => {
    const stackRows = group.filter(isStackRow)
    const type = operationType(group, previousStatus)
    const finalStatus = finalStatusOf(group)
    previousStatus = finalStatus
    const opener = stackRows[0] ?? group[0]!
    return {
      number: groups.length - index,
      id: opener.operationId ?? opener.eventId,
      type,
      startedAt: group[0]!.timestamp,
      windowStart: index > 0 ? groups[index - 1]!.at(-1)!.timestamp : -Infinity,
      windowEnd: index + 1 < groups.length ? groups[index + 1]![0]!.timestamp : Infinity,
      endedAt: group.at(-1)!.timestamp,
      finalStatus,
      failed: operationFailed(type, group),
      rootEvents: group
    }
  })
}

/** A status an operation ends in: nothing of that operation follows it (`*_IN_PROGRESS` are all on the way). */
export function isFinalStatus(status: string): boolean {
  return status.endsWith('_COMPLETE') || status.endsWith('_FAILED')
}

/** The group's last stack status, `UNKNOWN` when it holds no stack row; '' for no group. */
function finalStatusOf(group: StackEvent[]): string {
  if (group.length === 0) return ''
  return lastStackRow(group)?.resourceStatus ?? 'UNKNOWN'
}

/**
 * The group's last stack row. Rows of the same time cannot be ordered by it, and copied logs (a tool printing in
 * arrival order, a hand-made copy) sometimes swap a clean-up row and the status it ends in: among the stack rows of
 * the last timestamp, the one in a final status is the last.
 */
function lastStackRow(group: StackEvent[]): StackEvent | undefined {
  const rows = group.filter(isStackRow)
  const last = rows.at(-1)
  if (!last) return undefined
  return rows.findLast(row => row.timestamp === last.timestamp && isFinalStatus(row.resourceStatus)) ?? last
}

/**
 * lastStackRow of a group whose stack rows are added one by one, oldest first: the last row, or the last one in a
 * final status among the rows of the last row's time.
 */
function lastStackRowOf(): { add(row: StackEvent): void; row(): StackEvent | undefined } {
  let last: StackEvent | undefined
  let finalOfLastTime: StackEvent | undefined
  return {
    add(row) {
      if (last && row.timestamp !== last.timestamp) finalOfLastTime = undefined
      last = row
      if (isFinalStatus(row.resourceStatus)) finalOfLastTime = row
    },
    row: () => finalOfLastTime ?? last
  }
}

/**
 * `previous`: lastStackRow(current); `before`: the final status of the operation before `current` ('' when
 * `current` is the first).
 */
function opensOperation(
  current: StackEvent[],
  previous: StackEvent | undefined,
  event: StackEvent,
  before: string
): boolean {
  // Resource rows before any stack row (a log whose first second is out of order) belong to the opener.
  if (!previous) return false
  const previousStatus = previous.resourceStatus
  const ended = isFinalStatus(previousStatus)
  const status = event.resourceStatus
  const opens = isStackRow(event) ? OPENS.get(status) : undefined
  if (opens) {
    if (opens === 'CREATE_STACK' && previousStatus === 'REVIEW_IN_PROGRESS') return false
    if (opens === 'DELETE_STACK' && isUnfinishedCreate(current, before)) return false
    return ended || event.resourceStatusReason === USER_INITIATED
  }
  // A rollback after the operation failed without rolling back (--disable-rollback, then rollback-stack) is
  // still that operation's.
  if (isStackRow(event) && status.endsWith('ROLLBACK_IN_PROGRESS'))
    return ended && !/^(CREATE|UPDATE|IMPORT)_FAILED$/.test(previousStatus)
  // Anything else after a final status — a resource row, a clean-up, a status row repeated with a reason (an
  // operation CloudFormation refused) — belongs to a later operation whose start row the input lacks; unless it has
  // the final status's own time, which cannot tell which came first.
  return ended && event.timestamp !== previous.timestamp
}

/** A create that never reached CREATE_COMPLETE: a deletion after it is its clean-up. */
function isUnfinishedCreate(group: StackEvent[], before: string): boolean {
  return (
    operationType(group, before) === 'CREATE_STACK' &&
    !group.some(row => isStackRow(row) && row.resourceStatus === 'CREATE_COMPLETE')
  )
}

/**
 * What the group of rows did. Its first stack row names it; a log cut off before the start row names it by the
 * phase it shows: a create's rollback (`ROLLBACK_*`), an update's (`UPDATE_ROLLBACK_*`), or, before any stack row,
 * the resources' own verbs (a resource created in a stack an earlier operation left is an update's).
 * `UPDATE_ROLLBACK_IN_PROGRESS` opens an operation of its own (continue-update-rollback) only after
 * `UPDATE_ROLLBACK_FAILED`: after any other status it is the rollback of an update whose start row is missing (a
 * cancelled update among them).
 */
function operationType(group: StackEvent[], previousStatus: string): OperationType {
  const firstRow = group.find(isStackRow)
  const first = firstRow?.resourceStatus ?? ''
  const opened = OPENS.get(first)
  // A deletion that follows resource rows without a start row is the clean-up of what those rows began.
  if (opened && (opened !== 'DELETE_STACK' || firstRow === group[0])) return opened
  if (first === 'UPDATE_ROLLBACK_IN_PROGRESS' && firstRow === group[0])
    return previousStatus === 'UPDATE_ROLLBACK_FAILED' ? 'CONTINUE_ROLLBACK' : 'UPDATE_STACK'
  if (/^(CREATE|ROLLBACK)_/.test(first)) return 'CREATE_STACK'
  if (first.startsWith('UPDATE_')) return 'UPDATE_STACK'
  if (first.startsWith('IMPORT_')) return 'IMPORT_STACK'
  const verbs = group.filter(event => !isStackRow(event)).map(event => event.resourceStatus)
  // Once the stack exists (an earlier operation left it), resources are created and updated only by updates.
  const exists = previousStatus !== '' && previousStatus !== 'DELETE_COMPLETE'
  if (verbs.some(verb => verb.startsWith('UPDATE_'))) return 'UPDATE_STACK'
  if (verbs.some(verb => verb.startsWith('CREATE_'))) return exists ? 'UPDATE_STACK' : 'CREATE_STACK'
  if (first.startsWith('DELETE_') || verbs.some(verb => verb.startsWith('DELETE_'))) return 'DELETE_STACK'
  return 'UNKNOWN'
}

/**
 * Whether the operation failed: a stack status that failed or rolled back, a resource that failed (a create or an
 * update whose clean-up could not delete an old resource leaves it behind), or a final status repeated with a
 * reason of its own (CloudFormation refused the operation: "Export … cannot be deleted as it is in use by …"). A
 * resumed rollback failed only when it failed again.
 */
function operationFailed(type: OperationType, group: StackEvent[]): boolean {
  const stackRows = group.filter(isStackRow)
  const statuses = stackRows.map(row => row.resourceStatus)
  if (type === 'CONTINUE_ROLLBACK') return statuses.some(status => status.endsWith('_FAILED'))
  return (
    statuses.some(status => status.endsWith('_FAILED') || status.includes('ROLLBACK')) ||
    group.some(event => !isStackRow(event) && event.resourceStatus.endsWith('_FAILED')) ||
    stackRows.some(isRefusal)
  )
}

/**
 * A stack row in a final `*_COMPLETE` status that carries a reason of its own: CloudFormation refused an operation
 * and left the stack as it was (a DeleteStack while another stack imports one of its exports: `UPDATE_COMPLETE`
 * "Export … cannot be deleted as it is in use by …").
 */
export function isRefusal(event: StackEvent): boolean {
  return (
    isStackRow(event) &&
    event.resourceStatus.endsWith('_COMPLETE') &&
    specificStackReason(event.resourceStatusReason) !== ''
  )
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
 * began (the clean-up of a failed create) — unless that row is the operation's first (a resumed rollback, a
 * deletion). A log cut off before the start row still turns back at its rollback row when resource rows come
 * before it. Failures after it (a rollback that failed, a resource that could not be deleted) are what blocks the stack, not
 * why the operation failed. Infinity when it never turned back.
 */
export function forwardPhaseEnd(ordered: StackEvent[]): number {
  const root = ordered.filter(event => event.nestedPath.length === 0)
  const turn = root.find(
    (event, index) =>
      index > 0 &&
      isStackRow(event) &&
      (event.resourceStatus.endsWith('ROLLBACK_IN_PROGRESS') || event.resourceStatus === 'DELETE_IN_PROGRESS')
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
        event.timestamp > operation.windowStart &&
        event.timestamp < operation.windowEnd)
  )
}
