/**
 * Builds describe-stack-events histories the way the AWS CLI prints them (`{"StackEvents": [...]}`, PascalCase,
 * ISO timestamps, newest first), one event per second unless told otherwise, for the explain tests.
 */
export interface CliEvent {
  EventId: string
  StackId?: string
  StackName?: string
  LogicalResourceId: string
  PhysicalResourceId?: string
  ResourceType: string
  Timestamp: string
  ResourceStatus: string
  ResourceStatusReason?: string
}

export const arn = (name: string, id = 'a1b2c3d4') =>
  `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/${id}`

export class History {
  readonly events: CliEvent[] = []
  private clock: number

  constructor(
    readonly stackName: string,
    readonly stackId = arn(stackName),
    start = Date.parse('2026-11-02T10:00:00Z')
  ) {
    this.clock = start
  }

  /** Moves the clock on (ms), e.g. days between two operations. */
  wait(ms: number): this {
    this.clock += ms
    return this
  }

  /** The stack's own row. */
  stack(status: string, reason?: string): this {
    return this.push(this.stackName, 'AWS::CloudFormation::Stack', status, reason, this.stackId)
  }

  resource(logicalId: string, type: string, status: string, reason?: string, physicalId?: string): this {
    return this.push(logicalId, type, status, reason, physicalId)
  }

  /** The parent's row for a nested stack resource. */
  nested(logicalId: string, childId: string, status: string, reason?: string): this {
    return this.push(logicalId, 'AWS::CloudFormation::Stack', status, reason, childId)
  }

  /** The clock of the next event (for a nested stack's history that runs alongside). */
  now(): number {
    return this.clock
  }

  /** A nested stack's own history, starting at this one's clock. */
  child(stackName: string, stackId: string): History {
    return new History(stackName, stackId, this.clock)
  }

  at(ms: number): this {
    this.clock = ms
    return this
  }

  dump(order: 'newest-first' | 'oldest-first' = 'newest-first'): { StackEvents: CliEvent[] } {
    return { StackEvents: order === 'newest-first' ? [...this.events].reverse() : [...this.events] }
  }

  private push(
    logicalId: string,
    type: string,
    status: string,
    reason: string | undefined,
    physicalId: string | undefined
  ): this {
    this.clock += 1000
    this.events.push({
      EventId: `${logicalId}-${status}-${this.clock}`,
      StackId: this.stackId,
      StackName: this.stackName,
      LogicalResourceId: logicalId,
      ...(physicalId ? { PhysicalResourceId: physicalId } : {}),
      ResourceType: type,
      Timestamp: new Date(this.clock).toISOString(),
      ResourceStatus: status,
      ...(reason ? { ResourceStatusReason: reason } : {})
    })
    return this
  }
}

const DAY = 86_400_000
export const API_REASON =
  'Resource handler returned message: "Invalid request provided: Unable to complete operation due to concurrent modification. Please try again later." (RequestToken: 5f0c6d8e, HandlerErrorCode: InvalidRequest)'

/** Issue 9 §1: update #1 fails on OldQueue, update #2 succeeds, update #3 fails on Api — a day apart. */
export function threeUpdates(): History {
  return new History('OrdersApiStack')
    .stack('UPDATE_IN_PROGRESS', 'User Initiated')
    .resource('OldQueue', 'AWS::SQS::Queue', 'UPDATE_IN_PROGRESS')
    .resource(
      'OldQueue',
      'AWS::SQS::Queue',
      'UPDATE_FAILED',
      'Resource handler returned message: "Queue already exists"'
    )
    .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [OldQueue].')
    .resource('OldQueue', 'AWS::SQS::Queue', 'UPDATE_COMPLETE')
    .stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
    .stack('UPDATE_ROLLBACK_COMPLETE')
    .wait(DAY)
    .stack('UPDATE_IN_PROGRESS', 'User Initiated')
    .resource('Handler', 'AWS::Lambda::Function', 'UPDATE_IN_PROGRESS')
    .resource('Handler', 'AWS::Lambda::Function', 'UPDATE_COMPLETE')
    .stack('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    .stack('UPDATE_COMPLETE')
    .wait(DAY)
    .stack('UPDATE_IN_PROGRESS', 'User Initiated')
    .resource('Api', 'AWS::ApiGateway::RestApi', 'UPDATE_IN_PROGRESS')
    .resource('Api', 'AWS::ApiGateway::RestApi', 'UPDATE_FAILED', API_REASON)
    .stack('UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [Api].')
    .resource('Api', 'AWS::ApiGateway::RestApi', 'UPDATE_COMPLETE')
    .stack('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
    .stack('UPDATE_ROLLBACK_COMPLETE')
}
