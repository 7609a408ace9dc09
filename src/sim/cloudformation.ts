import { changeSetActions } from './change-sets.js'
import { page, readCursor } from './paging.js'
import { iso, listParam, required, type CallContext, type QueryHandler } from './query.js'
import { queryErrorResponse, toXml } from './xml.js'
import { SimError, type SimEvent, type SimStack } from './world.js'

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/'
const PAGE_SIZE = 100

function stackShape({ world, now }: CallContext, stack: SimStack) {
  const own = world.ownEvents(stack, now)
  const last = own.at(-1)
  const deletion = own.findLast(e => e.status === 'DELETE_IN_PROGRESS')
  const updated = own.findLast(e => e.status === 'UPDATE_IN_PROGRESS')
  return {
    StackId: stack.id,
    StackName: stack.name,
    CreationTime: iso(own[0]?.timestamp),
    LastUpdatedTime: iso(updated?.timestamp),
    DeletionTime: last?.status === 'DELETE_COMPLETE' ? iso(deletion?.timestamp) : undefined,
    StackStatus: world.status(stack, now),
    StackStatusReason: last?.reason,
    ParentId: stack.parentId,
    RootId: stack.rootId,
    LastOperations: world
      .operationsAt(stack, now)
      .reverse()
      .map(op => ({ OperationType: op.type, OperationId: op.id }))
  }
}

function eventShape(e: SimEvent) {
  return {
    StackId: e.stackId,
    EventId: e.eventId,
    StackName: e.stackName,
    OperationId: e.operationId,
    LogicalResourceId: e.logicalId,
    PhysicalResourceId: e.physicalId,
    ResourceType: e.type,
    Timestamp: iso(e.timestamp),
    ResourceStatus: e.status,
    ResourceStatusReason: e.reason,
    ClientRequestToken: e.clientRequestToken,
    ResourceProperties: e.properties ? JSON.stringify(e.properties) : undefined,
    HookType: e.hook?.type,
    HookStatus: e.hook?.status,
    HookStatusReason: e.hook?.reason,
    HookInvocationPoint: e.hook?.invocationPoint,
    HookFailureMode: e.hook?.failureMode
  }
}

function isFailure(e: SimEvent): boolean {
  return (
    e.status.endsWith('_FAILED') ||
    e.eventType !== 'STACK_EVENT' ||
    e.hook?.status === 'HOOK_COMPLETE_FAILED' ||
    e.validation?.status === 'FAILED'
  )
}

// Events are kept in the order they happened: reversed before the (stable) sort, rows that share a timestamp come
// newest first too, as CloudFormation lists them (a stack's UPDATE_ROLLBACK_COMPLETE after its clean-up row).
const newestFirst = (events: SimEvent[]) => [...events].reverse().sort((a, b) => b.timestamp - a.timestamp)

