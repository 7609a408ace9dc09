import { stableUuid } from './ids.js'
import type { Script, ScriptEvent, ScriptOperation, ScriptStack } from './script.js'
import type { SimStack, World } from './world.js'

/** One row of `aws cloudformation describe-stack-events --output json`, as people paste it. */
export interface RecordedEvent {
  EventId: string
  StackId: string
  StackName: string
  LogicalResourceId: string
  PhysicalResourceId?: string
  ResourceType: string
  /** ISO 8601. */
  Timestamp: string
  ResourceStatus: string
  ResourceStatusReason?: string
}

/** What the AWS CLI prints for one stack: its events, newest first. */
export interface RecordedDump {
  StackEvents: RecordedEvent[]
}

const STACK_TYPE = 'AWS::CloudFormation::Stack'

const OPERATION_OF: Record<string, ScriptOperation['type']> = {
  CREATE_IN_PROGRESS: 'CREATE_STACK',
  UPDATE_IN_PROGRESS: 'UPDATE_STACK',
  DELETE_IN_PROGRESS: 'DELETE_STACK'
}

/**
 * Plays recorded event dumps into the sim world as the history of real stacks: the first dump is the root stack,
 * the others its nested stacks (tied to their parent by the parent's `AWS::CloudFormation::Stack` resource whose
 * PhysicalResourceId is their StackId, at any depth). Timestamps, ids, statuses and reasons are kept as recorded;
 * the sim assigns its own EventIds. Several dumps of the same root StackId (older operations) may be given: they
 * are merged. Returns the root stack. Throws when a nested dump cannot be tied to a parent.
 */
export function loadRecorded(world: World, dumps: RecordedDump[], region = 'us-east-1'): SimStack {
  const events = dumps.flatMap(dump => dump.StackEvents)
  const rootId = dumps[0]?.StackEvents[0]?.StackId
  if (!rootId) throw new Error('A recorded history needs at least one event in its first dump')
  const stackIds = [...new Set(events.map(event => event.StackId))]
  const nameOf = (id: string) => events.find(event => event.StackId === id)!.StackName
  const parentOf = (id: string) =>
    events.find(
      event => event.ResourceType === STACK_TYPE && event.PhysicalResourceId === id && event.StackId !== id
    )?.StackId
  const stacks: ScriptStack[] = stackIds.map(id => {
    if (id === rootId) return { key: '', name: nameOf(id), id }
    const parent = parentOf(id)
    if (!parent) throw new Error(`Nested dump of ${id} has no parent resource in the recorded events`)
    return { key: id, name: nameOf(id), id, parentKey: parent === rootId ? '' : parent }
  })
  // World.deploy creates parents before children: order the stacks by depth.
  const depth = (stack: ScriptStack): number =>
    stack.parentKey === undefined ? 0 : 1 + depth(stacks.find(s => s.key === stack.parentKey)!)
  stacks.sort((a, b) => depth(a) - depth(b))

  const times = events.map(event => Date.parse(event.Timestamp))
  const t0 = Math.min(...times)
  const scriptEvents: ScriptEvent[] = events
    .map((event, index) => ({ event, index, at: times[index]! - t0 }))
    // Newest first within each dump: oldest first overall, keeping the recorded order of rows that share a time.
    .sort((a, b) => a.at - b.at || b.index - a.index)
    .map(({ event, at }) => ({
      at,
      stack: event.StackId === rootId ? '' : event.StackId,
      logicalId: event.LogicalResourceId,
      type: event.ResourceType,
      status: event.ResourceStatus,
      ...(event.PhysicalResourceId ? { physicalId: event.PhysicalResourceId } : {}),
      ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {})
    }))
  const operations = scriptEvents
    .filter(event => event.stack === '' && event.logicalId === nameOf(rootId) && OPERATION_OF[event.status])
    .map(event => ({ at: event.at, type: OPERATION_OF[event.status]! }))
  const script: Script = {
    region,
    account: rootId.split(':')[4] ?? '123456789012',
    stacks,
    events: scriptEvents,
    operations,
    trail: [],
    deletes: [],
    span: Math.max(...times) - t0
  }
  return world.deploy(script, t0, false)
}

export interface SyntheticHistoryOptions {
  stackName: string
  stackId: string
  /** The history ends before this moment (epoch ms). */
  before: number
  /** Whether the stack itself is created by the history (true) or only updated in it. */
  create: boolean
}

/**
 * An older failed update (rolled back) and a later successful one, ending a minute before `before`, as dump rows
 * of the given stack; with `create`, the stack's successful creation first. The failing resource is `HistoryQueue`,
 * a logical id no recorded case uses, so a diagnosis that strays into the history names it.
 */
