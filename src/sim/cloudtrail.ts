import { page, readCursor } from './paging.js'
import type { Principal } from './principals.js'
import { SimError, type TrailRecord, type World } from './world.js'

const MAX_RESULTS = 50
const NINETY_DAYS = 90 * 24 * 3600 * 1000
const ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId'
] as const

interface LookupEventsRequest {
  LookupAttributes?: { AttributeKey?: string; AttributeValue?: string }[]
  StartTime?: number
  EndTime?: number
  MaxResults?: number
  NextToken?: string
}

export interface TrailContext {
  world: World
  now: number
  /** CloudTrail delivers events minutes after the call; a record becomes visible this long after it happened. */
  deliveryDelayMs: number
}

function userIdentity(p: Principal, invokedBy: string | undefined) {
  const base = {
    type: p.type,
    principalId: p.principalId,
    arn: p.arn,
    accountId: p.accountId,
    accessKeyId: p.accessKeyId
  }
  if (p.type === 'IAMUser') return { ...base, userName: p.userName, ...(invokedBy ? { invokedBy } : {}) }
  const roleId = p.principalId.split(':')[0]
  return {
    ...base,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: roleId,
        arn: `arn:aws:iam::${p.accountId}:role/${p.roleName}`,
        accountId: p.accountId,
        userName: p.roleName
      },
      attributes: { creationDate: '2024-01-01T00:00:00Z', mfaAuthenticated: 'false' }
    },
    ...(invokedBy ? { invokedBy } : {})
  }
}

/** The `CloudTrailEvent` JSON document, shaped like a real management event record. */
function cloudTrailEvent(r: TrailRecord): string {
  return JSON.stringify({
    eventVersion: '1.09',
    userIdentity: userIdentity(r.principal, r.invokedBy),
    eventTime: new Date(r.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    eventSource: r.eventSource,
    eventName: r.eventName,
    awsRegion: r.region,
    sourceIPAddress: r.invokedBy ?? '203.0.113.10',
    userAgent: r.invokedBy ?? 'aws-cdk/2.150.0 aws-sdk-js/3',
    ...(r.errorCode ? { errorCode: r.errorCode, errorMessage: r.errorMessage } : {}),
    requestParameters: r.requestParameters ?? null,
    responseElements: r.responseElements ?? null,
    requestID: r.requestId,
    eventID: r.eventId,
    readOnly: r.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: r.principal.accountId,
    eventCategory: 'Management'
  })
}

function matches(r: TrailRecord, key: string, value: string): boolean {
  switch (key) {
    case 'EventId':
      return r.eventId === value
    case 'EventName':
      return r.eventName === value
    case 'ReadOnly':
      return String(r.readOnly ?? false) === value
    case 'Username':
      return r.principal.userName === value
    case 'AccessKeyId':
      return r.principal.accessKeyId === value
    case 'EventSource':
      return r.eventSource === value
    case 'ResourceType':
      return r.resources.some(x => x.type === value)
    default:
      return r.resources.some(x => x.name === value)
  }
}

/** LookupEvents with CloudTrail's own limits: one lookup attribute, 50 results a page, newest first. */
export function lookupEvents(request: LookupEventsRequest, ctx: TrailContext) {
  const attributes = request.LookupAttributes ?? []
  if (attributes.length > 1)
    throw new SimError(
      'InvalidLookupAttributesException',
      'You cannot use more than one lookup attribute per request.'
    )
  const [attribute] = attributes
  if (attribute && !ATTRIBUTE_KEYS.includes(attribute.AttributeKey as (typeof ATTRIBUTE_KEYS)[number]))
    throw new SimError(
      'InvalidLookupAttributesException',
      `Invalid lookup attribute key: ${attribute.AttributeKey}`
    )
  const maxResults = request.MaxResults ?? MAX_RESULTS
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS)
    throw new SimError('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.')
  const end = request.EndTime === undefined ? ctx.now : request.EndTime * 1000
  const start = request.StartTime === undefined ? ctx.now - NINETY_DAYS : request.StartTime * 1000
  if (start > end)
    throw new SimError('InvalidTimeRangeException', 'Start time must be earlier than end time.')

  const cursor = readCursor(request.NextToken, ctx.now, 'InvalidNextTokenException')
  const visible = ctx.world.trail
    .filter(r => r.at + ctx.deliveryDelayMs <= cursor.cut && r.at >= start && r.at <= end)
    .filter(r => !attribute || matches(r, attribute.AttributeKey!, attribute.AttributeValue ?? ''))
    .reverse()
  const { items, nextToken } = page(visible, cursor, maxResults)
  return {
    Events: items.map(r => ({
      EventId: r.eventId,
      EventName: r.eventName,
      ReadOnly: String(r.readOnly ?? false),
      AccessKeyId: r.principal.accessKeyId,
      EventTime: r.at / 1000,
      EventSource: r.eventSource,
      Username: r.principal.userName,
      Resources: r.resources.map(x => ({ ResourceType: x.type, ResourceName: x.name })),
      CloudTrailEvent: cloudTrailEvent(r)
    })),
    ...(nextToken ? { NextToken: nextToken } : {})
  }
}

/** CloudTrail allows LookupEvents 2 requests per second per account and region: a sliding one-second window. */
export function createLookupLimiter(perSecond: number, wallNow: () => number = Date.now) {
  const calls = new Map<string, number[]>()
  return (account: string): boolean => {
    if (!Number.isFinite(perSecond)) return true
    const now = wallNow()
    const recent = (calls.get(account) ?? []).filter(t => now - t < 1000)
    const allowed = recent.length < perSecond
    if (allowed) recent.push(now)
    calls.set(account, recent)
    return allowed
  }
}
