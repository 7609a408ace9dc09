import { DeployGuardError } from '../errors.js'
import type { StackApi } from './api.js'
import { isStackLevelEvent } from './convert.js'
import { EventStream } from './event-stream.js'
import type { StackEvent, StackSummary } from './types.js'

/** Statuses no deploy can start from until someone finishes the failed rollback by hand. */
export const STUCK_STATUSES = ['UPDATE_ROLLBACK_FAILED', 'ROLLBACK_FAILED'] as const

/** A resource whose rollback failed: what keeps the stack stuck. */
export interface BlockingResource {
  logicalResourceId: string
  resourceType: string
  status: string
  reason?: string
}

/**
 * A stack stuck in a failed rollback: CloudFormation refuses every update until the rollback is continued (skipping
 * what cannot roll back) or, for a failed create, the stack is deleted keeping what cannot be deleted. The way out is
 * AWS's own ("Continue rolling back an update", CloudFormation User Guide).
 */
export class StackStuckError extends DeployGuardError {
  constructor(
    readonly stuckStack: StackSummary,
    readonly blocking: BlockingResource[]
  ) {
    super(stuckMessage(stuckStack, blocking))
  }
}

/**
 * The resources whose latest event since the rollback began is a failure: the rollback's blockers. Reads the stack's
 * current deployment back to its opening event (bounded to a few pages).
 */
export async function blockingResources(api: StackApi, stack: StackSummary): Promise<BlockingResource[]> {
  const events = await new EventStream(api, stack.stackId, [], {
    currentOperation: true,
    maxPages: 10
  }).poll()
  return blockersOf(events)
}

/** From one deployment's events, oldest first: resources that failed after the rollback began and stayed failed. */
export function blockersOf(events: StackEvent[]): BlockingResource[] {
  const rollbackAt = events.findLastIndex(
    event => isStackLevelEvent(event) && /ROLLBACK_IN_PROGRESS$/.test(event.resourceStatus)
  )
  const latest = new Map<string, StackEvent>()
  for (const event of events.slice(rollbackAt + 1))
    if (!isStackLevelEvent(event)) latest.set(event.logicalResourceId, event)
  return [...latest.values()]
    .filter(event => event.resourceStatus.endsWith('_FAILED'))
    .map(event => ({
      logicalResourceId: event.logicalResourceId,
      resourceType: event.resourceType,
      status: event.resourceStatus,
      ...(event.resourceStatusReason ? { reason: event.resourceStatusReason } : {})
    }))
}

function stuckMessage(stack: StackSummary, blocking: BlockingResource[]): string {
  const name = stack.stackName
  const list = blocking.length
    ? ` Blocking: ${blocking
        .map(
          resource =>
            `${resource.logicalResourceId} (${resource.resourceType}) ${resource.status}${resource.reason ? `: ${resource.reason}` : ''}`
        )
        .join('; ')}.`
    : ''
  const ids = blocking.map(resource => resource.logicalResourceId).join(' ')
  if (stack.status === 'ROLLBACK_FAILED') {
    return (
      `Stack ${name} is in ROLLBACK_FAILED: its first create failed and the rollback could not delete everything, so ` +
      `it cannot be updated.${list} The deploy command was not run. Diagnose it (deploy-guard diagnose --stack ${name}), ` +
      `then delete it keeping what cannot be deleted: aws cloudformation delete-stack --stack-name ${name}` +
      `${ids ? ` --retain-resources ${ids}` : ''} (turn termination protection off first), and deploy again.`
    )
  }
  return (
    `Stack ${name} is in UPDATE_ROLLBACK_FAILED: an update failed and rolling it back failed too, so CloudFormation ` +
    `refuses every update until the rollback is finished.${list} The deploy command was not run. Fix what stopped ` +
    `the rollback and run: aws cloudformation continue-update-rollback --stack-name ${name}` +
    (ids
      ? `; or, for resources that cannot roll back, skip them: aws cloudformation continue-update-rollback --stack-name ${name} --resources-to-skip ${ids} (they keep their current state, which may no longer match the template)`
      : '') +
    `. Then deploy again. Details: deploy-guard diagnose --stack ${name}.`
  )
}
