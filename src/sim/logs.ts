import { page, readCursor } from './paging.js'
import type { ServiceRecords, SimLogEvent } from './services.js'
import { SimError } from './world.js'

export interface LogsContext {
  records: ServiceRecords
  now: number
}

type Request = Record<string, unknown>

const DEFAULT_LIMIT = 10_000
/** Lines reach CloudWatch Logs a moment after they were written. */
const INGESTION_DELAY_MS = 150

/** Answers one CloudWatch Logs JSON 1.1 action against the scenarios' log lines up to `now`. */
export function handleLogs(action: string, request: Request, ctx: LogsContext): unknown {
  switch (action) {
    case 'GetLogEvents':
      return getLogEvents(request, ctx)
    case 'FilterLogEvents':
      return filterLogEvents(request, ctx)
    default:
      throw new SimError('UnknownOperationException', `The sim does not implement CloudWatch Logs ${action}`)
  }
}

/** A group exists once created (a declared `logGroups` entry) or once it has a line. */
function groupLines(ctx: LogsContext, group: unknown): SimLogEvent[] {
  const lines = ctx.records.logEvents.filter(e => e.group === group && e.at <= ctx.now)
  const declared = ctx.records.logGroups.some(g => g.name === group && g.at <= ctx.now)
  if (lines.length === 0 && !declared)
    throw new SimError('ResourceNotFoundException', 'The specified log group does not exist.')
  return lines
}

function inWindow(e: SimLogEvent, request: Request): boolean {
  const start = typeof request.startTime === 'number' ? request.startTime : -Infinity
  const end = typeof request.endTime === 'number' ? request.endTime : Infinity
  return e.at >= start && e.at < end
}

const shape = (e: SimLogEvent) => ({
  timestamp: e.at,
  message: e.message,
  ingestionTime: e.at + INGESTION_DELAY_MS
})

function limitOf(request: Request): number {
  const limit = typeof request.limit === 'number' ? request.limit : DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > DEFAULT_LIMIT)
    throw new SimError('InvalidParameterException', `limit must be between 1 and ${DEFAULT_LIMIT}`)
  return limit
}

/**
 * GetLogEvents tokens are positions in the stream, shaped like CloudWatch's (`f/<56 digits>/s`): `f/N` reads
 * forward from line N, `b/N` backward from before line N. Lines of a stream only ever arrive at its end, so a
 * position stays valid as the clock moves, and reading forward at the end returns the same token again.
 */
const token = (direction: 'f' | 'b', position: number) =>
  `${direction}/${String(position).padStart(56, '0')}/s`

function readToken(value: unknown): { direction: 'f' | 'b'; position: number } | undefined {
  if (value === undefined) return undefined
  const match = /^([fb])\/(\d{56})\/s$/.exec(String(value))
  if (!match) throw new SimError('InvalidParameterException', 'The specified nextToken is invalid.')
  return { direction: match[1] as 'f' | 'b', position: Number(match[2]) }
}

/** One stream, oldest first; without startFromHead (or token) the newest `limit` lines (CloudWatch's default). */
function getLogEvents(request: Request, ctx: LogsContext) {
  const lines = groupLines(ctx, request.logGroupName).filter(e => e.stream === request.logStreamName)
  if (lines.length === 0)
    throw new SimError('ResourceNotFoundException', 'The specified log stream does not exist.')
  const limit = limitOf(request)
  const at = readToken(request.nextToken)
  const indexed = lines.map((e, index) => ({ e, index })).filter(({ e }) => inWindow(e, request))
  let events: typeof indexed
  if (at?.direction === 'f') events = indexed.filter(x => x.index >= at.position).slice(0, limit)
  else if (at?.direction === 'b') events = indexed.filter(x => x.index < at.position).slice(-limit)
  else events = request.startFromHead === true ? indexed.slice(0, limit) : indexed.slice(-limit)
  const first = events[0]?.index ?? at?.position ?? (request.startFromHead === true ? 0 : lines.length)
  const next = events.length ? events.at(-1)!.index + 1 : first
  return {
    events: events.map(x => shape(x.e)),
    nextForwardToken: token('f', next),
    nextBackwardToken: token('b', first)
  }
}

/** A group search: streams by name or prefix, the time window and the filter pattern, oldest first, paged. */
function filterLogEvents(request: Request, ctx: LogsContext) {
  const names = request.logStreamNames as string[] | undefined
  const prefix = request.logStreamNamePrefix as string | undefined
  if (names && prefix)
    throw new SimError(
      'InvalidParameterException',
      'Cannot specify both logStreamNames and logStreamNamePrefix'
    )
  const matches = compilePattern(typeof request.filterPattern === 'string' ? request.filterPattern : '')
  const events = groupLines(ctx, request.logGroupName).filter(
    e =>
      inWindow(e, request) &&
      (!names || names.includes(e.stream)) &&
      (!prefix || e.stream.startsWith(prefix)) &&
      matches(e.message)
  )
  const cursor = readCursor(request.nextToken as string | undefined, ctx.now, 'InvalidParameterException')
  const { items, nextToken } = page(events, cursor, limitOf(request))
  return {
    events: items.map((e, i) => ({
      ...shape(e),
      logStreamName: e.stream,
      eventId: `${e.at}${cursor.offset + i}`
    })),
    ...(nextToken ? { nextToken } : {})
  }
}

/**
 * The unstructured-text subset of CloudWatch filter patterns: space-separated terms, `"quoted phrases"`, all terms
 * required, except that `?term`s are alternatives (any one of them is enough). Matching is case-sensitive.
 */
export function compilePattern(pattern: string): (message: string) => boolean {
  const terms = [...pattern.matchAll(/(\?)?(?:"([^"]*)"|(\S+))/g)].map(([, optional, quoted, bare]) => ({
    optional: Boolean(optional),
    text: quoted ?? bare ?? ''
  }))
  const required = terms.filter(term => !term.optional)
  const alternatives = terms.filter(term => term.optional)
  return message =>
    required.every(term => message.includes(term.text)) &&
    (alternatives.length === 0 || alternatives.some(term => message.includes(term.text)))
}
