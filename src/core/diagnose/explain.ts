import { InputError } from '../errors.js'
import type { Report } from '../report/report.js'
import { reportFromEvents } from './diagnose.js'
import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'

interface CliEvent {
  EventId?: string
  StackId?: string
  StackName?: string
  LogicalResourceId?: string
  PhysicalResourceId?: string
  ResourceType?: string
  Timestamp?: string
  ResourceStatus?: string
  ResourceStatusReason?: string
  HookType?: string
  HookStatus?: string
  HookStatusReason?: string
}

/**
 * Offline analysis of what `aws cloudformation describe-stack-events` prints (`{"StackEvents": [...]}` or a bare
 * array, newest first). `nested` holds the same dumps of nested stacks, matched to their parent by stack ARN.
 */
export function explainEvents(root: string, nested: string[] = [], region = 'unknown'): Report {
  const rootEvents = parseDump(root, 'the events file')
  const dumps = nested.map((text, index) => parseDump(text, `nested file ${index + 1}`))
  const events = [...rootEvents]
  const pathOf = new Map<string, string[]>([[rootEvents[0]?.stackId ?? '', []]])
  let added = true
  while (added) {
    added = false
    for (const event of [...events]) {
      if (
        event.resourceType !== NESTED_STACK_TYPE ||
        !event.physicalResourceId ||
        pathOf.has(event.physicalResourceId)
      )
        continue
      const dump = dumps.find(candidate => candidate[0]?.stackId === event.physicalResourceId)
      if (!dump) continue
      const path = [...(pathOf.get(event.stackId) ?? []), event.logicalResourceId]
      pathOf.set(event.physicalResourceId, path)
      events.push(...dump.map(child => ({ ...child, nestedPath: path })))
      added = true
    }
  }
  const stack = rootEvents[0]
  return reportFromEvents({
    stackName: stack?.stackName ?? 'unknown',
    stackId: stack?.stackId ?? 'unknown',
    status: rootEvents.find(event => event.physicalResourceId === event.stackId)?.resourceStatus ?? 'UNKNOWN',
    deleted: false,
    events,
    region,
    now: Date.now()
  })
}

function parseDump(text: string, name: string): StackEvent[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new InputError(
      `${name} is not JSON (${(error as Error).message}). Give the output of: aws cloudformation describe-stack-events --stack-name NAME --output json`
    )
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { StackEvents?: unknown }).StackEvents
  if (!Array.isArray(list)) {
    throw new InputError(
      `${name} has no StackEvents list. Give the output of: aws cloudformation describe-stack-events --stack-name NAME --output json`
    )
  }
  // The AWS CLI prints newest first; analysis wants oldest first.
  return (list as CliEvent[])
    .map(event => ({
      eventId: event.EventId ?? '',
      stackId: event.StackId ?? '',
      stackName: event.StackName ?? '',
      logicalResourceId: event.LogicalResourceId ?? '',
      ...(event.PhysicalResourceId ? { physicalResourceId: event.PhysicalResourceId } : {}),
      resourceType: event.ResourceType ?? '',
      timestamp: Date.parse(event.Timestamp ?? '') || 0,
      resourceStatus: event.ResourceStatus ?? '',
      ...(event.ResourceStatusReason ? { resourceStatusReason: event.ResourceStatusReason } : {}),
      ...(event.HookType ? { hookType: event.HookType } : {}),
      ...(event.HookStatus ? { hookStatus: event.HookStatus } : {}),
      ...(event.HookStatusReason ? { hookStatusReason: event.HookStatusReason } : {}),
      nestedPath: []
    }))
    .reverse()
}
