import {
  type CloudTrailClient,
  type Event as SdkTrailEvent,
  LookupEventsCommand
} from '@aws-sdk/client-cloudtrail'
import { awsErrorMessage, isAccessDenied } from '../../aws/errors.js'
import type { Clock } from '../clock.js'
import { createPacer } from '../pacer.js'
import type { RootCause } from './root-cause.js'

/** One CloudTrail record as the report shows it: who called what, when, with which error. Never its parameters. */
export interface TrailEntry {
  eventId: string
  time: number
  eventName: string
  eventSource: string
  principal: string
  principalArn?: string
  sessionName?: string
  invokedBy?: string
  sourceIp?: string
  errorCode?: string
  errorMessage?: string
}

export interface TrailContext {
  /** Stack-level API calls (CreateChangeSet, ExecuteChangeSet, DeleteStack …), oldest first. */
  timeline: TrailEntry[]
  /** Failed API calls made on the stack's behalf around each root cause. */
  apiErrors: TrailEntry[]
  /** Stack changes by principals other than the deploy's own, while its lock was held. */
  concurrentChanges: TrailEntry[]
  window: { start: number; end: number }
  caveats: string[]
  lookups: number
}

export interface TrailRequest {
  stackName: string
  stackId: string
  /** The operation's first and last event. */
  startedAt: number
  endedAt: number
  rootCauses: RootCause[]
  /** The lock's hold window and the deploy's own principal (an ARN or user name), for the concurrency warning. */
  heldWindow?: { start: number; end: number; principal?: string }
}

const STACK_CALLS = new Set([
  'CreateChangeSet',
  'ExecuteChangeSet',
  'CreateStack',
  'UpdateStack',
  'DeleteStack',
  'UpdateTerminationProtection',
  'CancelUpdateStack',
  'ContinueUpdateRollback',
  'RollbackStack',
  'DeleteChangeSet'
])
const STARTS_OPERATION = new Set(['ExecuteChangeSet', 'CreateStack', 'UpdateStack'])
const MUTATING = new Set([...STACK_CALLS].filter(name => name !== 'UpdateTerminationProtection'))
const MAX_PAGES = 4
/**
 * Root causes looked up one by one (by physical id or service); any further ones share ONE lookup by time window,
 * matched here. 200 simultaneous failures used to cost 202 lookups (100 s at 2/s).
 */
export const MAX_CAUSE_LOOKUPS = 3
const MARGIN_BEFORE_MS = 10 * 60_000
const MARGIN_AFTER_MS = 15 * 60_000
const DELIVERY_DELAY_MS = 15 * 60_000

/**
 * CloudTrail context for a failed operation, within bounded windows and CloudTrail's limits: one lookup attribute per
 * call, 50 results a page, a few pages at most, and ONE pacer for every call (2 requests/s per account and region).
 */
export async function lookupTrailContext(
  trail: CloudTrailClient,
  clock: Clock,
  request: TrailRequest,
  pace: () => Promise<void> = createPacer(clock, 2, 1)
): Promise<TrailContext> {
  const window = { start: request.startedAt - MARGIN_BEFORE_MS, end: request.endedAt + MARGIN_AFTER_MS }
  let lookups = 0
  const lookupEvents = async (
    attribute: { key: 'ResourceName' | 'EventSource'; value: string } | undefined,
    start: number,
    end: number
  ) => {
    const events: SdkTrailEvent[] = []
    let token: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      await pace()
      lookups++
      const reply = await trail.send(
        new LookupEventsCommand({
          ...(attribute
            ? { LookupAttributes: [{ AttributeKey: attribute.key, AttributeValue: attribute.value }] }
            : {}),
          StartTime: new Date(start),
          EndTime: new Date(end),
          MaxResults: 50,
          ...(token ? { NextToken: token } : {})
        })
      )
      events.push(...(reply.Events ?? []))
      token = reply.NextToken
      if (!token) break
    }
    return events
  }
  const lookup = async (key: 'ResourceName' | 'EventSource', value: string, start: number, end: number) =>
    (await lookupEvents({ key, value }, start, end)).map(toTrailEntry)

  const caveats: string[] = []
  if (clock.now() - request.endedAt < DELIVERY_DELAY_MS) {
    caveats.push(
      'The failure is less than 15 minutes old: CloudTrail may not have delivered every event yet; run the diagnosis again later.'
    )
  }
  try {
    const byName = await lookup('ResourceName', request.stackName, window.start, window.end)
    const byArn = await lookup('ResourceName', request.stackId, window.start, window.end)
    const timeline = uniqueByEventId([...byName, ...byArn])
      .filter(
        entry => entry.eventSource === 'cloudformation.amazonaws.com' && STACK_CALLS.has(entry.eventName)
      )
      .sort((a, b) => a.time - b.time)
    const apiErrors: TrailEntry[] = []
    for (const cause of request.rootCauses.slice(0, MAX_CAUSE_LOOKUPS)) {
      const around = { start: request.startedAt - MARGIN_BEFORE_MS, end: cause.timestamp + 5 * 60_000 }
      const source = serviceOf(cause.resourceType)
      const entries = cause.physicalResourceId
        ? await lookup('ResourceName', cause.physicalResourceId, around.start, around.end)
        : source
          ? await lookup('EventSource', source, around.start, around.end)
          : []
      apiErrors.push(
        ...entries.filter(entry => entry.errorCode && entry.eventSource !== 'cloudformation.amazonaws.com')
      )
    }
    const rest = request.rootCauses.slice(MAX_CAUSE_LOOKUPS)
    if (rest.length > 0) {
      apiErrors.push(...(await windowErrors(lookupEvents, request, rest)))
      caveats.push(
        `CloudTrail was looked up resource by resource for the first ${MAX_CAUSE_LOOKUPS} root causes only; ` +
          `for the other ${rest.length} (${rest
            .slice(0, 5)
            .map(cause => cause.logicalResourceId)
            .join(', ')}${rest.length > 5 ? ', …' : ''}) one lookup by time window (its first ` +
          `${MAX_PAGES * 50} records) was matched by resource and service, so some of their API errors may be missing.`
      )
    }
    const concurrentChanges = request.heldWindow ? changesByOthers(timeline, request.heldWindow) : []
    return { timeline, apiErrors: uniqueByEventId(apiErrors), concurrentChanges, window, caveats, lookups }
  } catch (error) {
    const why = isAccessDenied(error)
      ? 'cloudtrail:LookupEvents was denied: grant it to see who called what on the stack and which API call failed.'
      : `CloudTrail could not be read: ${awsErrorMessage(error)}`
    return { timeline: [], apiErrors: [], concurrentChanges: [], window, caveats: [...caveats, why], lookups }
  }
}