export function syntheticHistory(options: SyntheticHistoryOptions): RecordedDump {
  const { stackName, stackId } = options
  const rows: [number, string, string, string, string?][] = []
  const own = (minute: number, status: string, reason?: string) =>
    rows.push([minute, stackName, STACK_TYPE, status, reason])
  const queue = (minute: number, status: string, reason?: string) =>
    rows.push([minute, 'HistoryQueue', 'AWS::SQS::Queue', status, reason])
  let minute = 0
  if (options.create) {
    own(minute++, 'CREATE_IN_PROGRESS', 'User Initiated')
    queue(minute, 'CREATE_IN_PROGRESS')
    queue(minute++, 'CREATE_IN_PROGRESS', 'Resource creation Initiated')
    queue(minute++, 'CREATE_COMPLETE')
    own(minute++, 'CREATE_COMPLETE')
  }
  own(minute++, 'UPDATE_IN_PROGRESS', 'User Initiated')
  queue(minute++, 'UPDATE_IN_PROGRESS')
  queue(
    minute++,
    'UPDATE_FAILED',
    'Resource handler returned message: "Invalid request provided: Queue attribute VisibilityTimeout is out of range" (HandlerErrorCode: InvalidRequest)'
  )
  own(minute++, 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [HistoryQueue].')
  queue(minute++, 'UPDATE_COMPLETE')
  own(minute++, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
  own(minute++, 'UPDATE_ROLLBACK_COMPLETE')
  own(minute++, 'UPDATE_IN_PROGRESS', 'User Initiated')
  queue(minute++, 'UPDATE_IN_PROGRESS')
  queue(minute++, 'UPDATE_COMPLETE')
  own(minute++, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
  own(minute++, 'UPDATE_COMPLETE')
  const start = options.before - (minute + 1) * 60_000
  const events = rows.map(([at, logicalId, type, status, reason], index) => {
    const timestamp = new Date(start + at * 60_000 + index).toISOString()
    return {
      EventId:
        logicalId === stackName
          ? stableUuid(`${stackId}#history#${index}`)
          : `${logicalId}-${status}-${timestamp}`,
      StackId: stackId,
      StackName: stackName,
      LogicalResourceId: logicalId,
      PhysicalResourceId:
        logicalId === stackName ? stackId : `https://sqs.us-east-1.amazonaws.com/history-queue`,
      ResourceType: type,
      Timestamp: timestamp,
      ResourceStatus: status,
      ...(reason ? { ResourceStatusReason: reason } : {})
    }
  })
  return { StackEvents: events.reverse() }
}

/**
 * A DeleteStack issued `after` the recorded events (epoch ms), as dump rows: the stack's DELETE_IN_PROGRESS
 * ("User Initiated"), then each resource of every given stack that is not already deleted, then each stack's
 * DELETE_COMPLETE. Used to turn a recorded failed create into a deleted stack, whatever state the recording ends in
 * (a source cut off mid-rollback included). Returns one dump per recorded stack, in the same order.
 */
export function syntheticDeletion(dumps: RecordedDump[], after: number): RecordedDump[] {
  let at = after
  const row = (template: RecordedEvent, logicalId: string, type: string, status: string, reason?: string) => {
    const timestamp = new Date((at += 1000)).toISOString()
    const own = logicalId === template.StackName
    return {
      EventId: own ? stableUuid(`${template.StackId}#delete#${at}`) : `${logicalId}-${status}-${timestamp}`,
      StackId: template.StackId,
      StackName: template.StackName,
      LogicalResourceId: logicalId,
      ...(own ? { PhysicalResourceId: template.StackId } : {}),
      ResourceType: type,
      Timestamp: timestamp,
      ResourceStatus: status,
      ...(reason ? { ResourceStatusReason: reason } : {})
    }
  }
  return dumps.map(dump => {
    const template = dump.StackEvents[0]
    if (!template) return { StackEvents: [] }
    const rows: RecordedEvent[] = [
      row(template, template.StackName, STACK_TYPE, 'DELETE_IN_PROGRESS', 'User Initiated')
    ]
    const latest = new Map<string, RecordedEvent>()
    for (const event of [...dump.StackEvents].reverse())
      if (event.LogicalResourceId !== event.StackName) latest.set(event.LogicalResourceId, event)
    for (const [logicalId, event] of latest) {
      if (event.ResourceStatus === 'DELETE_COMPLETE' || event.ResourceStatus === 'DELETE_SKIPPED') continue
      rows.push(row(template, logicalId, event.ResourceType, 'DELETE_IN_PROGRESS'))
      rows.push(row(template, logicalId, event.ResourceType, 'DELETE_COMPLETE'))
    }
    rows.push(row(template, template.StackName, STACK_TYPE, 'DELETE_COMPLETE'))
    return { StackEvents: rows.reverse() }
  })
}
