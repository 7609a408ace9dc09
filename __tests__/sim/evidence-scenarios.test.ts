import { afterEach, describe, expect, it } from '@jest/globals'
import { DescribeStackEventsCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { FilterLogEventsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs'
import { DescribeEventsCommand } from '@aws-sdk/client-rds'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, rejection, simWith, STACK } from './sim-clients.js'

let sim: Sim
afterEach(async () => {
  await sim?.close()
})

async function stackEvents(s: Sim, stackName: string) {
  const { StackEvents } = await clientsFor(s).cfn.send(
    new DescribeStackEventsCommand({ StackName: stackName })
  )
  return StackEvents!.reverse()
}

const ROLE = 'arn:aws:iam::123456789012:user/iseepatterns-iam-user'

describe('the deny fault', () => {
  it('answers AccessDenied in each service’s shape, naming the caller, the IAM action and the resource', async () => {
    sim = await simWith()
    sim.deploy('Shop', 'ecs-tasks-exit', { startAt: 'past' })
    const response = await fetch(`${sim.url}/_sim/faults`, {
      method: 'POST',
      body: JSON.stringify({ rules: [{ kind: 'deny' }] })
    })
    expect(response.status).toBe(200)
    const { cfn, trail, ecs, rds, logs } = clientsFor(sim)
    const denied = [
      [
        await rejection(
          ecs.send(new DescribeServicesCommand({ cluster: 'Shop-Cluster', services: ['Shop-WebService'] }))
        ),
        'AccessDeniedException',
        'ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:123456789012:service/Shop-Cluster/Shop-WebService'
      ],
      [
        await rejection(
          logs.send(new GetLogEventsCommand({ logGroupName: '/ecs/Shop/web', logStreamName: 'web/web/x' }))
        ),
        'AccessDeniedException',
        'logs:GetLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/ecs/Shop/web:log-stream:web/web/x'
      ],
      [
        await rejection(
          rds.send(new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: 'db1' }))
        ),
        'AccessDenied',
        'rds:DescribeEvents on resource: arn:aws:rds:us-east-1:123456789012:db:db1'
      ],
      [
        await rejection(cfn.send(new DescribeStacksCommand({ StackName: 'Shop' }))),
        'AccessDenied',
        'cloudformation:DescribeStacks on resource: arn:aws:cloudformation:us-east-1:123456789012:stack/Shop/*'
      ],
      [
        await rejection(trail.send(new LookupEventsCommand({}))),
        'AccessDeniedException',
        'cloudtrail:LookupEvents'
      ]
    ] as const
    for (const [error, name, text] of denied) {
      expect(error.name).toBe(name)
      expect(error.message).toContain(`User: ${ROLE} is not authorized to perform: ${text}`)
    }
    expect(sim.calls).toMatchObject({ 'CloudFormation.DescribeStacks': 1, 'CloudTrail.LookupEvents': 1 })
  })

  it('can deny one action and leave the others; an unknown kind or service is refused', async () => {
    sim = await simWith()
    sim.deploy('Shop', 'ecs-tasks-exit', { startAt: 'past' })
    sim.faults.set({ rules: [{ kind: 'deny', service: 'ECS', action: 'DescribeTasks' }] })
    const { ecs } = clientsFor(sim)
    const listed = await ecs.send(new ListTasksCommand({ cluster: 'Shop-Cluster', desiredStatus: 'STOPPED' }))
    expect(listed.taskArns).toHaveLength(8)
    const error = await rejection(
      ecs.send(new DescribeTasksCommand({ cluster: 'Shop-Cluster', tasks: listed.taskArns! }))
    )
    expect(error.name).toBe('AccessDeniedException')
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 })
    for (const rule of [{ kind: 'forbid' }, { kind: 'deny', service: 'Lambda' }]) {
      const response = await fetch(`${sim.url}/_sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ rules: [rule] })
      })
      expect(response.status).toBe(400)
    }
    expect(sim.faults.rules()).toEqual([{ kind: 'deny', service: 'ECS', action: 'DescribeTasks' }])
  })
})

describe('the evidence scenarios, as CloudFormation and the services tell them', () => {
  it('ecs-tasks-exit: circuit-breaker reason, service ARN as physical id, secrets in the properties, log group retained', async () => {
    sim = await simWith()
    sim.deploy('Shop', 'ecs-tasks-exit', { startAt: 'past' })
    const events = await stackEvents(sim, 'Shop')
    const arn = 'arn:aws:ecs:us-east-1:123456789012:service/Shop-Cluster/Shop-WebService'
    const service = events.filter(e => e.LogicalResourceId === 'WebService1A2B3C4D')
    expect(service.map(e => e.ResourceStatus)).toEqual([
      'CREATE_IN_PROGRESS',
      'CREATE_IN_PROGRESS',
      'CREATE_FAILED',
      'DELETE_IN_PROGRESS',
      'DELETE_COMPLETE'
    ])
    expect(service[1]).toMatchObject({
      PhysicalResourceId: arn,
      ResourceStatusReason: 'Resource creation Initiated'
    })
    expect(service[2]!.ResourceStatusReason).toMatch(
      /^Resource handler returned message: "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'\." \(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: GeneralServiceException\)$/
    )
    const definition = events.find(e => e.LogicalResourceId === 'WebTaskDefinition9E1F2A3B')!
    expect(definition.ResourceProperties).toContain('s3cr3t-pw')
    expect(
      events.find(e => e.LogicalResourceId === 'WebLogGroup4A2F3C1B' && e.ResourceStatus === 'DELETE_SKIPPED')
    ).toBeDefined()
    expect(events.at(-1)!.ResourceStatus).toBe('ROLLBACK_COMPLETE')

    const { ecs, logs } = clientsFor(sim)
    const described = (
      await ecs.send(new DescribeServicesCommand({ cluster: 'Shop-Cluster', services: [arn] }))
    ).services![0]!
    expect(described).toMatchObject({ status: 'INACTIVE', runningCount: 0 })
    expect(described.deployments![0]).toMatchObject({
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      failedTasks: 8
    })
    expect(described.events![0]!.message).toMatch(
      /deployment ecs-svc\/\d{19} deployment failed: tasks failed to start\.$/
    )
    const errors = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/Shop/web', filterPattern: 'DATABASE_URL' })
    )
    expect(errors.events).toHaveLength(8)
    expect(errors.events![0]!.message).toBe(
      'config: DATABASE_URL=postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders'
    )
  })

  it('ecs-health-check-fails: tasks stopped by the scheduler for the target group, unhealthy events, only normal logs', async () => {
    sim = await simWith()
    sim.deploy('Shop', 'ecs-health-check-fails', { startAt: 'past' })
    const { ecs, logs } = clientsFor(sim)
    const service = (
      await ecs.send(new DescribeServicesCommand({ cluster: 'Shop-Cluster', services: ['Shop-WebService'] }))
    ).services![0]!
    const targetGroupArn = service.loadBalancers![0]!.targetGroupArn!
    expect(targetGroupArn).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/orders-web\/[0-9a-f]{16}$/
    )
    expect(service.events!.map(e => e.message)).toContain(
      `(service Shop-WebService) (port 8080) is unhealthy in (target-group ${targetGroupArn}) due to (reason Health checks failed with these codes: [404]).`
    )
    const arns = (await ecs.send(new ListTasksCommand({ cluster: 'Shop-Cluster', desiredStatus: 'STOPPED' })))
      .taskArns!
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: 'Shop-Cluster', tasks: arns }))
    expect(tasks).toHaveLength(5)
    for (const task of tasks!) {
      expect(task.stopCode).toBe('ServiceSchedulerInitiated')
      expect(task.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${targetGroupArn})`)
      expect([137, 143]).toContain(task.containers![0]!.exitCode)
    }
    const errors = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/ecs/Shop/web', filterPattern: '?Error ?ERROR' })
    )
    expect(errors.events).toEqual([])
    const failed = (await stackEvents(sim, 'Shop')).find(e => e.ResourceStatus === 'CREATE_FAILED')!
    expect(failed.Timestamp!.getTime() - (await stackEvents(sim, 'Shop'))[0]!.Timestamp!.getTime()).toBe(
      11 * 60_000
    )
  })

  it('rds-subnet-group-fails: a generic NotStabilized reason; the RDS events name the subnet group, and outlive the instance', async () => {
    sim = await simWith()
    sim.deploy('Shop', 'rds-subnet-group-fails', { startAt: 'past' })
    const events = await stackEvents(sim, 'Shop')
    const db = events.filter(e => e.LogicalResourceId === 'OrdersDatabase5B6C7D8E')
    const id = db[1]!.PhysicalResourceId!
    expect(id).toMatch(/^shop-ordersdatabase-[0-9a-f]{12}$/)
    const failed = db.find(e => e.ResourceStatus === 'CREATE_FAILED')!
    expect(failed.ResourceStatusReason).toMatch(
      new RegExp(
        `^Resource handler returned message: "DB Instance ${id} is in incompatible-network state\\." \\(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: NotStabilized\\)$`
      )
    )
    expect(failed.Timestamp!.getTime() - db[0]!.Timestamp!.getTime()).toBe(15 * 60_000)
    expect(db[0]!.ResourceProperties).toContain('Sup3r-s3cret-db')
    expect(db.at(-1)!.ResourceStatus).toBe('DELETE_COMPLETE')
    const { Events } = await clientsFor(sim).rds.send(
      new DescribeEventsCommand({ SourceType: 'db-instance', SourceIdentifier: id, Duration: 60 })
    )
    expect(Events!.map(e => e.Message)).toEqual([
      'DB instance creation started',
      `The DB instance could not be created because DB subnet group 'shop-db-subnets' has no available IP addresses in subnet subnet-0a11a11a11a11a111 (Availability Zone us-east-1a).`,
      'DB instance is in an incompatible network state (incompatible-network).',
      'DB instance deleted'
    ])
    expect(Events!.at(-1)!.Date!.getTime()).toBeLessThanOrEqual(db.at(-1)!.Timestamp!.getTime())
  })

  it('custom-resource-fails: the reason points at a stream holding the error, then the rollback’s Delete', async () => {
    sim = await simWith()
    sim.deploy('Shop', 'custom-resource-fails', { startAt: 'past' })
    const events = await stackEvents(sim, 'Shop')
    const failed = events.find(e => e.ResourceStatus === 'CREATE_FAILED')!
    const match =
      /^Received response status \[FAILED\] from custom resource\. Message returned: See the details in CloudWatch Log Stream: (\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}) \(RequestId: ([0-9a-f-]{36})\)$/.exec(
        failed.ResourceStatusReason!
      )!
    expect(match).not.toBeNull()
    const [, stream, requestId] = match
    expect(failed).toMatchObject({ ResourceType: 'Custom::SeedData', PhysicalResourceId: stream })
    const properties = JSON.parse(failed.ResourceProperties!) as Record<string, string>
    expect(properties.ServiceToken).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:Shop-SeedHandler[0-9A-F]{8}$/
    )
    expect(properties.AdminPassword).toBe('Adm1n-s3cret-seed')
    const functionName = properties.ServiceToken!.split(':').pop()!
    const { events: lines } = await clientsFor(sim).logs.send(
      new GetLogEventsCommand({
        logGroupName: `/aws/lambda/${functionName}`,
        logStreamName: stream,
        startFromHead: true
      })
    )
    const messages = lines!.map(e => e.message!)
    expect(messages[0]).toBe(`START RequestId: ${requestId} Version: $LATEST`)
    expect(messages).toContain('INFO\tconnecting with AdminPassword=Adm1n-s3cret-seed')
    expect(messages.find(m => m.startsWith('ERROR'))).toContain(
      `Invoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'tableName')"`
    )
    expect(messages.filter(m => m.startsWith('REPORT RequestId:'))).toHaveLength(2)
    expect(messages.at(-1)).not.toContain(requestId)
    expect(
      events.filter(e => e.LogicalResourceId === 'SeedOrdersTable4C5D6E7F').map(e => e.ResourceStatus)
    ).toEqual(['CREATE_IN_PROGRESS', 'CREATE_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE'])
  })

  it('create-fails-db-35m: RDS events consistent with its reason, and its cancelled ECS service', async () => {
    sim = await simWith()
    sim.deploy(STACK, 'create-fails-db-35m', { startAt: 'past', options: { cleanup: false } })
    const { rds, ecs } = clientsFor(sim)
    const { Events } = await rds.send(
      new DescribeEventsCommand({
        SourceType: 'db-instance',
        SourceIdentifier: 'courtcasemanagementstack-database-1x2y3z4w',
        Duration: 120
      })
    )
    expect(Events!.map(e => e.EventCategories![0])).toEqual(['creation', 'failure', 'failure', 'deletion'])
    expect(Events![1]!.Message).toContain(
      "DB subnet group 'courtcasemanagement-db-subnets' doesn't meet availability zone coverage"
    )
    const failedAt = (await stackEvents(sim, STACK)).find(
      e => e.ResourceStatus === 'CREATE_FAILED'
    )!.Timestamp!
    expect(Events![1]!.Date!.getTime()).toBeLessThan(failedAt.getTime())
    const service = (
      await ecs.send(
        new DescribeServicesCommand({ cluster: 'CourtCaseCluster', services: ['BackendService'] })
      )
    ).services![0]!
    expect(service).toMatchObject({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/CourtCaseCluster/BackendService',
      status: 'INACTIVE'
    })
    expect(service.deployments![0]!.rolloutState).toBe('IN_PROGRESS')
    const stopped = await ecs.send(
      new ListTasksCommand({
        cluster: 'CourtCaseCluster',
        serviceName: 'BackendService',
        desiredStatus: 'STOPPED'
      })
    )
    expect(stopped.taskArns!.length).toBeGreaterThan(5)
  })
})