/**
 * API errors for root causes beyond the first few: one unfiltered lookup over their time window (a few pages),
 * matched by physical id or by the service of the resource type, never one lookup per resource.
 */
async function windowErrors(
  lookupEvents: (attribute: undefined, start: number, end: number) => Promise<SdkTrailEvent[]>,
  request: TrailRequest,
  causes: RootCause[]
): Promise<TrailEntry[]> {
  const names = new Set(causes.flatMap(cause => (cause.physicalResourceId ? [cause.physicalResourceId] : [])))
  const sources = new Set(causes.flatMap(cause => serviceOf(cause.resourceType) ?? []))
  const end = Math.max(...causes.map(cause => cause.timestamp)) + 5 * 60_000
  const events = await lookupEvents(undefined, request.startedAt - MARGIN_BEFORE_MS, end)
  return events
    .filter(
      event =>
        (event.Resources ?? []).some(resource => resource.ResourceName && names.has(resource.ResourceName)) ||
        (event.EventSource !== undefined && sources.has(event.EventSource))
    )
    .map(toTrailEntry)
    .filter(entry => entry.errorCode && entry.eventSource !== 'cloudformation.amazonaws.com')
}

/**
 * Stack changes during the hold window by anyone other than the deploy itself: the given principal, or else whoever
 * started the operation (the first ExecuteChangeSet, CreateStack or UpdateStack in its window). Another principal there means another
 * deploy or a person changed the stack while it was supposed to be locked (incident B).
 */
function changesByOthers(
  timeline: TrailEntry[],
  held: NonNullable<TrailRequest['heldWindow']>
): TrailEntry[] {
  const starter = timeline.find(entry => STARTS_OPERATION.has(entry.eventName) && !entry.errorCode)
  const own = held.principal ?? starter?.principalArn ?? starter?.principal
  return timeline.filter(
    entry =>
      MUTATING.has(entry.eventName) &&
      entry.time >= held.start &&
      entry.time <= held.end &&
      entry.principalArn !== own &&
      entry.principal !== own
  )
}

/** `AWS::RDS::DBInstance` → `rds.amazonaws.com`, for looking up a resource that never got a physical id. */
function serviceOf(resourceType: string): string | undefined {
  const service = resourceType.split('::')[1]?.toLowerCase()
  if (!service || resourceType.startsWith('Custom::')) return undefined
  return `${service === 'elasticloadbalancingv2' ? 'elasticloadbalancing' : service}.amazonaws.com`
}

function uniqueByEventId(entries: TrailEntry[]): TrailEntry[] {
  return [...new Map(entries.map(entry => [entry.eventId, entry])).values()]
}

interface CloudTrailRecord {
  userIdentity?: {
    type?: string
    arn?: string
    userName?: string
    invokedBy?: string
    sessionContext?: { sessionIssuer?: { userName?: string; arn?: string } }
  }
  sourceIPAddress?: string
  errorCode?: string
  errorMessage?: string
}

/** Reads only identity, source and error from the record: request parameters can hold passwords. */
export function toTrailEntry(event: SdkTrailEvent): TrailEntry {
  let record: CloudTrailRecord = {}
  try {
    record = JSON.parse(event.CloudTrailEvent ?? '{}') as CloudTrailRecord
  } catch {
    record = {}
  }
  const identity = record.userIdentity ?? {}
  const arn = identity.arn
  const sessionName = identity.type === 'AssumedRole' ? arn?.split('/').at(-1) : undefined
  const role = identity.sessionContext?.sessionIssuer?.userName
  const principal = role
    ? `role ${role}${sessionName ? ` (session ${sessionName})` : ''}`
    : (identity.userName ?? event.Username ?? arn ?? 'unknown')
  const invokedBy = identity.invokedBy
  return {
    eventId: event.EventId ?? '',
    time: event.EventTime?.getTime() ?? 0,
    eventName: event.EventName ?? '',
    eventSource: event.EventSource ?? '',
    principal,
    ...(arn ? { principalArn: arn } : {}),
    ...(sessionName ? { sessionName } : {}),
    ...(invokedBy ? { invokedBy } : {}),
    ...(record.sourceIPAddress ? { sourceIp: record.sourceIPAddress } : {}),
    ...(record.errorCode ? { errorCode: record.errorCode } : {}),
    ...(record.errorMessage ? { errorMessage: record.errorMessage } : {})
  }
}
