import { awsErrorMessage, awsErrorName } from '../../aws/errors.js'
import { SetupError, StackNotFoundError } from '../errors.js'
import type { StackApi } from '../stack/api.js'
import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { isFinalStatus, isStackRow } from './operations.js'

export interface LoadedOperation {
  stackName: string
  stackId: string
  status: string
  /** The stack no longer exists: it was found by ARN through ListStacks. */
  deleted: boolean
  /** Root and nested events of the operation explained (and any clean-up after it), oldest first. */
  events: StackEvent[]
  startedAt: number
  endedAt: number
  /** Notes for the report: what could not be read and which permission would show more. */
  notes: string[]
}

const OPENS_DEPLOY = ['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'IMPORT_IN_PROGRESS']

/**
 * The events of the stack's latest deploy operation — even after the stack was deleted: events stay readable by ARN,
 * and ListStacks keeps deleted stacks for 90 days. Reads back to the start of the latest create, update or import
 * (past any clean-up deletion after it), and into nested stacks by their PhysicalResourceId.
 */
export async function loadLatestOperation(
  api: StackApi,
  stackName: string,
  options: { sinceMs?: number; region?: string } = {}
): Promise<LoadedOperation> {
  const notes: string[] = []
  const live = await api.describeStack(stackName)
  let stackId = live?.stackId
  let status = live?.status ?? 'DELETE_COMPLETE'
  const deleted = !live || live.status === 'DELETE_COMPLETE'
  if (deleted && !stackId) {
    stackId = await api.findDeletedStackId(stackName, options.sinceMs)
    if (!stackId) throw new StackNotFoundError(stackName, options)
    status = 'DELETE_COMPLETE'
  }
  const events = await readBackToDeploy(api, stackId!, stackName, [], notes, options.sinceMs)
  try {
    const known = new Set(events.map(event => event.eventId))
    for (const event of await api.failedOperationEvents(stackId!, stackName)) {
      if (!known.has(event.eventId) && (event.eventType === 'VALIDATION_ERROR' || event.hookStatus))
        events.push(event)
    }
  } catch (error) {
    if (error instanceof SetupError || /AccessDenied/.test(awsErrorName(error)))
      notes.push(
        'cloudformation:DescribeEvents was denied: early-validation and hook findings are not shown.'
      )
  }
  // Read newest first: reversed before the (stable) sort, rows of the same millisecond keep the order they
  // happened in (a clean-up row before the status it ends in).
  events.reverse().sort((a, b) => a.timestamp - b.timestamp)
  return {
    stackName,
    stackId: stackId!,
    status,
    deleted,
    events,
    startedAt: events[0]?.timestamp ?? 0,
    endedAt: events.at(-1)?.timestamp ?? 0,
    notes
  }
}

async function readBackToDeploy(
  api: StackApi,
  stackId: string,
  stackName: string,
  nestedPath: string[],
  notes: string[],
  sinceMs?: number
): Promise<StackEvent[]> {
  const collected: StackEvent[] = []
  let token: string | undefined
  reading: do {
    const page = await api.eventsPage(stackId, nestedPath, token)
    for (const event of page.events) {
      if (sinceMs !== undefined && event.timestamp < sinceMs) break reading
      collected.push(event)
      if (isStackRow(event) && OPENS_DEPLOY.includes(event.resourceStatus)) break reading
    }
    token = page.nextToken
  } while (token)
  // Each nested stack is read back to its own operation start, but not past the parent's previous operation: its
  // rows come before the parent's row that reports them, and a copied or cut-off parent may lack the rows that
  // touched it first (events arrive newest first).
  const childSince = new Map<string, { logicalResourceId: string; since: number | undefined }>()
  for (const event of collected) {
    if (
      event.resourceType !== NESTED_STACK_TYPE ||
      isStackRow(event) ||
      !event.physicalResourceId?.startsWith('arn:')
    )
      continue
    const first = collected
      .filter(other => other.logicalResourceId === event.logicalResourceId && other.stackId === event.stackId)
      .reduce((earliest, other) => Math.min(earliest, other.timestamp), event.timestamp)
    const previousEnd = collected
      .filter(other => isStackRow(other) && isFinalStatus(other.resourceStatus) && other.timestamp < first)
      .reduce((latest, other) => Math.max(latest, other.timestamp + 1), sinceMs ?? -Infinity)
    childSince.set(event.physicalResourceId, {
      logicalResourceId: event.logicalResourceId,
      since: previousEnd === -Infinity ? undefined : previousEnd
    })
  }
  for (const [childId, child] of childSince) {
    const path = [...nestedPath, child.logicalResourceId]
    try {
      collected.push(...(await readBackToDeploy(api, childId, stackName, path, notes, child.since)))
    } catch (error) {
      // Deleted too long ago, another account or Region in a copied ARN, a denied read: the parent's row for the
      // nested stack still says why it failed, so the diagnosis goes on with it.
      notes.push(
        `Nested stack ${path.join('/')} could not be read: ${awsErrorMessage(error)}; its parent's reason is shown.`
      )
    }
  }
  return collected
}