const actions: Record<string, QueryHandler> = {
  ...changeSetActions,
  DescribeStacks(params, ctx) {
    const name = params.get('StackName')
    const stacks = name
      ? [ctx.world.require(name, ctx.now)]
      : ctx.world.stacks
          .filter(s => ctx.world.exists(s, ctx.now) && ctx.world.status(s, ctx.now) !== 'DELETE_COMPLETE')
          .reverse()
    return {
      Stacks: stacks.map(s => ({
        ...stackShape(ctx, s),
        DisableRollback: false,
        EnableTerminationProtection: ctx.world.protected(s, ctx.now)
      }))
    }
  },

  DescribeStackEvents(params, ctx) {
    const stack = ctx.world.require(required(params, 'StackName'), ctx.now)
    const cursor = readCursor(params.get('NextToken') ?? undefined, ctx.now, 'ValidationError')
    const events = newestFirst(ctx.world.eventsAt(stack, cursor.cut).filter(e => !e.describeEventsOnly))
    const { items, nextToken } = page(events, cursor, PAGE_SIZE)
    return { StackEvents: items.map(eventShape), NextToken: nextToken }
  },

  DescribeEvents(params, ctx) {
    const name = params.get('StackName')
    const operationId = params.get('OperationId')
    if (!name && !operationId)
      throw new SimError('ValidationError', 'Either StackName or OperationId must be provided')
    const cursor = readCursor(params.get('NextToken') ?? undefined, ctx.now, 'ValidationError')
    const stacks = name ? [ctx.world.require(name, ctx.now)] : ctx.world.stacks
    const failedOnly = params.get('Filters.FailedEvents') === 'true'
    const events = newestFirst(stacks.flatMap(s => ctx.world.eventsAt(s, cursor.cut))).filter(
      e => (!operationId || e.operationId === operationId) && (!failedOnly || isFailure(e))
    )
    const { items, nextToken } = page(events, cursor, PAGE_SIZE)
    const operationType = (e: SimEvent) =>
      ctx.world.stacks.find(s => s.id === e.stackId)?.operations.find(op => op.id === e.operationId)?.type
    return {
      OperationEvents: items.map(e => ({
        EventId: e.eventId,
        StackId: e.stackId,
        OperationId: e.operationId,
        OperationType: operationType(e),
        EventType: e.eventType,
        LogicalResourceId: e.logicalId,
        PhysicalResourceId: e.physicalId,
        ResourceType: e.type,
        Timestamp: iso(e.timestamp),
        ResourceStatus: e.validation ? undefined : e.status,
        ResourceStatusReason: e.reason,
        HookType: e.hook?.type,
        HookStatus: e.hook?.status,
        HookStatusReason: e.hook?.reason,
        HookInvocationPoint: e.hook?.invocationPoint,
        HookFailureMode: e.hook?.failureMode,
        ValidationFailureMode: e.validation?.failureMode,
        ValidationName: e.validation?.name,
        ValidationStatus: e.validation?.status,
        ValidationStatusReason: e.validation?.reason,
        ValidationPath: e.validation?.path
      })),
      NextToken: nextToken
    }
  },

  ListStacks(params, ctx) {
    const filter = listParam(params, 'StackStatusFilter')
    const summaries = ctx.world.stacks
      .filter(s => ctx.world.exists(s, ctx.now))
      .filter(s => !filter.length || filter.includes(ctx.world.status(s, ctx.now)))
      .reverse()
      .map(s => stackShape(ctx, s))
    return { StackSummaries: summaries }
  },

  DescribeStackResources(params, ctx) {
    const stack = ctx.world.require(required(params, 'StackName'), ctx.now)
    const logicalId = params.get('LogicalResourceId')
    return {
      StackResources: ctx.world
        .resources(stack, ctx.now)
        .filter(r => !logicalId || r.logicalId === logicalId)
        .map(r => ({
          StackName: stack.name,
          StackId: stack.id,
          LogicalResourceId: r.logicalId,
          PhysicalResourceId: r.physicalId,
          ResourceType: r.type,
          Timestamp: iso(r.timestamp),
          ResourceStatus: r.status,
          ResourceStatusReason: r.reason
        }))
    }
  },

  UpdateTerminationProtection(params, ctx) {
    const on = required(params, 'EnableTerminationProtection') === 'true'
    const stack = ctx.world.setProtection(required(params, 'StackName'), on, ctx.now, ctx.principal)
    return { StackId: stack.id }
  },

  DeleteStack(params, ctx) {
    ctx.world.deleteStack(required(params, 'StackName'), ctx.now, ctx.principal)
    return undefined
  }
}

export const CLOUDFORMATION_ACTIONS = Object.keys(actions)

/** Answers one awsQuery request: the XML body and HTTP status, errors in CloudFormation's `ErrorResponse` shape. */
export function handleCloudFormation(
  params: URLSearchParams,
  ctx: CallContext
): { status: number; body: string } {
  const action = params.get('Action') ?? ''
  try {
    const handler = actions[action]
    if (!handler)
      throw new SimError('InvalidAction', `Could not find operation ${action} for version 2010-05-15`)
    const result = handler(params, ctx)
    const resultXml = result ? `<${action}Result>${toXml(result)}</${action}Result>` : ''
    const metadata = `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata>`
    return {
      status: 200,
      body: `<${action}Response xmlns="${NAMESPACE}">${resultXml}${metadata}</${action}Response>`
    }
  } catch (error) {
    if (!(error instanceof SimError)) throw error
    return cloudFormationError(error, ctx.requestId)
  }
}

export function cloudFormationError(error: SimError, requestId: string): { status: number; body: string } {
  return queryErrorResponse(NAMESPACE, error, requestId)
}
