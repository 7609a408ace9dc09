import type { Principal } from './principals.js'

/**
 * A scenario is data: a timeline of stack events and CloudTrail records at offsets (ms) from the moment the
 * deploy starts. Negative offsets are history from before the deploy (a stack created yesterday and now updated).
 */
export interface ScriptStack {
  /** '' for the root; nested stacks are referred to by the key the scenario gives them. */
  key: string
  name: string
  id: string
  parentKey?: string
}

export interface HookDetail {
  type: string
  status: string
  reason?: string
  failureMode?: string
  invocationPoint?: string
}

export interface ValidationDetail {
  name: string
  status: string
  reason: string
  path?: string
  failureMode?: string
}

export interface ScriptEvent {
  at: number
  stack: string
  logicalId: string
  type: string
  status: string
  physicalId?: string
  reason?: string
  /** DescribeEvents `EventType`; derived from the status when absent. */
  eventType?: string
  hook?: HookDetail
  validation?: ValidationDetail
  /** Early-validation events exist only in DescribeEvents, not in DescribeStackEvents. */
  describeEventsOnly?: boolean
  /** `ResourceProperties` as CloudFormation reports them, secrets included: diagnostics must never print them. */
  properties?: Record<string, unknown>
  /** The token of the call that started the operation (`Console-…`, CDK's `exec…`). */
  clientRequestToken?: string
}

export interface ScriptOperation {
  at: number
  type:
    'CREATE_CHANGESET' | 'CREATE_STACK' | 'UPDATE_STACK' | 'DELETE_STACK' | 'ROLLBACK' | 'CONTINUE_ROLLBACK'
}

export interface ScriptTrail {
  at: number
  eventName: string
  eventSource: string
  principal: Principal
  /** Set for the calls a service makes on the stack's behalf, e.g. `cloudformation.amazonaws.com`. */
  invokedBy?: string
  readOnly?: boolean
  requestParameters?: Record<string, unknown>
  responseElements?: Record<string, unknown> | null
  errorCode?: string
  errorMessage?: string
  resources?: { type: string; name: string }[]
  /** Lets a stack event's reason quote the same AWS request id as the CloudTrail record. */
  requestId?: string
}

/** An ECS service as the scenario plays it: created at `at`, its tasks are listed separately. */
export interface ScriptEcsService {
  at: number
  cluster: string
  name: string
  desiredCount: number
  deploymentId: string
  taskDefinition: string
  targetGroupArn?: string
  /** When the circuit breaker (or CloudFormation) gave up on the deployment. */
  rolloutFailedAt?: number
  rolloutFailedReason?: string
  /** When the rollback deleted it: INACTIVE from then on, still describable, as in ECS. */
  deletedAt?: number
  /** ECS's service event messages. */
  events: { at: number; message: string }[]
}

/** A cluster exists from `at`; after `deletedAt` it is INACTIVE, which ECS still answers for. */
export interface ScriptEcsCluster {
  at: number
  name: string
  deletedAt?: number
}

export interface ScriptEcsTask {
  /** Created (PENDING) at `at`, RUNNING from `startedAt`, STOPPED at `stoppedAt`. */
  at: number
  startedAt?: number
  stoppedAt?: number
  cluster: string
  service: string
  /** 32 hex characters. */
  taskId: string
  taskDefinition: string
  startedBy: string
  stopCode?: string
  stoppedReason?: string
  containers: { name: string; exitCode?: number; reason?: string; healthStatus?: string }[]
}

export interface ScriptTaskDefinition {
  /** Registered at `at`; INACTIVE from `deregisteredAt` (a rollback deregisters it), still describable. */
  at: number
  deregisteredAt?: number
  arn: string
  containers: {
    name: string
    image: string
    essential: boolean
    logGroup?: string
    logRegion?: string
    streamPrefix?: string
    /** Plain environment variables, secrets included as people do: diagnostics must never show them. */
    environment?: Record<string, string>
  }[]
}

export interface ScriptRdsEvent {
  at: number
  sourceType: 'db-instance' | 'db-cluster'
  sourceId: string
  message: string
  categories: string[]
}

/** A log group exists from `at` (CloudFormation or the first Lambda invocation creates it), even before any line. */
export interface ScriptLogGroup {
  at: number
  name: string
}

export interface ScriptLogEvent {
  at: number
  group: string
  stream: string
  message: string
}

/** What ECS, RDS and CloudWatch Logs record while the scenario plays. */
export interface ScriptServices {
  ecsClusters?: ScriptEcsCluster[]
  ecsServices?: ScriptEcsService[]
  ecsTasks?: ScriptEcsTask[]
  taskDefinitions?: ScriptTaskDefinition[]
  rdsEvents?: ScriptRdsEvent[]
  logGroups?: ScriptLogGroup[]
  logEvents?: ScriptLogEvent[]
}

export interface Script {
  region: string
  account: string
  stacks: ScriptStack[]
  events: ScriptEvent[]
  operations: ScriptOperation[]
  trail: ScriptTrail[]
  /** DeleteStack calls the scenario makes; refused if termination protection is on at that moment. */
  deletes: { at: number; principal: Principal }[]
  /** How far in the wall clock's past the deploy starts: its last scripted moment. */
  span: number
  services?: ScriptServices
}

export const SECOND = 1000
export const MINUTE = 60 * SECOND

/** Builds a stack's events without repeating its key, and the usual pairs of resource statuses. */
export function timeline(stack: ScriptStack, type = 'AWS::CloudFormation::Stack') {
  const events: ScriptEvent[] = []
  const own = (at: number, status: string, reason?: string) =>
    events.push({ at, stack: stack.key, logicalId: stack.name, type, physicalId: stack.id, status, reason })
  const resource = (
    at: number,
    logicalId: string,
    resourceType: string,
    status: string,
    extra: Partial<ScriptEvent> = {}
  ) => events.push({ at, stack: stack.key, logicalId, type: resourceType, status, ...extra })
  /**
   * CREATE_IN_PROGRESS, "Resource creation Initiated", then CREATE_COMPLETE after `took`, like CloudFormation;
   * `properties` go on each of them, as DescribeStackEvents reports ResourceProperties on create events.
   */
  const created = (
    at: number,
    logicalId: string,
    resourceType: string,
    took: number,
    physicalId: string,
    properties?: Record<string, unknown>
  ) => {
    const withProperties = properties ? { properties } : {}
    resource(at, logicalId, resourceType, 'CREATE_IN_PROGRESS', withProperties)
    resource(at + SECOND, logicalId, resourceType, 'CREATE_IN_PROGRESS', {
      physicalId,
      reason: 'Resource creation Initiated',
      ...withProperties
    })
    resource(at + took, logicalId, resourceType, 'CREATE_COMPLETE', { physicalId, ...withProperties })
  }
  const deleted = (
    at: number,
    logicalId: string,
    resourceType: string,
    took: number,
    physicalId?: string
  ) => {
    resource(at, logicalId, resourceType, 'DELETE_IN_PROGRESS', { physicalId })
    resource(at + took, logicalId, resourceType, 'DELETE_COMPLETE', { physicalId })
  }
  return { events, own, resource, created, deleted }
}

export function cloudFormationCall(
  at: number,
  eventName: string,
  principal: Principal,
  stack: ScriptStack,
  extra: Partial<ScriptTrail> = {}
): ScriptTrail {
  return {
    at,
    eventName,
    eventSource: 'cloudformation.amazonaws.com',
    principal,
    requestParameters: { stackName: stack.name },
    responseElements: null,
    resources: [{ type: 'AWS::CloudFormation::Stack', name: stack.id }],
    ...extra
  }
}
