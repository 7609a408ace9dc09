import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DeleteStackCommand,
  DescribeEventsCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ListStacksCommand,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, people, rejection, simWith, STACK } from './sim-clients.js'

let sim: Sim
beforeEach(async () => {
  sim = await simWith()
})
afterEach(() => sim.close())

/** Deploys a scenario and lets the sim clock catch up with the wall clock, so the whole timeline is visible. */
function played(scenario: string, options: Parameters<Sim['deploy']>[2] = {}) {
  const deploy = sim.deploy(STACK, scenario, options)
  sim.clock.advance(deploy.span)
  return deploy
}

describe('CloudFormation over the awsQuery protocol, through the real SDK client', () => {
  it('DescribeStacks by name returns status, reason, protection and LastOperations', async () => {
    const { stackId } = played('create-fails-db-35m', {
      options: { cleanup: false },
      terminationProtection: true
    })
    const { Stacks } = await clientsFor(sim).cfn.send(new DescribeStacksCommand({ StackName: STACK }))
    expect(Stacks).toHaveLength(1)
    expect(Stacks![0]).toMatchObject({
      StackId: stackId,
      StackName: STACK,
      StackStatus: 'ROLLBACK_COMPLETE',
      EnableTerminationProtection: true
    })
    expect(Stacks![0].CreationTime).toBeInstanceOf(Date)
    expect(Stacks![0].LastOperations?.map(op => op.OperationType)).toEqual([
      'CREATE_STACK',
      'CREATE_CHANGESET'
    ])
  })

  it('a stack that does not exist is a ValidationError with CloudFormation message', async () => {
    const error = await rejection(clientsFor(sim).cfn.send(new DescribeStacksCommand({ StackName: 'Nope' })))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe('Stack with id Nope does not exist')
    expect(error.$fault).toBe('client')
  })

  it('DescribeStackEvents lists newest first and pages by 100 with NextToken', async () => {
    const { stackId } = played('large-nested')
    const { cfn } = clientsFor(sim)
    const first = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))
    expect(first.StackEvents).toHaveLength(100)
    expect(first.NextToken).toBeDefined()
    const second = await cfn.send(
      new DescribeStackEventsCommand({ StackName: stackId, NextToken: first.NextToken })
    )
    const times = [...first.StackEvents!, ...second.StackEvents!].map(e => e.Timestamp!.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(first.StackEvents![0].ResourceStatus).toBe('ROLLBACK_COMPLETE')
    const ids = new Set([...first.StackEvents!, ...second.StackEvents!].map(e => e.EventId))
    expect(ids.size).toBe(first.StackEvents!.length + second.StackEvents!.length)
  })

  it('the large generated stack holds about 1,000 events across two nested levels', () => {
    played('large-nested')
    const stacks = sim.world.stacks
    expect(stacks).toHaveLength(5)
    expect(stacks.filter(s => s.parentId && s.parentId !== s.rootId)).toHaveLength(2)
    const total = stacks.reduce((n, s) => n + s.events.length, 0)
    expect(total).toBeGreaterThan(950)
    expect(total).toBeLessThan(1100)
  })

  it('DescribeEvents returns the early-validation failure with its validation fields', async () => {
    const { stackId } = played('early-validation-fails')
    const { OperationEvents } = await clientsFor(sim).cfn.send(
      new DescribeEventsCommand({ StackName: stackId, Filters: { FailedEvents: true } })
    )
    expect(OperationEvents).toHaveLength(1)
    expect(OperationEvents![0]).toMatchObject({
      EventType: 'VALIDATION_ERROR',
      OperationType: 'CREATE_CHANGESET',
      LogicalResourceId: 'DocumentsBucket',
      ValidationName: 'NAME_CONFLICT_VALIDATION',
      ValidationStatus: 'FAILED',
      ValidationPath: '/Resources/DocumentsBucket/Properties/BucketName'
    })
  })

  it('early-validation events are not part of DescribeStackEvents', async () => {
    const { stackId } = played('early-validation-fails')
    const { StackEvents } = await clientsFor(sim).cfn.send(
      new DescribeStackEventsCommand({ StackName: stackId })
    )
    expect(StackEvents!.map(e => e.ResourceStatus)).toEqual(['REVIEW_IN_PROGRESS'])
  })

  it('DescribeEvents by OperationId shows the hook failure as HOOK_INVOCATION_ERROR', async () => {
    played('hook-fails')
    const { cfn } = clientsFor(sim)
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: STACK }))
    const create = Stacks![0].LastOperations!.find(op => op.OperationType === 'CREATE_STACK')!
    const { OperationEvents } = await cfn.send(
      new DescribeEventsCommand({ OperationId: create.OperationId, Filters: { FailedEvents: true } })
    )
    const hook = OperationEvents!.find(e => e.EventType === 'HOOK_INVOCATION_ERROR')
    expect(hook).toMatchObject({
      HookType: 'Private::Guard::S3Encryption',
      HookStatus: 'HOOK_COMPLETE_FAILED',
      HookFailureMode: 'FAIL',
      HookInvocationPoint: 'PRE_PROVISION'
    })
    expect(hook!.HookStatusReason).toContain('S3_BUCKET_SSE_ENABLED')
  })

  it('DescribeStackResources shows each resource at its latest status', async () => {
    sim.deploy(STACK, 'deploy-times-out')
    sim.clock.advance(30 * 60_000)
    const { StackResources } = await clientsFor(sim).cfn.send(
      new DescribeStackResourcesCommand({ StackName: STACK })
    )
    const database = StackResources!.find(r => r.LogicalResourceId === 'Database')
    expect(database).toMatchObject({
      ResourceType: 'AWS::RDS::DBInstance',
      ResourceStatus: 'CREATE_IN_PROGRESS'
    })
  })

  it('nested stacks carry ParentId and RootId and are found by the ARN in the parent resource', async () => {
    const { stackId } = played('nested-child-fails')
    const { cfn } = clientsFor(sim)
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))
    const child = StackEvents!.find(
      e => e.LogicalResourceId === 'DataStack' && e.ResourceStatus === 'CREATE_FAILED'
    )!
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: child.PhysicalResourceId }))
    expect(Stacks![0]).toMatchObject({ ParentId: stackId, RootId: stackId, StackStatus: 'DELETE_COMPLETE' })
  })
})

