import type {
  OperationEvent as SdkOperationEvent,
  Stack as SdkStack,
  StackEvent as SdkStackEvent
} from '@aws-sdk/client-cloudformation'
import type { StackEvent, StackSummary } from './types.js'

/** The one place SDK stack shapes become domain types. */
export function toStackSummary(stack: SdkStack): StackSummary {
  return {
    stackName: stack.StackName ?? '',
    stackId: stack.StackId ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
    terminationProtection: stack.EnableTerminationProtection === true,
    ...(stack.ParentId ? { parentId: stack.ParentId } : {}),
    ...(stack.RootId ? { rootId: stack.RootId } : {}),
    ...(stack.CreationTime ? { creationTime: stack.CreationTime.getTime() } : {}),
    ...(stack.LastUpdatedTime ? { lastUpdatedTime: stack.LastUpdatedTime.getTime() } : {}),
    ...(stack.LastOperations?.length
      ? {
          lastOperations: stack.LastOperations.map(operation => ({
            operationType: operation.OperationType ?? 'UNKNOWN',
            operationId: operation.OperationId ?? ''
          }))
        }
      : {})
  }
}

export function toStackEvent(event: SdkStackEvent, nestedPath: string[]): StackEvent {
  return {
    eventId: event.EventId ?? '',
    stackId: event.StackId ?? '',
    stackName: event.StackName ?? '',
    logicalResourceId: event.LogicalResourceId ?? '',
    ...(event.PhysicalResourceId ? { physicalResourceId: event.PhysicalResourceId } : {}),
    resourceType: event.ResourceType ?? '',
    timestamp: event.Timestamp?.getTime() ?? 0,
    resourceStatus: event.ResourceStatus ?? '',
    ...(event.ResourceStatusReason ? { resourceStatusReason: event.ResourceStatusReason } : {}),
    ...(event.ClientRequestToken ? { clientRequestToken: event.ClientRequestToken } : {}),
    ...(event.OperationId ? { operationId: event.OperationId } : {}),
    ...(event.HookType ? { hookType: event.HookType } : {}),
    ...(event.HookStatus ? { hookStatus: event.HookStatus } : {}),
    ...(event.HookStatusReason ? { hookStatusReason: event.HookStatusReason } : {}),
    ...(event.HookFailureMode ? { hookFailureMode: event.HookFailureMode } : {}),
    ...serviceTokenOf(event.ResourceType, event.ResourceProperties),
    nestedPath
  }
}

export function fromOperationEvent(
  event: SdkOperationEvent,
  stackName: string,
  nestedPath: string[]
): StackEvent {
  return {
    eventId: event.EventId ?? '',
    stackId: event.StackId ?? '',
    stackName,
    logicalResourceId: event.LogicalResourceId ?? '',
    ...(event.PhysicalResourceId ? { physicalResourceId: event.PhysicalResourceId } : {}),
    resourceType: event.ResourceType ?? '',
    timestamp: event.Timestamp?.getTime() ?? 0,
    resourceStatus: event.ResourceStatus ?? event.ValidationStatus ?? event.HookStatus ?? '',
    ...(event.ResourceStatusReason ? { resourceStatusReason: event.ResourceStatusReason } : {}),
    ...(event.OperationId ? { operationId: event.OperationId } : {}),
    ...(event.EventType ? { eventType: event.EventType } : {}),
    ...(event.HookType ? { hookType: event.HookType } : {}),
    ...(event.HookStatus ? { hookStatus: event.HookStatus } : {}),
    ...(event.HookStatusReason ? { hookStatusReason: event.HookStatusReason } : {}),
    ...(event.HookFailureMode ? { hookFailureMode: event.HookFailureMode } : {}),
    ...(event.ValidationPath ? { validationPath: event.ValidationPath } : {}),
    ...(event.ValidationStatusReason ? { validationStatusReason: event.ValidationStatusReason } : {}),
    ...serviceTokenOf(event.ResourceType, event.ResourceProperties),
    nestedPath
  }
}

/**
 * Only a custom resource's ServiceToken is read from ResourceProperties (a JSON string that can hold passwords);
 * the text itself never leaves this function.
 */
function serviceTokenOf(type: string | undefined, properties: string | undefined): { serviceToken?: string } {
  if (
    !properties ||
    !type ||
    !(type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')
  )
    return {}
  try {
    const token = (JSON.parse(properties) as { ServiceToken?: unknown }).ServiceToken
    return typeof token === 'string' && token.startsWith('arn:') ? { serviceToken: token } : {}
  } catch {
    return {}
  }
}

/**
 * The stack's own status event (not one of its resources'): `AWS::CloudFormation::Stack` whose PhysicalResourceId
 * is the StackId — or, in a log copied without PhysicalResourceId, whose LogicalResourceId is the stack's name
 * (issue 9 §1; a nested stack resource row always names its child's ARN, never its parent's).
 */
export function isStackLevelEvent(event: StackEvent): boolean {
  if (event.resourceType !== 'AWS::CloudFormation::Stack') return false
  if (event.physicalResourceId) return event.physicalResourceId === event.stackId
  return event.stackName !== '' && event.logicalResourceId === event.stackName
}

/** The first event of an operation: CloudFormation opens every create, update, delete or import with it. */
export function isOperationStart(event: StackEvent): boolean {
  return (
    isStackLevelEvent(event) &&
    [
      'CREATE_IN_PROGRESS',
      'UPDATE_IN_PROGRESS',
      'DELETE_IN_PROGRESS',
      'IMPORT_IN_PROGRESS',
      'REVIEW_IN_PROGRESS'
    ].includes(event.resourceStatus)
  )
}
