import type { StackEvent as SdkStackEvent } from '@aws-sdk/client-cloudformation'
import { InputError } from '../errors.js'
import { toStackEvent } from '../stack/convert.js'
import type { Report } from '../report/report.js'
import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { reportFromEvents } from './diagnose.js'
import {
  eventsOfOperation,
  isStackRow,
  pickOperation,
  splitOperations,
  type OperationSelector,
  type OperationType,
  type StackOperation
} from './operations.js'
import { analyse } from './root-cause.js'
import { resourcePath } from '../stack/format.js'

export interface ExplainOptions {
  /** Which operation: undefined = the newest that failed, else the newest; `latest`; `N` (1 = newest); an id. */
  operation?: OperationSelector
  region?: string
  /** Epoch ms, for `generatedAt`. */
  now?: number
}

/** The events of a stack history and of its nested stacks, already parsed (any order; see parseEventDump). */
export interface EventHistory {
  events: StackEvent[]
  /** Each nested stack's own events, matched to their parent by the nested stack's ARN. */
  nested?: StackEvent[][]
}

/** One line of `--list-operations`. */
export interface OperationSummary {
  number: number
  id: string
  type: OperationType
  startedAt: string
  finalStatus: string
  failed: boolean
  /** `Path/LogicalId: reason` of the first root cause, when the operation failed. */
  rootCause?: string
}

/**
 * Explains one operation of a stack's history — events in, report out, nothing read or written (the core of
 * `deploy-guard explain`, and what the real-failures corpus runs). The history is cut into operations
 * (splitOperations); the one picked (pickOperation: by default the newest that failed) is analysed with the nested
 * stacks' events of its time window. The report names the operation and how many the history held; its final status
 * is that operation's last stack status.
 * @throws InputError when the selector names no operation, or the history holds none.
 */
export function explainHistory(history: EventHistory, options: ExplainOptions = {}): Report {
  const { events, notes } = withNested(history)
  const operations = splitOperations(events)
  const operation = pickOperation(operations, options.operation)
  const own = eventsOfOperation(events, operation)
  const stack = stackIdentity(operation.rootEvents)
  return reportFromEvents({
    stackName: stack.name,
    stackId: stack.id,
    status: operation.finalStatus,
    deleted: operation.finalStatus === 'DELETE_COMPLETE',
    events: own,
    region: options.region ?? 'unknown',
    now: options.now ?? 0,
    notes,
    operationInfo: {
      number: operation.number,
      count: operations.length,
      id: operation.id,
      type: operation.type,
      startedAt: new Date(operation.startedAt).toISOString(),
      finalStatus: operation.finalStatus
    }
  })
}

/** Every operation of the history, newest first, each with its first root cause (`--list-operations`). */
export function listHistoryOperations(history: EventHistory): OperationSummary[] {
  const { events } = withNested(history)
  return splitOperations(events)
    .map(operation => summarise(operation, eventsOfOperation(events, operation)))
    .reverse()
}

/**
 * `deploy-guard explain`: what `aws cloudformation describe-stack-events --output json` prints
 * (`{"StackEvents": [...]}` or a bare array; newest first as the CLI prints it, or oldest first), with nested
 * stacks' dumps matched to their parent by stack ARN. Text or already-parsed JSON.
 * @throws InputError on a dump that is not such JSON, or a selector that names no operation.
 */
export function explainEvents(root: unknown, nested: unknown[] = [], options: ExplainOptions = {}): Report {
  return explainHistory(parseDumps(root, nested), options)
}

/** `deploy-guard explain --list-operations`: the dump's operations, newest first. */
export function listOperations(root: unknown, nested: unknown[] = []): OperationSummary[] {
  return listHistoryOperations(parseDumps(root, nested))
}

/** `N  START  TYPE  FINAL-STATUS  first root cause` lines, newest first. */
export function formatOperationList(summaries: OperationSummary[]): string {
  return summaries
    .map(summary =>
      [
        String(summary.number).padStart(3),
        summary.startedAt,
        summary.type.padEnd(17),
        summary.finalStatus.padEnd(24),
        summary.rootCause ?? (summary.failed ? '(no failed resource event)' : '-'),
        ` id ${summary.id}`
      ].join('  ')
    )
    .join('\n')
}

function parseDumps(root: unknown, nested: unknown[]): EventHistory {
  return {
    events: parseEventDump(root, 'the events file'),
    nested: nested.map((dump, index) => parseEventDump(dump, `nested file ${index + 1}`))
  }
}

function summarise(operation: StackOperation, events: StackEvent[]): OperationSummary {
  const cause = operation.failed
    ? analyse(events, { continuedRollback: operation.type === 'CONTINUE_ROLLBACK' }).rootCauses[0]
    : undefined
  return {
    number: operation.number,
    id: operation.id,
    type: operation.type,
    startedAt: new Date(operation.startedAt).toISOString(),
    finalStatus: operation.finalStatus,
    failed: operation.failed,
    ...(cause ? { rootCause: `${resourcePath(cause)}: ${cause.summary || cause.reason}` } : {})
  }
}

function stackIdentity(rootEvents: StackEvent[]): { name: string; id: string } {
  const row = rootEvents.find(isStackRow) ?? rootEvents[0]
  return { name: row?.stackName || 'unknown', id: row?.stackId || 'unknown' }
}

/**
 * The root events with every nested dump whose stack is one of theirs (at any depth), each event carrying the
 * logical ids down to its stack; a dump that matches no nested stack is left out with a note. A parent's row names its
 * nested stack by ARN (PhysicalResourceId); a log copied without it still names the stack CloudFormation created as
 * `<parent name>-<logical id>-<suffix>`.
 */