describe('termination protection and DeleteStack', () => {
  it('DeleteStack is refused while termination protection is on, with the real message', async () => {
    played('create-fails-db-35m', { options: { cleanup: false } })
    const { cfn } = clientsFor(sim, people.cdkRole)
    await cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: STACK, EnableTerminationProtection: true })
    )
    const error = await rejection(cfn.send(new DeleteStackCommand({ StackName: STACK })))
    expect(error.name).toBe('ValidationError')
    expect(error.message).toBe(`Stack [${STACK}] cannot be deleted while TerminationProtection is enabled`)
  })

  it('an unprotected stack goes DELETE_IN_PROGRESS, then DELETE_COMPLETE with events', async () => {
    const { stackId } = played('create-fails-db-35m', {
      options: { cleanup: false },
      headroomMs: 10 * 60_000
    })
    const { cfn } = clientsFor(sim, people.operator)
    await cfn.send(new DeleteStackCommand({ StackName: STACK }))
    const during = await cfn.send(new DescribeStacksCommand({ StackName: stackId }))
    expect(during.Stacks![0].StackStatus).toBe('DELETE_IN_PROGRESS')
    sim.clock.advance(10 * 60_000)
    const { StackEvents } = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))
    expect(StackEvents![0].ResourceStatus).toBe('DELETE_COMPLETE')
    expect(StackEvents!.some(e => e.ResourceStatus === 'CREATE_FAILED')).toBe(true)
  })

  it('a deleted stack is not found by name but by ARN, and ListStacks keeps its summary', async () => {
    const { stackId } = played('create-fails-db-35m')
    const { cfn } = clientsFor(sim)
    const error = await rejection(cfn.send(new DescribeStacksCommand({ StackName: STACK })))
    expect(error.message).toBe(`Stack with id ${STACK} does not exist`)
    const byArn = await cfn.send(new DescribeStacksCommand({ StackName: stackId }))
    expect(byArn.Stacks![0].StackStatus).toBe('DELETE_COMPLETE')
    expect(byArn.Stacks![0].DeletionTime).toBeInstanceOf(Date)
    const { StackSummaries } = await cfn.send(
      new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] })
    )
    expect(StackSummaries!.map(s => s.StackId)).toEqual([stackId])
  })

  it('termination protection cannot be set on a nested stack', async () => {
    played('nested-child-fails')
    const child = sim.world.stacks.find(s => s.parentId)!
    const error = await rejection(
      clientsFor(sim).cfn.send(
        new UpdateTerminationProtectionCommand({ StackName: child.id, EnableTerminationProtection: true })
      )
    )
    expect(error.name).toBe('ValidationError')
  })
})
