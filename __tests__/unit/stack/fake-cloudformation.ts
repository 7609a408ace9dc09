import { mockClient } from 'aws-sdk-client-mock'
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type OperationType,
  type ResourceStatus,
  type StackEvent as SdkStackEvent,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import type { Clock } from '../../../src/core/clock.js'

/** 11:26:57 UTC: deployment #76 of incident A executes its change set. */
export const T0 = Date.parse('2026-03-12T11:26:57Z')
export const STACK = 'CourtCaseManagementStack'
export const arn = (name: string) => `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/${name}-id`
export const seconds = (s: number) => T0 + s * 1000

interface FakeStack {
  name: string
  id: string
  parentId?: string
  /** Every change of termination protection, oldest first: scheduled ones (a deploy tool's) and API calls. */
  protection: { at: number; on: boolean }[]
  /** Oldest first; an event exists from its timestamp on, so the timeline plays out as the clock advances. */
  events: SdkStackEvent[]
}

/**
 * CloudFormation as aws-sdk-client-mock answers it, over scripted timelines: each stack is its events, its status is
 * its latest stack-level event, and it exists from its first event. A deleted stack answers DELETE_COMPLETE by ARN
 * and "does not exist" by name, as AWS does.
 */
export class FakeCloudFormation {
  readonly mock = mockClient(CloudFormationClient)
  readonly client = new CloudFormationClient({ region: 'us-east-1' })
  readonly clock: Clock & { sleeps: number[] }
  /** Errors to throw instead of answering, consumed one per call of that action. */
  readonly failures: Record<string, Error[]> = {}
  private readonly stacks: FakeStack[] = []
  private eventCount = 0

  private readonly pageSize: number
  private readonly operations: boolean | 'unknown-action'

  /**
   * `operations`: answer DescribeStacks with LastOperations and serve DescribeEvents by operation id; `'unknown-action'`
   * names operations but rejects DescribeEvents, as an endpoint without it does.
   */
  constructor(options: { pageSize?: number; operations?: boolean | 'unknown-action' } = {}) {
    this.pageSize = options.pageSize ?? 100
    this.operations = options.operations ?? false
    let elapsed = 0
    const sleeps: number[] = []
    this.clock = {
      sleeps,
      now: () => T0 + elapsed,
      monotonic: () => elapsed,
      sleep: async ms => {
        sleeps.push(ms)
        elapsed += ms
        await Promise.resolve()
      }
    }
    this.mock.on(DescribeStacksCommand).callsFake(input => this.describeStacks(input.StackName!))
    this.mock.on(DescribeStackEventsCommand).callsFake(input => this.describeStackEvents(input))
    this.mock.on(DescribeEventsCommand).callsFake(input => this.describeOperationEvents(input))
    this.mock.on(UpdateTerminationProtectionCommand).callsFake(input => {
      this.answer('UpdateTerminationProtection')
      this.setProtection(this.find(input.StackName!)!, this.clock.now(), input.EnableTerminationProtection!)
      return {}
    })
    this.mock.on(DeleteStackCommand).callsFake(input => {
      this.answer('DeleteStack')
      const stack = this.require(input.StackName!)
      const now = (this.clock.now() - T0) / 1000
      this.status(stack.name, 'DELETE_IN_PROGRESS', now).status(stack.name, 'DELETE_COMPLETE', now + 30)
      return {}
    })
  }

  stack(name: string, options: { parent?: string; protected?: boolean } = {}): this {
    this.stacks.push({
      name,
      id: arn(name),
      ...(options.parent ? { parentId: arn(options.parent) } : {}),
      protection: [{ at: -Infinity, on: options.protected ?? false }],
      events: []
    })
    return this
  }

  /** The stack's own status event at `atSeconds` from T0 (negative: before the watch began). */
  status(name: string, status: string, atSeconds: number, reason?: string): this {
    return this.event(name, name, 'AWS::CloudFormation::Stack', status, atSeconds, {
      physicalId: arn(name),
      reason
    })
  }

