import { page, readCursor } from './paging.js'
import type { ServiceRecords } from './services.js'
import { escapeXml, queryErrorResponse } from './xml.js'
import { SimError } from './world.js'

const NAMESPACE = 'http://rds.amazonaws.com/doc/2014-10-31/'
/** RDS answers without a window with the last hour. */
const DEFAULT_WINDOW_MS = 60 * 60_000

export interface RdsContext {
  records: ServiceRecords
  now: number
  requestId: string
}

const ARN_KIND = { 'db-instance': 'db', 'db-cluster': 'cluster' } as const

/** Answers one RDS awsQuery request (only DescribeEvents): XML in RDS's own list shapes (`<Event>`, `<EventCategory>`). */
export function handleRds(params: URLSearchParams, ctx: RdsContext): { status: number; body: string } {
  const action = params.get('Action') ?? ''
  try {
    if (action !== 'DescribeEvents')
      throw new SimError('InvalidAction', `The sim does not implement RDS ${action}`)
    const result = describeEvents(params, ctx)
    const metadata = `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata>`
    return {
      status: 200,
      body: `<DescribeEventsResponse xmlns="${NAMESPACE}"><DescribeEventsResult>${result}</DescribeEventsResult>${metadata}</DescribeEventsResponse>`
    }
  } catch (error) {
    if (!(error instanceof SimError)) throw error
    return rdsError(error, ctx.requestId)
  }
}

export function rdsError(error: SimError, requestId: string): { status: number; body: string } {
  return queryErrorResponse(NAMESPACE, error, requestId)
}

function describeEvents(params: URLSearchParams, ctx: RdsContext): string {
  const sourceId = params.get('SourceIdentifier') ?? undefined
  const sourceType = params.get('SourceType') ?? undefined
  if (sourceId && !sourceType)
    throw new SimError('InvalidParameterCombination', 'Cannot specify source identifier without source type')
  const end = params.get('EndTime') ? Date.parse(params.get('EndTime')!) : ctx.now
  const duration = params.get('Duration') ? Number(params.get('Duration')) * 60_000 : undefined
  const start = params.get('StartTime')
    ? Date.parse(params.get('StartTime')!)
    : end - (duration ?? DEFAULT_WINDOW_MS)
  const maxRecords = Number(params.get('MaxRecords') ?? 100)
  if (!Number.isInteger(maxRecords) || maxRecords < 20 || maxRecords > 100)
    throw new SimError('InvalidParameterValue', 'MaxRecords must be between 20 and 100.')
  const events = ctx.records.rdsEvents.filter(
    e =>
      e.at <= ctx.now &&
      e.at >= start &&
      e.at <= end &&
      (!sourceType || e.sourceType === sourceType) &&
      (!sourceId || e.sourceId === sourceId)
  )
  const cursor = readCursor(params.get('Marker') ?? undefined, ctx.now, 'InvalidParameterValue')
  const { items, nextToken } = page(events, cursor, maxRecords)
  const xml = items
    .map(
      e =>
        `<Event><SourceIdentifier>${escapeXml(e.sourceId)}</SourceIdentifier><SourceType>${e.sourceType}</SourceType>` +
        `<Message>${escapeXml(e.message)}</Message><EventCategories>${e.categories
          .map(c => `<EventCategory>${escapeXml(c)}</EventCategory>`)
          .join('')}</EventCategories><Date>${new Date(e.at).toISOString()}</Date>` +
        `<SourceArn>arn:aws:rds:${e.region}:${e.account}:${ARN_KIND[e.sourceType]}:${escapeXml(e.sourceId)}</SourceArn></Event>`
    )
    .join('')
  return `<Events>${xml}</Events>${nextToken ? `<Marker>${nextToken}</Marker>` : ''}`
}