function withNested(history: EventHistory): { events: StackEvent[]; notes: string[] } {
  const rootEvents = history.events.map(event => ({ ...event, nestedPath: [] as string[] }))
  const dumps = (history.nested ?? []).filter(dump => dump.length > 0)
  const events = [...rootEvents]
  const keyOf = (event: StackEvent) => event.stackId || `name:${event.stackName}`
  const pathOf = new Map<string, string[]>(rootEvents[0] ? [[keyOf(rootEvents[0]), []]] : [])
  const used = new Set<StackEvent[]>()
  let added = true
  while (added) {
    added = false
    for (const event of [...events]) {
      if (event.resourceType !== NESTED_STACK_TYPE || isStackRow(event)) continue
      const byName = `${event.stackName}-${event.logicalResourceId}-`
      const dump = dumps.find(
        candidate =>
          !used.has(candidate) &&
          (event.physicalResourceId
            ? candidate[0]?.stackId === event.physicalResourceId
            : Boolean(event.stackName) && Boolean(candidate[0]?.stackName.startsWith(byName)))
      )
      if (!dump) continue
      const path = [...(pathOf.get(keyOf(event)) ?? []), event.logicalResourceId]
      pathOf.set(keyOf(dump[0]!), path)
      events.push(...dump.map(child => ({ ...child, nestedPath: path })))
      used.add(dump)
      added = true
    }
  }
  const notes = dumps
    .filter(dump => !used.has(dump))
    .map(
      dump =>
        `The events of ${dump[0]?.stackName || dump[0]?.stackId || 'a nested stack'} belong to no nested stack of these events and were left out.`
    )
  return { events: events.sort((a, b) => a.timestamp - b.timestamp), notes }
}

/**
 * One describe-stack-events dump (text, `{"StackEvents": [...]}` or a bare array) as domain events, oldest first.
 * The order is read from the timestamps: the AWS CLI prints newest first, a hand-copied log may be oldest first;
 * events of the same second keep the dump's order.
 * @throws InputError when it is not such JSON.
 */
export function parseEventDump(dump: unknown, name = 'the events file'): StackEvent[] {
  const hint = 'Give the output of: aws cloudformation describe-stack-events --stack-name NAME --output json'
  let parsed = dump
  if (typeof dump === 'string') {
    try {
      parsed = JSON.parse(dump)
    } catch (error) {
      throw new InputError(`${name} is not JSON (${(error as Error).message}). ${hint}`)
    }
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { StackEvents?: unknown } | null)?.StackEvents
  if (!Array.isArray(list)) throw new InputError(`${name} has no StackEvents list. ${hint}`)
  list.forEach((event, index) => checkEventRow(event, `${name}: StackEvents[${index}]`, hint))
  // The CLI prints the API's own shape with the timestamp as text: one conversion serves both.
  const events = (list as (Omit<SdkStackEvent, 'Timestamp'> & { Timestamp: string })[]).map(event =>
    toStackEvent({ ...event, Timestamp: new Date(Date.parse(event.Timestamp)) }, [])
  )
  const first = events[0]?.timestamp ?? 0
  const last = events.at(-1)?.timestamp ?? 0
  const oldestFirst = (first < last ? events : events.reverse()).sort((a, b) => a.timestamp - b.timestamp)
  return withStackName(oldestFirst)
}

/** The text fields of a describe-stack-events row; the first three every row has. */
const REQUIRED_FIELDS = ['LogicalResourceId', 'ResourceStatus', 'Timestamp'] as const
const TEXT_FIELDS = [
  ...REQUIRED_FIELDS,
  'ResourceType',
  'ResourceStatusReason',
  'PhysicalResourceId',
  'StackName',
  'StackId',
  'EventId',
  'OperationId'
] as const

/**
 * One row of a dump is what describe-stack-events prints: an object whose text fields are strings, with a logical
 * id, a status and a timestamp that parses. Anything else (a field of another type, a row copied without its time)
 * cannot be ordered or explained, and is named, with where it is.
 * @throws InputError naming the row and the field
 */
function checkEventRow(event: unknown, where: string, hint: string): void {
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    throw new InputError(`${where} is not an event object. ${hint}`)
  const row = event as Record<string, unknown>
  for (const field of REQUIRED_FIELDS)
    if (row[field] === undefined || row[field] === null || row[field] === '')
      throw new InputError(`${where} has no ${field}; every stack event has one. ${hint}`)
  for (const field of TEXT_FIELDS)
    if (row[field] !== undefined && row[field] !== null && typeof row[field] !== 'string')
      throw new InputError(`${where}.${field} is ${shown(row[field])}, not text. ${hint}`)
  if (Number.isNaN(Date.parse(row.Timestamp as string)))
    throw new InputError(
      `${where}.Timestamp ${shown(row.Timestamp)} is not a time; the AWS CLI prints ISO 8601, e.g. 2024-05-01T12:00:00.000Z. ${hint}`
    )
}

/** A value from the dump in an error: as JSON, at most 60 characters. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/**
 * A log copied without StackName (CDK's console output, a forum post) still has the stack's own rows: the stack's
 * name is the logical id of the `AWS::CloudFormation::Stack` row in a status only stacks take (a rollback, clean-up
 * or review), else of the last such row (an operation ends on the stack's row).
 */
function withStackName(events: StackEvent[]): StackEvent[] {
  if (events.every(event => event.stackName)) return events
  const stackTyped = events.filter(event => event.resourceType === NESTED_STACK_TYPE)
  const stackOnly = stackTyped.find(event => /ROLLBACK|CLEANUP|REVIEW/.test(event.resourceStatus))
  const name = (stackOnly ?? stackTyped.at(-1))?.logicalResourceId
  if (!name) return events
  return events.map(event => (event.stackName ? event : { ...event, stackName: name }))
}
