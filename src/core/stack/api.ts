import {
  type CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeEventsCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import { awsErrorMessage, awsErrorName, isAccessDenied } from '../../aws/errors.js'
import { SetupError } from '../errors.js'
import { fromOperationEvent, toStackEvent, toStackSummary } from './convert.js'
import type { StackEvent, StackSummary } from './types.js'

/**
 * The CloudFormation calls the watcher and protection make, each converted to domain types. Every call passes
 * through `pace` first: one request budget shared by everything a watch does.
 */
export class StackApi {
  readonly calls: Record<string, number> = {}
  private describeEventsAvailable = true

  constructor(
    private readonly cfn: CloudFormationClient,
    private readonly pace: () => Promise<void> = async () => undefined
  ) {}

  /** The stack by name or ARN; undefined when it does not exist (by name: not created yet, or deleted). */
  async describeStack(nameOrId: string): Promise<StackSummary | undefined> {
    try {
      const reply = await this.send('DescribeStacks', () =>
        this.cfn.send(new DescribeStacksCommand({ StackName: nameOrId }))
      )
      const stack = reply.Stacks?.[0]
      return stack ? toStackSummary(stack) : undefined
    } catch (error) {
      if (isStackMissing(error)) return undefined
      throw error
    }
  }

  /** One page of events, newest first. */
  async eventsPage(
    stackId: string,
    nestedPath: string[],
    nextToken?: string
  ): Promise<{ events: StackEvent[]; nextToken?: string }> {
    const reply = await this.send('DescribeStackEvents', () =>
      this.cfn.send(
        new DescribeStackEventsCommand({ StackName: stackId, ...(nextToken ? { NextToken: nextToken } : {}) })
      )
    )
    return {
      events: (reply.StackEvents ?? []).map(event => toStackEvent(event, nestedPath)),
      ...(reply.NextToken ? { nextToken: reply.NextToken } : {})
    }
  }

  /**
   * One page of one operation's events from DescribeEvents, newest first; undefined when this endpoint does not offer
   * DescribeEvents or the role may not call it — remembered, so the caller falls back to DescribeStackEvents once.
   */
  async operationEventsPage(
    stackId: string,
    stackName: string,
    operationId: string,
    nextToken?: string
  ): Promise<{ events: StackEvent[]; nextToken?: string } | undefined> {
    if (!this.describeEventsAvailable) return undefined
    try {
      const reply = await this.send('DescribeEvents', () =>
        this.cfn.send(
          new DescribeEventsCommand({
            StackName: stackId,
            OperationId: operationId,
            ...(nextToken ? { NextToken: nextToken } : {})
          })
        )
      )
      return {
        events: (reply.OperationEvents ?? []).map(event => fromOperationEvent(event, stackName, [])),
        ...(reply.NextToken ? { nextToken: reply.NextToken } : {})
      }
    } catch (error) {
      if (!(error instanceof SetupError) && !isUnsupported(error)) throw error
      this.describeEventsAvailable = false
      return undefined
    }
  }

  async setTerminationProtection(stackId: string, enabled: boolean): Promise<void> {
    await this.send('UpdateTerminationProtection', () =>
      this.cfn.send(
        new UpdateTerminationProtectionCommand({ StackName: stackId, EnableTerminationProtection: enabled })
      )
    )
  }

  async deleteStack(stackId: string): Promise<void> {
    await this.send('DeleteStack', () => this.cfn.send(new DeleteStackCommand({ StackName: stackId })))
  }

  /** The ARN of the most recently deleted stack of this name (ListStacks keeps deleted stacks for 90 days). */
  async findDeletedStackId(stackName: string, sinceMs = 0): Promise<string | undefined> {
    let token: string | undefined
    let newest: { id: string; deletedAt: number } | undefined
    do {
      const reply = await this.send('ListStacks', () =>
        this.cfn.send(
          new ListStacksCommand({
            StackStatusFilter: ['DELETE_COMPLETE'],
            ...(token ? { NextToken: token } : {})
          })
        )
      )
      for (const summary of reply.StackSummaries ?? []) {
        const deletedAt = summary.DeletionTime?.getTime() ?? 0
        if (
          summary.StackName === stackName &&
          summary.StackId &&
          deletedAt >= sinceMs &&
          (!newest || deletedAt > newest.deletedAt)
        ) {
          newest = { id: summary.StackId, deletedAt }
        }
      }
      token = reply.NextToken
    } while (token)
    return newest?.id
  }

  /** Failed events from DescribeEvents (early validation, hooks), including a change set that never executed. */
  async failedOperationEvents(stackId: string, stackName: string): Promise<StackEvent[]> {
    const reply = await this.send('DescribeEvents', () =>
      this.cfn.send(new DescribeEventsCommand({ StackName: stackId, Filters: { FailedEvents: true } }))
    )
    return (reply.OperationEvents ?? []).map(event => fromOperationEvent(event, stackName, []))
  }

  private async send<T>(action: string, call: () => Promise<T>): Promise<T> {
    await this.pace()
    this.calls[action] = (this.calls[action] ?? 0) + 1
    try {
      return await call()
    } catch (error) {
      if (!isAccessDenied(error)) throw error
      throw new SetupError(
        `cloudformation:${action} was denied: ${awsErrorMessage(error)} Grant it to the deploying role ` +
          '(see iam/deploy-guard-policy.json in deploy-guard), or turn off the feature that needs it.',
        { cause: error }
      )
    }
  }
}

const UNSUPPORTED = new Set([
  'UnknownOperationException',
  'UnknownOperation',
  'InvalidAction',
  'NotImplemented'
])

/** An endpoint (an older region, a local emulator) that does not offer the action at all. */
function isUnsupported(error: unknown): boolean {
  return (
    UNSUPPORTED.has(awsErrorName(error)) ||
    /not (supported|implemented)|unknown (operation|action)/i.test(awsErrorMessage(error))
  )
}

export function isStackMissing(error: unknown): boolean {
  return awsErrorName(error) === 'ValidationError' && /does not exist/.test(awsErrorMessage(error))
}
