/**
 * The domain view of a CloudFormation stack and its events. SDK shapes (optional everything, Date objects,
 * string unions that grow) are converted into these once, at the boundary, in one module per API.
 */

/** CloudFormation stack status, e.g. `CREATE_IN_PROGRESS`, `UPDATE_ROLLBACK_COMPLETE`, `DELETE_COMPLETE`. */
export type StackStatus = string

export interface StackSummary {
  /** The name the user gave. */
  stackName: string
  /** The stack ARN: from the moment it is known, the stack is addressed by it so a deletion is still seen. */
  stackId: string
  status: StackStatus
  statusReason?: string
  terminationProtection: boolean
  /** ARN of the parent stack when this is a nested stack (AWS sets termination protection on the root only). */
  parentId?: string
  rootId?: string
  creationTime?: number
  lastUpdatedTime?: number
  /** From DescribeStacks `LastOperations` where the API returns it. */
  lastOperations?: { operationType: string; operationId: string }[]
}

/** One resource event, from DescribeStackEvents or DescribeEvents. Times are epoch ms. */
export interface StackEvent {
  eventId: string
  stackId: string
  stackName: string
  logicalResourceId: string
  physicalResourceId?: string
  resourceType: string
  timestamp: number
  resourceStatus: string
  resourceStatusReason?: string
  /** The token of the call that started this event's operation (`Console-…` from the console, `exec…` from CDK). */
  clientRequestToken?: string
  /** Operation this event belongs to (DescribeEvents `OperationId`), when known. */
  operationId?: string
  /** `PROVISIONING`, `VALIDATION_ERROR`, `HOOK_INVOCATION_ERROR` … (DescribeEvents `EventType`). */
  eventType?: string
  hookType?: string
  hookStatus?: string
  hookStatusReason?: string
  hookFailureMode?: string
  validationPath?: string
  validationStatusReason?: string
  /**
   * A custom resource's ServiceToken (the Lambda or SNS topic behind it): the one ResourceProperties field kept.
   * The rest of ResourceProperties can hold secrets and is dropped at the boundary.
   */
  serviceToken?: string
  /** Logical ids from the root stack down to the stack that emitted this event (empty for the root). */
  nestedPath: string[]
}

export const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack'

/** Terminal: the operation has ended one way or the other (DESIGN.md §4). */
export function isTerminalStatus(status: StackStatus): boolean {
  return status.endsWith('_COMPLETE') || status.endsWith('_FAILED')
}

/** Ended in failure: the deploy did not do what was asked, even if the rollback itself completed. */
export function isFailedStatus(status: StackStatus): boolean {
  return status.endsWith('_FAILED') || status.includes('ROLLBACK') || status === 'DELETE_COMPLETE'
}
