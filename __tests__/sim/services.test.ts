import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  DescribeTaskDefinitionCommand,
  ListTasksCommand
} from '@aws-sdk/client-ecs'
import { DescribeEventsCommand } from '@aws-sdk/client-rds'
import { FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { compilePattern } from '../../src/sim/logs.js'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, rejection, simWith } from './sim-clients.js'

let sim: Sim
afterEach(async () => {
  await sim?.close()
})

const CLUSTER = 'OrdersStack-Cluster'
const SERVICE = 'OrdersStack-WebService'

describe('the sim’s ECS, RDS and CloudWatch Logs', () => {
  it('ECS state plays out with the clock: the service appears, tasks stop, it goes INACTIVE after the rollback', async () => {
    sim = await simWith()
    const { ecs } = clientsFor(sim)
    sim.deploy('OrdersStack', 'ecs-tasks-exit')
    expect(
      (await rejection(ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })))).name
    ).toBe('ClusterNotFoundException')
    sim.clock.advance(3 * 60_000)
    const early = await ecs.send(
      new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE, 'nope'] })
    )
    expect(early.services![0]).toMatchObject({ serviceName: SERVICE, status: 'ACTIVE', desiredCount: 1 })
    expect(early.services![0]!.deployments![0]!.rolloutState).toBe('IN_PROGRESS')
    expect(early.services![0]!.events![0]!.createdAt).toBeInstanceOf(Date)
    expect(early.failures).toEqual([{ arn: 'nope', reason: 'MISSING' }])
    const stoppedEarly = await ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'STOPPED' })
    )
    sim.clock.advance(20 * 60_000)
    const late = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))
    expect(late.services![0]).toMatchObject({ status: 'INACTIVE', desiredCount: 0, runningCount: 0 })
    expect(late.services![0]!.deployments![0]!.rolloutState).toBe('FAILED')
    const stopped = await ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'STOPPED' })
    )
    expect(stopped.taskArns!.length).toBeGreaterThan(stoppedEarly.taskArns!.length)
  })

  it('ECS pages stopped tasks and describes them with exit codes; a task definition comes with its log settings', async () => {
    sim = await simWith()
    const { ecs } = clientsFor(sim)
    sim.deploy('OrdersStack', 'ecs-tasks-exit', { startAt: 'past' })
    const first = await ecs.send(
      new ListTasksCommand({
        cluster: CLUSTER,
        serviceName: SERVICE,
        desiredStatus: 'STOPPED',
        maxResults: 3
      })
    )
    expect(first.taskArns).toHaveLength(3)
    const second = await ecs.send(
      new ListTasksCommand({
        cluster: CLUSTER,
        serviceName: SERVICE,
        desiredStatus: 'STOPPED',
        maxResults: 3,
        nextToken: first.nextToken
      })
    )
    expect(second.taskArns).toHaveLength(3)
    expect(second.taskArns).not.toContain(first.taskArns![0])
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: first.taskArns! }))
    expect(tasks![0]).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [expect.objectContaining({ name: 'web', exitCode: 1 })]
    })
    expect(tasks![0]!.stoppedAt).toBeInstanceOf(Date)
    const definition = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: tasks![0]!.taskDefinitionArn! })
    )
    expect(definition.taskDefinition!.containerDefinitions![0]!.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/OrdersStack/web',
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'web'
      }
    })
    expect(
      (await rejection(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'missing:1' })))).name
    ).toBe('ClientException')
  })

  it('RDS events by source, in a window, oldest first, paged by Marker; routed apart from CloudFormation’s DescribeEvents', async () => {
    sim = await simWith()
    const { rds, cfn } = clientsFor(sim)
    sim.deploy('OrdersStack', 'rds-subnet-group-fails', { startAt: 'past' })
    const now = sim.clock.now()
    const sourceId = /DB Instance (\S+) is in/.exec(
      JSON.stringify(sim.world.stacks[0]!.events.find(e => e.status === 'CREATE_FAILED')!.reason)
    )![1]!
    const all = await rds.send(
      new DescribeEventsCommand({
        SourceType: 'db-instance',
        SourceIdentifier: sourceId,
        StartTime: new Date(now - 3_600_000),
        EndTime: new Date(now)
      })
    )
    expect(all.Events!.map(e => e.Message)).toEqual([
      'DB instance creation started',
      expect.stringContaining('has no available IP addresses'),
      'DB instance is in an incompatible network state (incompatible-network).',
      'DB instance deleted'
    ])
    expect(all.Events![1]!.EventCategories).toEqual(['failure'])
    expect(all.Events![1]!.Date).toBeInstanceOf(Date)
    const other = await rds.send(
      new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'other-db', Duration: 600 })
    )
    expect(other.Events).toEqual([])
    expect((await rejection(rds.send(new DescribeEventsCommand({ MaxRecords: 5 })))).name).toBe(
      'InvalidParameterValue'
    )
    expect(
      (await cfn.send(new DescribeStacksCommand({ StackName: 'OrdersStack' }))).Stacks![0]!.StackStatus
    ).toBe('ROLLBACK_COMPLETE')
  })

  it('CloudWatch Logs: a stream from its end, a group searched with a filter pattern, and not-found errors', async () => {
    sim = await simWith()
    const { logs } = clientsFor(sim)
    sim.deploy('OrdersStack', 'ecs-tasks-exit', { startAt: 'past' })
    const group = '/ecs/OrdersStack/web'
    const errors = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, filterPattern: '?ERROR ?Error', limit: 2 })
    )
    expect(errors.events!.map(e => e.message)).toEqual([
      "Error: Cannot find module '/app/dist/server.js'",
      "Error: Cannot find module '/app/dist/server.js'"
    ])
    expect(errors.nextToken).toBeDefined()
    const stream = errors.events![0]!.logStreamName!
    const tail = await logs.send(
      new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: false, limit: 2 })
    )
    expect(tail.events!.map(e => e.message)).toEqual([
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
      'Node.js v20.18.0'
    ])
    expect(
      (await rejection(logs.send(new GetLogEventsCommand({ logGroupName: '/none', logStreamName: 's' }))))
        .message
    ).toBe('The specified log group does not exist.')
    expect(
      (await rejection(logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'none' }))))
        .name
    ).toBe('ResourceNotFoundException')
  })

  it('filter patterns: required terms, ?alternatives and quoted phrases, case-sensitive', () => {
    const match = compilePattern('?ERROR ?"Task timed out"')
    expect(match('x ERROR y')).toBe(true)
    expect(match('Task timed out after 3s')).toBe(true)
    expect(match('error')).toBe(false)
    const both = compilePattern('Invoke ?ERROR ?WARN')
    expect(both('Invoke WARN')).toBe(true)
    expect(both('WARN only')).toBe(false)
    expect(compilePattern('')('anything')).toBe(true)
  })

  it('the deny fault answers AccessDenied in each service’s own shape, naming the IAM action', async () => {
    sim = await simWith()
    const { ecs, rds, logs } = clientsFor(sim)
    sim.deploy('OrdersStack', 'ecs-tasks-exit', { startAt: 'past' })
    sim.faults.set({
      rules: [
        { kind: 'deny', service: 'ECS' },
        { kind: 'deny', service: 'RDS' },
        { kind: 'deny', service: 'CloudWatchLogs' }
      ]
    })
    const ecsError = await rejection(
      ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))
    )
    expect(ecsError.name).toBe('AccessDeniedException')
    expect(ecsError.message).toMatch(/is not authorized to perform: ecs:DescribeServices/)
    const rdsError = await rejection(rds.send(new DescribeEventsCommand({ Duration: 60 })))
    expect(rdsError.name).toBe('AccessDenied')
    expect(rdsError.message).toMatch(/rds:DescribeEvents/)
    const logsError = await rejection(
      logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/OrdersStack/web' }))
    )
    expect(logsError.name).toBe('AccessDeniedException')
    expect(sim.calls).toMatchObject({
      'ECS.DescribeServices': 1,
      'RDS.DescribeEvents': 1,
      'CloudWatchLogs.FilterLogEvents': 1
    })
  })
})
