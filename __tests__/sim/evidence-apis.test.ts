import { afterEach, describe, expect, it } from '@jest/globals'
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand
} from '@aws-sdk/client-ecs'
import { DescribeEventsCommand } from '@aws-sdk/client-rds'
import { FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { STOPPED_TASK_RETENTION_MS } from '../../src/sim/ecs.js'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, rejection, simWith } from './sim-clients.js'

let sim: Sim
afterEach(async () => {
  await sim?.close()
})

const MINUTE = 60_000
const CLUSTER = 'Shop-Cluster'
const SERVICE = 'Shop-WebService'
const GROUP = '/ecs/Shop/web'

describe('ECS in the sim', () => {
  it('a cluster exists from its creation, before its service: the service is MISSING, not the cluster', async () => {
    sim = await simWith()
    const { ecs } = clientsFor(sim)
    sim.deploy('Shop', 'ecs-tasks-exit')
    sim.clock.advance(10_000)
    expect(
      (await rejection(ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })))).name
    ).toBe('ClusterNotFoundException')
    sim.clock.advance(27_000)
    const before = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }))
    expect(before.services).toEqual([])
    expect(before.failures).toEqual([{ arn: SERVICE, reason: 'MISSING' }])
    expect(
      (await rejection(ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE })))).name
    ).toBe('ServiceNotFoundException')
  })

  it('describes a service by ARN with its deployment, newest-first events with stable ids, and counts that move', async () => {
    sim = await simWith()
    const { ecs } = clientsFor(sim)
    sim.deploy('Shop', 'ecs-tasks-exit')
    const arn = `arn:aws:ecs:us-east-1:123456789012:service/${CLUSTER}/${SERVICE}`
    sim.clock.advance(50_000 + 21_000)
    const running = (
      await ecs.send(
        new DescribeServicesCommand({
          cluster: `arn:aws:ecs:us-east-1:123456789012:cluster/${CLUSTER}`,
          services: [arn]
        })
      )
    ).services![0]!
    expect(running).toMatchObject({
      serviceArn: arn,
      clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${CLUSTER}`,
      status: 'ACTIVE',
      desiredCount: 1,
      runningCount: 1,
      pendingCount: 0,
      loadBalancers: []
    })
    const deployment = running.deployments![0]!
    expect(deployment).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/Shop-web:7',
      rolloutState: 'IN_PROGRESS',
      failedTasks: 0
    })
    expect(deployment.id).toMatch(/^ecs-svc\/\d{19}$/)
    expect(deployment.rolloutStateReason).toBe(`ECS deployment ${deployment.id} in progress.`)
    expect(Math.abs(deployment.createdAt!.getTime() - (sim.clock.now() - 25_000))).toBeLessThan(1_000)
    const firstEvent = running.events![0]!
    expect(firstEvent.message).toMatch(
      /^\(service Shop-WebService\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/
    )

    sim.clock.advance(5 * MINUTE)
    const later = (await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] })))
      .services![0]!
    const times = later.events!.map(e => e.createdAt!.getTime())
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect(later.events!.find(e => e.message === firstEvent.message)!.id).toBe(firstEvent.id)
    expect(later.events!.map(e => e.message)).toContainEqual(
      expect.stringContaining('is unable to consistently start tasks successfully')
    )
    expect(later.deployments![0]!.failedTasks).toBeGreaterThanOrEqual(5)
  })

  it('lists running then stopped tasks, pages them, and forgets stopped tasks an hour after they stopped', async () => {
    // The sim never runs ahead of the wall clock, so the hour passes on a wall clock the test moves.
    let wall = Date.now()
    sim = await simWith({ wallNow: () => wall })
    const { ecs } = clientsFor(sim)
    const { startedAt } = sim.deploy('Shop', 'ecs-tasks-exit')
    sim.clock.advance(50_000 + 21_000)
    const running = await ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE }))
    expect(running.taskArns).toHaveLength(1)
    expect(running.taskArns![0]).toMatch(
      /^arn:aws:ecs:us-east-1:123456789012:task\/Shop-Cluster\/[0-9a-f]{32}$/
    )
    const [task] = (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: running.taskArns! })))
      .tasks!
    expect(task).toMatchObject({
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      group: `service:${SERVICE}`
    })
    expect(task!.stoppedAt).toBeUndefined()
    expect(task!.containers![0]!.exitCode).toBeUndefined()

    sim.clock.advance(20 * MINUTE)
    const pages: string[][] = []
    let nextToken: string | undefined
    do {
      const page = await ecs.send(
        new ListTasksCommand({
          cluster: CLUSTER,
          serviceName: SERVICE,
          desiredStatus: 'STOPPED',
          maxResults: 3,
          nextToken
        })
      )
      pages.push(page.taskArns!)
      nextToken = page.nextToken
    } while (nextToken)
    const all = pages.flat()
    expect(pages.map(p => p.length)).toEqual([3, 3, 2])
    expect(new Set(all).size).toBe(8)
    expect(all).toContain(running.taskArns![0])
    const described = await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [...all, 'ffff'] }))
    expect(described.failures).toEqual([{ arn: 'ffff', reason: 'MISSING' }])
    const stopped = described.tasks!.find(t => t.taskArn === running.taskArns![0])!
    expect(stopped).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      startedBy: expect.stringMatching(/^ecs-svc\//),
      containers: [expect.objectContaining({ name: 'web', lastStatus: 'STOPPED', exitCode: 1 })]
    })
    expect(stopped.stoppedAt!.getTime() - stopped.startedAt!.getTime()).toBe(4_000)
    expect(
      (await rejection(ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: Array(101).fill('x') }))))
        .name
    ).toBe('InvalidParameterException')

    // The first task stopped 74 s into the deploy; an hour later ECS has forgotten it, not the next one.
    wall += startedAt + 74_000 + STOPPED_TASK_RETENTION_MS - sim.clock.now()
    const forgotten = await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: running.taskArns! }))
    expect(forgotten.failures).toEqual([{ arn: running.taskArns![0], reason: 'MISSING' }])
    const stillListed = await ecs.send(
      new ListTasksCommand({ cluster: CLUSTER, serviceName: SERVICE, desiredStatus: 'STOPPED' })
    )
    expect(stillListed.taskArns).toHaveLength(7)
  })

  it('a task definition is registered with the stack, INACTIVE after the rollback, by ARN, family:revision or family', async () => {
    sim = await simWith()
    const { ecs } = clientsFor(sim)
    sim.deploy('Shop', 'ecs-tasks-exit')
    expect(
      (await rejection(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'Shop-web:7' })))).name
    ).toBe('ClientException')
    sim.clock.advance(MINUTE)
    const active = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'Shop-web' }))
    expect(active.taskDefinition).toMatchObject({ family: 'Shop-web', revision: 7, status: 'ACTIVE' })
    const container = active.taskDefinition!.containerDefinitions![0]!
    expect(container).toMatchObject({ name: 'web', essential: true })
    expect(container.environment).toContainEqual({
      name: 'DATABASE_URL',
      value: 'postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders'
    })
    sim.clock.advance(20 * MINUTE)
    const inactive = await ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/Shop-web:7'
      })
    )
    expect(inactive.taskDefinition!.status).toBe('INACTIVE')
    expect(inactive.taskDefinition!.deregisteredAt).toBeInstanceOf(Date)
  })
})

describe('CloudWatch Logs in the sim', () => {
  it('GetLogEvents pages a stream forward and backward with CloudWatch-shaped tokens', async () => {
    sim = await simWith()
    const { logs } = clientsFor(sim)
    sim.deploy('Shop', 'ecs-tasks-exit', { startAt: 'past' })
    const { events } = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 1 }))
    const stream = { logGroupName: GROUP, logStreamName: events![0]!.logStreamName! }
    expect(stream.logStreamName).toMatch(/^web\/web\/[0-9a-f]{32}$/)
    const head = await logs.send(new GetLogEventsCommand({ ...stream, startFromHead: true, limit: 2 }))
    expect(head.events!.map(e => e.message)).toEqual([
      '> orders-api@2.4.0 start',
      'config: DATABASE_URL=postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders'
    ])
    expect(head.nextForwardToken).toMatch(/^f\/\d{56}\/s$/)
    expect(head.events![0]!.ingestionTime).toBeGreaterThan(head.events![0]!.timestamp!)
    const rest = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: head.nextForwardToken, limit: 10 })
    )
    expect(rest.events!.map(e => e.message)).toEqual([
      "Error: Cannot find module '/app/dist/server.js'",
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)',
      'Node.js v20.18.0'
    ])
    const end = await logs.send(new GetLogEventsCommand({ ...stream, nextToken: rest.nextForwardToken }))
    expect(end.events).toEqual([])
    expect(end.nextForwardToken).toBe(rest.nextForwardToken)
    const back = await logs.send(
      new GetLogEventsCommand({ ...stream, nextToken: rest.nextBackwardToken, limit: 1 })
    )
    expect(back.events!.map(e => e.message)).toEqual([
      'config: DATABASE_URL=postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders'
    ])
    expect(
      (await rejection(logs.send(new GetLogEventsCommand({ ...stream, nextToken: 'bogus' })))).name
    ).toBe('InvalidParameterException')
  })

  it('lines appear as the clock reaches them; a created group with no lines yet is empty, not missing', async () => {
    sim = await simWith()
    const { logs } = clientsFor(sim)
    sim.deploy('Shop', 'ecs-tasks-exit')
    expect((await rejection(logs.send(new FilterLogEventsCommand({ logGroupName: GROUP })))).message).toBe(
      'The specified log group does not exist.'
    )
    sim.clock.advance(30_000)
    expect((await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).events).toEqual([])
    sim.clock.advance(41_000)
    expect((await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP }))).events).toHaveLength(5)
    sim.clock.advance(MINUTE)
    const both = await logs.send(
      new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '"Cannot find module"' })
    )
    expect(both.events).toHaveLength(2)
    expect(new Set(both.events!.map(e => e.logStreamName)).size).toBe(2)
    const one = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: GROUP,
        logStreamNames: [both.events![0]!.logStreamName!],
        filterPattern: 'Error Cannot'
      })
    )
    expect(one.events).toHaveLength(1)
    const prefixed = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: GROUP,
        logStreamNamePrefix: 'web/web/',
        startTime: both.events![1]!.timestamp
      })
    )
    expect(prefixed.events!.map(e => e.logStreamName)).toEqual(Array(3).fill(both.events![1]!.logStreamName))
    expect(
      (
        await rejection(
          logs.send(
            new FilterLogEventsCommand({
              logGroupName: GROUP,
              logStreamNames: ['a'],
              logStreamNamePrefix: 'a'
            })
          )
        )
      ).name
    ).toBe('InvalidParameterException')
  })

  it('FilterLogEvents pages by nextToken without repeating or losing a line', async () => {
    sim = await simWith()
    const { logs } = clientsFor(sim)
    sim.deploy('Shop', 'ecs-tasks-exit', { startAt: 'past' })
    const seen: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, limit: 7, nextToken }))
      seen.push(...page.events!.map(e => e.eventId!))
      nextToken = page.nextToken
      pages++
    } while (nextToken)
    expect(seen).toHaveLength(40)
    expect(new Set(seen).size).toBe(40)
    expect(pages).toBe(6)
  })
})

describe('RDS DescribeEvents in the sim', () => {
  it('pages with Marker oldest first, and sees only events up to the clock', async () => {
    sim = await simWith()
    const { rds } = clientsFor(sim)
    for (let i = 0; i < 6; i++) sim.deploy(`Db${i}`, 'rds-subnet-group-fails', { startAt: 'past' })
    const first = await rds.send(new DescribeEventsCommand({ Duration: 24 * 60, MaxRecords: 20 }))
    expect(first.Events).toHaveLength(20)
    expect(first.Marker).toBeDefined()
    const second = await rds.send(
      new DescribeEventsCommand({ Duration: 24 * 60, MaxRecords: 20, Marker: first.Marker })
    )
    expect(second.Events).toHaveLength(4)
    expect(second.Marker).toBeUndefined()
    const dates = [...first.Events!, ...second.Events!].map(e => e.Date!.getTime())
    expect(dates).toEqual([...dates].sort((a, b) => a - b))
    expect(first.Events![0]).toMatchObject({
      SourceType: 'db-instance',
      SourceArn: `arn:aws:rds:us-east-1:123456789012:db:${first.Events![0]!.SourceIdentifier}`
    })

    sim.deploy('Live', 'rds-subnet-group-fails')
    const live = async () =>
      (await rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', Duration: 60 }))).Events!.filter(
        e => e.SourceIdentifier!.startsWith('live-')
      )
    expect(await live()).toEqual([])
    sim.clock.advance(45_000)
    const started = await live()
    expect(started.map(e => e.Message)).toEqual(['DB instance creation started'])
    expect(started[0]!.SourceIdentifier).toMatch(/^live-ordersdatabase-[0-9a-f]{12}$/)
    sim.clock.advance(15 * MINUTE)
    expect((await live()).map(e => e.EventCategories![0])).toEqual(['creation', 'failure', 'failure'])
    expect(
      (await rejection(rds.send(new DescribeEventsCommand({ SourceIdentifier: 'x', Duration: 60 })))).name
    ).toBe('InvalidParameterCombination')
  })
})