  event(
    name: string,
    logicalId: string,
    type: string,
    status: string,
    atSeconds: number,
    extra: { physicalId?: string; reason?: string | undefined } = {}
  ): this {
    const stack = this.named(name)
    stack.events.push({
      EventId: `${name}-${++this.eventCount}`,
      StackId: stack.id,
      StackName: name,
      LogicalResourceId: logicalId,
      PhysicalResourceId: extra.physicalId ?? `${logicalId}-physical`,
      ResourceType: type,
      ResourceStatus: status as ResourceStatus,
      Timestamp: new Date(seconds(atSeconds)),
      ...(extra.reason ? { ResourceStatusReason: extra.reason } : {})
    })
    stack.events.sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime())
    return this
  }

  /**
   * Someone else (a deploy tool) turns protection on or off at `atSeconds` from T0, as `cdk deploy` does just before
   * it executes its change set.
   */
  protectionChange(name: string, on: boolean, atSeconds: number): this {
    this.setProtection(this.named(name), seconds(atSeconds), on)
    return this
  }

  /** How long protection was off, in ms, between two moments (seconds from T0). */
  unprotectedMs(name: string, fromSeconds: number, toSeconds: number): number {
    const from = seconds(fromSeconds)
    const to = seconds(toSeconds)
    const changes = this.named(name).protection
    let total = 0
    for (let i = 0; i < changes.length; i++) {
      if (changes[i]!.on) continue
      const start = Math.max(from, changes[i]!.at)
      const end = Math.min(to, changes[i + 1]?.at ?? Infinity)
      if (end > start) total += end - start
    }
    return total
  }

  /** The StackName of every call of one action, in order. */
  calls(action: 'DescribeStacks' | 'DescribeStackEvents' | 'DescribeEvents'): string[] {
    return this.mock
      .calls()
      .map(call => call.args[0] as { constructor: { name: string }; input: { StackName?: string } })
      .filter(command => command.constructor.name === `${action}Command`)
      .map(command => command.input.StackName!)
  }

  isProtected(name: string): boolean {
    return this.protectedNow(this.named(name))
  }

  private protectedNow(stack: FakeStack): boolean {
    return stack.protection.findLast(change => change.at <= this.clock.now())?.on ?? false
  }

  private setProtection(stack: FakeStack, at: number, on: boolean): void {
    stack.protection.push({ at, on })
    stack.protection.sort((a, b) => a.at - b.at)
  }

  private named(name: string): FakeStack {
    return this.stacks.find(stack => stack.name === name)!
  }

  restore(): void {
    this.mock.restore()
  }

  private visible(stack: FakeStack): SdkStackEvent[] {
    return stack.events.filter(event => event.Timestamp!.getTime() <= this.clock.now())
  }

  private statusOf(stack: FakeStack): string | undefined {
    return this.visible(stack)
      .filter(event => event.PhysicalResourceId === stack.id)
      .at(-1)?.ResourceStatus
  }

  private find(nameOrId: string): FakeStack | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.find(stack => stack.id === nameOrId)
    return this.stacks.find(
      stack =>
        stack.name === nameOrId &&
        this.statusOf(stack) !== undefined &&
        this.statusOf(stack) !== 'DELETE_COMPLETE'
    )
  }

  private require(nameOrId: string): FakeStack {
    const stack = this.find(nameOrId)
    if (!stack || this.visible(stack).length === 0)
      throw Object.assign(new Error(`Stack with id ${nameOrId} does not exist`), { name: 'ValidationError' })
    return stack
  }

  private answer(action: string): void {
    const failure = this.failures[action]?.shift()
    if (failure) throw failure
  }

  private describeStacks(nameOrId: string) {
    this.answer('DescribeStacks')
    const stack = this.require(nameOrId)
    return {
      Stacks: [
        {
          StackName: stack.name,
          StackId: stack.id,
          StackStatus: this.statusOf(stack) as never,
          CreationTime: this.visible(stack)[0]!.Timestamp!,
          EnableTerminationProtection: this.protectedNow(stack),
          ...(this.operations ? { LastOperations: this.lastOperations(stack) } : {}),
          ...(stack.parentId ? { ParentId: stack.parentId, RootId: stack.parentId } : {})
        }
      ]
    }
  }

  private describeStackEvents(input: { StackName?: string; NextToken?: string }) {
    this.answer('DescribeStackEvents')
    const { items, token } = this.page(
      this.visible(this.require(input.StackName!)).reverse(),
      input.NextToken
    )
    return { StackEvents: items, ...(token ? { NextToken: token } : {}) }
  }

  private describeOperationEvents(input: { StackName?: string; OperationId?: string; NextToken?: string }) {
    this.answer('DescribeEvents')
    if (this.operations !== true)
      throw Object.assign(new Error('Unknown operation DescribeEvents'), {
        name: 'UnknownOperationException'
      })
    const stack = this.require(input.StackName!)
    const events = this.withOperations(stack)
      .filter(({ operation }) => operation.OperationId === input.OperationId)
      .map(({ event, operation }) => ({ ...event, ...operation, EventType: 'STACK_EVENT' as const }))
      .reverse()
    const { items, token } = this.page(events, input.NextToken)
    return { OperationEvents: items, ...(token ? { NextToken: token } : {}) }
  }

  private page<T>(newestFirst: T[], nextToken: string | undefined): { items: T[]; token?: string } {
    const start = Number(nextToken ?? 0)
    const end = start + this.pageSize
    return {
      items: newestFirst.slice(start, end),
      ...(end < newestFirst.length ? { token: String(end) } : {})
    }
  }

  /** Each visible event with the operation it belongs to: the latest one its stack had begun by then. */
  private withOperations(stack: FakeStack) {
    let operation = { OperationId: `${stack.name}-op-0`, OperationType: 'CREATE_STACK' as OperationType }
    return this.visible(stack).map((event, n) => {
      const type = event.PhysicalResourceId === stack.id ? OPERATION_STARTS[event.ResourceStatus!] : undefined
      if (type) operation = { OperationId: `${stack.name}-op-${n}`, OperationType: type }
      return { event, operation }
    })
  }

  private lastOperations(stack: FakeStack) {
    const seen = new Map(
      this.withOperations(stack).map(({ operation }) => [operation.OperationId, operation])
    )
    return [...seen.values()].reverse()
  }
}

const OPERATION_STARTS: Record<string, OperationType> = {
  CREATE_IN_PROGRESS: 'CREATE_STACK',
  UPDATE_IN_PROGRESS: 'UPDATE_STACK',
  DELETE_IN_PROGRESS: 'DELETE_STACK',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK',
  UPDATE_ROLLBACK_IN_PROGRESS: 'ROLLBACK'
}

export const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
