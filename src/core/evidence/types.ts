/**
 * Evidence beyond the stack events: what ECS, RDS and CloudWatch Logs say about a resource that failed or is stuck.
 * The core reads those services through the small ports below (implemented over the SDK in src/aws/evidence, loaded
 * only when needed), so the rules here are plain functions of plain data.
 */

export type EvidenceKind = 'ecs-service' | 'rds' | 'custom-resource'

/** What CloudFormation says about one resource worth a closer look. */
export interface EvidenceTarget {
  stackId: string
  stackName: string
  logicalResourceId: string
  resourceType: string
  physicalResourceId?: string
  nestedPath: string[]
  /** CloudFormation's status reason for the failure, when it failed. */
  reason?: string
  /** A custom resource's ServiceToken (the only ResourceProperties field ever read). */
  serviceToken?: string
  /** The resource's first in-progress event and its end (or now): the window evidence is read in. */
  since: number
  until: number
}

export interface EvidenceFact {
  /** Epoch ms, when the source dates it. */
  time?: number
  /** Where it came from, e.g. `ECS service event`, `stopped task`, `RDS event`. */
  source: string
  text: string
}

export interface LogLine {
  timestamp: number
  message: string
  stream?: string
}

/** One resource's evidence, as the report carries it. */
export interface Evidence {
  kind: EvidenceKind
  stackName: string
  stackId: string
  logicalResourceId: string
  resourceType: string
  physicalResourceId?: string
  nestedPath: string[]
  /** One plain sentence: what the evidence says went wrong, when it says anything. */
  verdict?: string
  /** Oldest first. */
  facts: EvidenceFact[]
  /** The last error lines of the resource's logs, secrets redacted (never other lines). */
  logLines: LogLine[]
  links: { label: string; url: string }[]
  /** What could not be read and what would show it: a denied permission, a resource already gone. */
  gaps: string[]
}

export interface EcsDeploymentView {
  id: string
  status: string
  taskDefinition?: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  failedTasks: number
  rolloutState?: string
  rolloutStateReason?: string
}

export interface EcsServiceView {
  serviceArn: string
  serviceName: string
  status: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  deployments: EcsDeploymentView[]
  /** Any order; the rules sort them. */
  events: { createdAt: number; message: string }[]
  targetGroupArns: string[]
}

export interface EcsContainerView {
  name: string
  exitCode?: number
  reason?: string
  healthStatus?: string
}

export interface EcsTaskView {
  taskArn: string
  taskDefinitionArn?: string
  /** The service deployment that started it (`ecs-svc/…`). */
  startedBy?: string
  stopCode?: string
  stoppedReason?: string
  startedAt?: number
  stoppedAt?: number
  healthStatus?: string
  containers: EcsContainerView[]
}

export interface ContainerLogConfig {
  containerName: string
  essential: boolean
  logDriver?: string
  group?: string
  region?: string
  streamPrefix?: string
}

export interface EcsReader {
  /** Undefined when ECS does not know the service (deleted long ago, or another cluster). */
  describeService(cluster: string, service: string): Promise<EcsServiceView | undefined>
  /** Up to `limit` of the service's stopped tasks ECS still remembers (about an hour). */
  stoppedTasks(cluster: string, service: string, limit: number): Promise<EcsTaskView[]>
  /** Only each container's name, essential flag and log settings: never its environment or secrets. */
  containerLogs(taskDefinitionArn: string): Promise<ContainerLogConfig[]>
}

export interface RdsEventView {
  time: number
  message: string
  categories: string[]
}

export interface RdsReader {
  events(
    sourceType: 'db-instance' | 'db-cluster',
    id: string,
    startMs: number,
    endMs: number
  ): Promise<RdsEventView[]>
}

export interface LogQuery {
  group: string
  /** One stream (read from its end); without it the group is searched with `pattern`. */
  stream?: string
  startMs: number
  endMs: number
  /** CloudWatch Logs filter pattern for a group search. */
  pattern: string
  limit: number
}

export interface LogsReader {
  /** The newest lines of the window, oldest first. */
  recentLines(query: LogQuery): Promise<LogLine[]>
}

/** Each service's reader, loaded on first use so a deploy that needs none never loads their SDK clients. */
export interface EvidenceReaders {
  ecs(): Promise<EcsReader>
  rds(): Promise<RdsReader>
  logs(): Promise<LogsReader>
}

/** A read that cannot show anything: the permission it needed was denied, or the thing is gone. */
export class EvidenceGap extends Error {
  constructor(
    readonly kind: 'denied' | 'not-found',
    /** The IAM action that was called, e.g. `ecs:DescribeServices`. */
    readonly permission: string,
    message: string
  ) {
    super(message)
    this.name = 'EvidenceGap'
  }
}
