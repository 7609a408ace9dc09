import { describeResource } from '../stack/format.js'
import { NESTED_STACK_TYPE, type StackEvent } from '../stack/types.js'
import { forwardPhaseEnd, isStackRow } from './operations.js'
import { isCancellation } from './reason.js'

/** A resource whose rollback or deletion failed: what keeps the stack in its `*_FAILED` state now. */
export interface BlockingResource {
  logicalResourceId: string
  /** Logical ids of the nested stacks from the root down to the one holding it (empty for the root). */
  nestedPath: string[]
  resourceType: string
  physicalResourceId?: string
  status: string
  reason: string
  timestamp: number
}

/** A stack that cannot be deployed until someone acts, and what to run. */
export interface StuckStack {
  status: 'UPDATE_ROLLBACK_FAILED' | 'ROLLBACK_FAILED' | 'DELETE_FAILED'
  resources: BlockingResource[]
  /**
   * The ids the way out names: for UPDATE_ROLLBACK_FAILED the `--resources-to-skip` values (nested ones as
   * `NestedStack.LogicalId`, the form ContinueUpdateRollback takes); for DELETE_FAILED and ROLLBACK_FAILED the
   * root stack's `--retain-resources` values.
   */
  ids: string[]
  /** The command that resumes (or finishes) the stack, with those ids. */
  command: string
  /** One paragraph: what blocks the stack, the way out, and what skipping or retaining costs. */
  wayOut: string
}

const STUCK = new Set(['UPDATE_ROLLBACK_FAILED', 'ROLLBACK_FAILED', 'DELETE_FAILED'])

export function isStuckStatus(status: string): status is StuckStack['status'] {
  return STUCK.has(status)
}

/**
 * What blocks a stack in UPDATE_ROLLBACK_FAILED, ROLLBACK_FAILED or DELETE_FAILED, from the events of the
 * operation that left it there (root and nested, any order; `[]` when none are at hand), and the way out:
 * `continue-update-rollback [--resources-to-skip …]` (ContinueUpdateRollback API reference: only resources in
 * UPDATE_FAILED can be skipped, nested ones as `NestedStackName.ResourceLogicalID`, always on the root stack) or
 * `delete-stack [--retain-resources …]` (DeleteStack: RetainResources only for a stack in DELETE_FAILED, logical
 * ids of the stack's own resources). Undefined for any other status.
 */
export function stuckStack(stackName: string, status: string, events: StackEvent[]): StuckStack | undefined {
  if (!isStuckStatus(status)) return undefined
  const resources = blockingResources(events, status)
  return { status, resources, ...wayOut(stackName, status, resources) }
}

/**
 * The resources whose last event after the operation turned back (rollback or clean-up deletion; the whole input
 * for an operation that was a deletion or a resumed rollback) is UPDATE_FAILED (UPDATE_ROLLBACK_FAILED) or
 * DELETE_FAILED. For a rollback, a nested stack whose own events name the failed resources inside it gives way to
 * them (they are what is skipped), and a resource whose rollback was only cancelled ("Resource update cancelled",
 * because another one failed) is left out: ContinueUpdateRollback retries it, and its API reference allows skipping
 * only resources in UPDATE_FAILED "because a rollback failed", not "because an update was canceled".
 */
export function blockingResources(events: StackEvent[], status: string): BlockingResource[] {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp)
  const cutoff = forwardPhaseEnd(ordered)
  const after = cutoff === Infinity ? ordered : ordered.filter(event => event.timestamp > cutoff)
  const wanted = status === 'UPDATE_ROLLBACK_FAILED' ? 'UPDATE_FAILED' : 'DELETE_FAILED'
  const last = new Map<string, StackEvent>()
  for (const event of after) {
    if (isStackRow(event)) continue
    last.set(`${event.stackId}\u0000${event.logicalResourceId}`, event)
  }
  const failed = [...last.values()].filter(
    event =>
      event.resourceStatus === wanted &&
      !(wanted === 'UPDATE_FAILED' && isCancellation(event.resourceStatusReason))
  )
  const failedInside = (nested: StackEvent) =>
    failed.some(event => event.stackId === nested.physicalResourceId && event !== nested)
  return (
    failed
      // Skipping takes the resource inside the nested stack; retaining takes the root's nested stack resource.
      .filter(
        event =>
          wanted !== 'UPDATE_FAILED' || !(event.resourceType === NESTED_STACK_TYPE && failedInside(event))
      )
      .map(event => ({
        logicalResourceId: event.logicalResourceId,
        nestedPath: event.nestedPath,
        resourceType: event.resourceType,
        ...(event.physicalResourceId ? { physicalResourceId: event.physicalResourceId } : {}),
        status: event.resourceStatus,
        reason: event.resourceStatusReason ?? '',
        timestamp: event.timestamp
      }))
  )
}

/**
 * The way out of a stuck status, in one wording for every caller (the diagnosis, and `run` refusing to deploy over
 * a stuck stack): the command with the ids it needs, and one paragraph saying what blocks the stack and what the
 * command costs. `resources` may be empty when the events are not at hand.
 */
export function wayOut(
  stackName: string,
  status: StuckStack['status'],
  resources: BlockingResource[]
): { ids: string[]; command: string; wayOut: string } {
  const named = resources.map(
    resource => `${describeResource(resource)}: ${resource.reason || resource.status}`
  )
  const blocked = named.length ? ` It is blocked by ${named.join('; ')}.` : ''
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    const ids = resources.map(resource => [...resource.nestedPath, resource.logicalResourceId].join('.'))
    const plain = `aws cloudformation continue-update-rollback --stack-name ${stackName}`
    const command = ids.length ? `${plain} --resources-to-skip ${ids.join(' ')}` : plain
    return {
      ids,
      command,
      wayOut:
        `${stackName} is in UPDATE_ROLLBACK_FAILED: the rollback could not restore every resource, and the stack ` +
        `cannot be updated until the rollback finishes.${blocked} Fix the cause (for example recreate what was ` +
        `changed or deleted outside CloudFormation) and run \`${plain}\`` +
        (ids.length
          ? `, or skip them: \`${command}\`. Skipped resources are marked rolled back without being changed, so ` +
            'they stay inconsistent with the template until you fix them by hand or in a later update.'
          : '.')
    }
  }
  const ids = resources
    .filter(resource => resource.nestedPath.length === 0)
    .map(resource => resource.logicalResourceId)
  const plain = `aws cloudformation delete-stack --stack-name ${stackName}`
  const retain = ids.length ? `${plain} --retain-resources ${ids.join(' ')}` : plain
  if (status === 'ROLLBACK_FAILED') {
    return {
      ids,
      command: plain,
      wayOut:
        `${stackName} is in ROLLBACK_FAILED: its failed create could not be rolled back and it can only be ` +
        `deleted.${blocked} Fix what keeps them from being deleted and run \`${plain}\`` +
        (ids.length
          ? `; if the deletion fails on them again (DELETE_FAILED), \`${retain}\` finishes it and leaves them ` +
            'in the account, to be deleted by hand.'
          : '.')
    }
  }
  return {
    ids,
    command: retain,
    wayOut:
      `${stackName} is in DELETE_FAILED: some resources could not be deleted.${blocked} Fix the reason and run ` +
      `\`${plain}\` again` +
      (ids.length
        ? `, or finish the deletion without them: \`${retain}\` — retained resources stay in the account ` +
          '(and keep costing) until you delete them by hand.'
        : '.')
  }
}
