import { stableUuid } from '../ids.js'
import {
  MINUTE,
  SECOND,
  timeline,
  type Script,
  type ScriptEcsTask,
  type ScriptLogEvent,
  type ScriptServices
} from '../script.js'
import {
  changeSetCalls,
  rdsHandlerMessage,
  rootStack,
  type Scenario,
  type ScenarioContext
} from './common.js'

/** The resources a failing create made before the one that failed: created, then deleted by the rollback. */
interface Prerequisite {
  id: string
  type: string
  physical: string
  properties?: Record<string, unknown>
  /** DeletionPolicy Retain (a CDK LogGroup's default): the rollback skips it, so it outlives the stack. */
  retained?: boolean
}

interface FailingResource {
  id: string
  type: string
  physical?: string
  /** CloudFormation's "Resource creation Initiated" event, which resource handlers emit; custom resources do not. */
  initiated?: boolean
  startsAt: number
  failsAt: number
  reason: string
  properties?: Record<string, unknown>
  /** How long the rollback's delete of it takes (default a minute). */
  deleteTook?: number
}

/** When each resource came to exist (its physical id was set) and when the rollback finished deleting it. */
export type Lifetimes = Record<string, { created: number; deleted?: number }>

const hex = (seed: string, length = 32) => stableUuid(seed).replace(/-/g, '').padEnd(32, '0').slice(0, length)

/**
 * A CDK create: change set, prerequisites, then one resource fails after a while and the stack rolls back to
 * ROLLBACK_COMPLETE. The services' own records (what the evidence reads) come from the caller, which gets the
 * resources' lifetimes so a cluster or task definition disappears when its rollback event says so.
 */
function failingCreate(
  ctx: ScenarioContext,
  prerequisites: Prerequisite[],
  failing: FailingResource,
  services: (lifetimes: Lifetimes) => ScriptServices
): Script {
  const root = rootStack(ctx)
  const { events, own, resource, created, deleted } = timeline(root)
  const lifetimes: Lifetimes = {}
  own(0, 'REVIEW_IN_PROGRESS', 'User Initiated')
  own(13 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
  prerequisites.forEach((r, i) => {
    const at = 15 * SECOND + i * 2 * SECOND
    created(at, r.id, r.type, 5 * SECOND, r.physical, r.properties)
    lifetimes[r.id] = { created: at + SECOND }
  })
  const properties = failing.properties ? { properties: failing.properties } : {}
  const physical = failing.physical ? { physicalId: failing.physical } : {}
  resource(failing.startsAt, failing.id, failing.type, 'CREATE_IN_PROGRESS', properties)
  if (failing.physical && failing.initiated !== false)
    resource(failing.startsAt + SECOND, failing.id, failing.type, 'CREATE_IN_PROGRESS', {
      ...physical,
      reason: 'Resource creation Initiated',
      ...properties
    })
  resource(failing.failsAt, failing.id, failing.type, 'CREATE_FAILED', {
    ...physical,
    reason: failing.reason,
    ...properties
  })
  own(
    failing.failsAt + SECOND,
    'ROLLBACK_IN_PROGRESS',
    `The following resource(s) failed to create: [${failing.id}]. Rollback requested by user.`
  )
  let t = failing.failsAt + 3 * SECOND
  if (failing.physical) {
    const took = failing.deleteTook ?? MINUTE
    deleted(t, failing.id, failing.type, took, failing.physical)
    lifetimes[failing.id] = { created: failing.startsAt + SECOND, deleted: t + took }
    t += took + SECOND
  }
  for (const r of [...prerequisites].reverse()) {
    if (r.retained) {
      resource(t, r.id, r.type, 'DELETE_SKIPPED', { physicalId: r.physical })
      t += SECOND
      continue
    }
    deleted(t, r.id, r.type, 5 * SECOND, r.physical)
    lifetimes[r.id]!.deleted = t + 5 * SECOND
    t += 6 * SECOND
  }
  own(t, 'ROLLBACK_COMPLETE')
  return {
    region: ctx.region,
    account: ctx.account,
    stacks: [root],
    events,
    trail: changeSetCalls(ctx, root, 'CREATE'),
    operations: [
      { at: 0, type: 'CREATE_CHANGESET' },
      { at: 12 * SECOND, type: 'CREATE_STACK' }
    ],
    deletes: [],
    span: t,
    services: services(lifetimes)
  }
}

const CIRCUIT_BREAKER = (ctx: ScenarioContext) =>
  `Resource handler returned message: "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'." ` +
  `(RequestToken: ${stableUuid(`${ctx.seed}#ecs-token`)}, HandlerErrorCode: GeneralServiceException)`

const DATABASE_URL = 'postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders'

/** One task's life as a scenario tells it, relative to when ECS placed it (PENDING). */
interface TaskPlan {
  startedAfter: number
  stoppedAfter: number
  stopCode: string
  stoppedReason: string
  exitCode: number
  /** Lines the container writes, `after` ms from its start. */
  logLines: { after: number; message: string }[]
  /** ECS service events about the task, `after` ms from its placement. */
  serviceEvents: { after: number; message: string }[]
}

/**
 * An ECS service on Fargate (desired count 1) created at 45 s: ECS places a task every `taskEvery` until the
 * deployment fails at `failsAt`; `plan` decides how each task lives and dies. Also names the cluster, the log
 * group and the task definition the stack creates first.
 */
function ecsService(
  ctx: ScenarioContext,
  options: {
    targetGroupArn?: string
    failsAt: number
    taskEvery: number
    plan: (n: number, taskId: string) => TaskPlan
    /** Service events that are not about one task, e.g. ECS throttling its launches. */
    extraEvents?: { at: number; message: string }[]
  }
) {
  const cluster = `${ctx.stackName}-Cluster`
  const name = `${ctx.stackName}-WebService`
  const family = `${ctx.stackName}-web`
  const taskDefinition = `arn:aws:ecs:${ctx.region}:${ctx.account}:task-definition/${family}:7`
  const logGroup = `/ecs/${ctx.stackName}/web`
  const deploymentId = `ecs-svc/${hex(`${ctx.seed}#deployment`, 19).replace(/[a-f]/g, '7')}`
  const arn = `arn:aws:ecs:${ctx.region}:${ctx.account}:service/${cluster}/${name}`
  const startsAt = 45 * SECOND
  const tasks: ScriptEcsTask[] = []
  const logEvents: ScriptLogEvent[] = []
  const serviceEvents = [...(options.extraEvents ?? [])]
  for (
    let n = 0, at = startsAt + 5 * SECOND;
    at < options.failsAt - 30 * SECOND;
    n++, at += options.taskEvery
  ) {
    const taskId = hex(`${ctx.seed}#task#${n}`)
    const plan = options.plan(n, taskId)
    const startedAt = at + plan.startedAfter
    tasks.push({
      at,
      startedAt,
      stoppedAt: at + plan.stoppedAfter,
      cluster,
      service: name,
      taskId,
      taskDefinition,
      startedBy: deploymentId,
      stopCode: plan.stopCode,
      stoppedReason: plan.stoppedReason,
      containers: [{ name: 'web', exitCode: plan.exitCode }]
    })
    for (const e of plan.serviceEvents) serviceEvents.push({ at: at + e.after, message: e.message })
    for (const line of plan.logLines)
      logEvents.push({
        at: startedAt + line.after,
        group: logGroup,
        stream: `web/web/${taskId}`,
        message: line.message
      })
  }
  serviceEvents.push({
    at: options.failsAt - SECOND,
    message: `(service ${name}) deployment ${deploymentId} deployment failed: tasks failed to start.`
  })
  const prerequisites: Prerequisite[] = [
    {
      id: 'ClusterEB0386A7',
      type: 'AWS::ECS::Cluster',
      physical: cluster,
      properties: { ClusterName: cluster }
    },
    {
      id: 'WebLogGroup4A2F3C1B',
      type: 'AWS::Logs::LogGroup',
      physical: logGroup,
      properties: { LogGroupName: logGroup, RetentionInDays: 30 },
      retained: true
    },
    {
      id: 'WebTaskRole5C6D7E8F',
      type: 'AWS::IAM::Role',
      physical: `${ctx.stackName}-WebTaskRole`,
      properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }
          ]
        }
      }
    },
    {
      id: 'WebTaskDefinition9E1F2A3B',
      type: 'AWS::ECS::TaskDefinition',
      physical: taskDefinition,
      // The plain environment is part of the template: CloudFormation reports it, password and all.
      properties: {
        Family: family,
        Cpu: '256',
        Memory: '512',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        ContainerDefinitions: [
          {
            Name: 'web',
            Image: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/orders-api:2.4.0`,
            Essential: true,
            Environment: [
              { Name: 'DATABASE_URL', Value: DATABASE_URL },
              { Name: 'NODE_ENV', Value: 'production' }
            ],
            LogConfiguration: {
              LogDriver: 'awslogs',
              Options: {
                'awslogs-group': logGroup,
                'awslogs-region': ctx.region,
                'awslogs-stream-prefix': 'web'
              }
            }
          }
        ]
      }
    }
  ]
  const failing = {
    id: 'WebService1A2B3C4D',
    type: 'AWS::ECS::Service',
    physical: arn,
    startsAt,
    failsAt: options.failsAt,
    reason: CIRCUIT_BREAKER(ctx),
    properties: {
      Cluster: cluster,
      ServiceName: name,
      TaskDefinition: taskDefinition,
      DesiredCount: 1,
      LaunchType: 'FARGATE',
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: false } },
      ...(options.targetGroupArn
        ? {
            LoadBalancers: [
              { ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: options.targetGroupArn }
            ]
          }
        : {})
    }
  }
  const services = (life: Lifetimes): ScriptServices => ({
    ecsClusters: [
      { at: life.ClusterEB0386A7!.created, name: cluster, deletedAt: life.ClusterEB0386A7!.deleted }
    ],
    ecsServices: [
      {
        at: life.WebService1A2B3C4D!.created,
        cluster,
        name,
        desiredCount: 1,
        deploymentId,
        taskDefinition,
        ...(options.targetGroupArn ? { targetGroupArn: options.targetGroupArn } : {}),
        rolloutFailedAt: options.failsAt - SECOND,
        rolloutFailedReason: 'ECS deployment circuit breaker: tasks failed to start.',
        deletedAt: life.WebService1A2B3C4D!.deleted,
        events: serviceEvents
      }
    ],
    ecsTasks: tasks,
    taskDefinitions: [
      {
        at: life.WebTaskDefinition9E1F2A3B!.created,
        deregisteredAt: life.WebTaskDefinition9E1F2A3B!.deleted,
        arn: taskDefinition,
        containers: [
          {
            name: 'web',
            image: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/orders-api:2.4.0`,
            essential: true,
            logGroup,
            streamPrefix: 'web',
            environment: { DATABASE_URL, NODE_ENV: 'production' }
          }
        ]
      }
    ],
    logGroups: [{ at: life.WebLogGroup4A2F3C1B!.created, name: logGroup }],
    logEvents
  })
  return { name, prerequisites, failing, services }
}

/** Tasks start, print their config, fail to find their entry point and exit 1, until the circuit breaker trips. */
function ecsTasksExit(ctx: ScenarioContext): Script {
  const name = `${ctx.stackName}-WebService`
  const service = ecsService(ctx, {
    failsAt: 9 * MINUTE,
    taskEvery: MINUTE,
    plan: (_n, taskId) => ({
      startedAfter: 20 * SECOND,
      stoppedAfter: 24 * SECOND,
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      exitCode: 1,
      logLines: [
        { after: 200, message: '> orders-api@2.4.0 start' },
        { after: 250, message: `config: DATABASE_URL=${DATABASE_URL}` },
        { after: 300, message: "Error: Cannot find module '/app/dist/server.js'" },
        { after: 350, message: '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)' },
        { after: 400, message: 'Node.js v20.18.0' }
      ],
      serviceEvents: [{ after: 0, message: `(service ${name}) has started 1 tasks: (task ${taskId}).` }]
    }),
    extraEvents: [
      {
        at: 5 * MINUTE + 30 * SECOND,
        message: `(service ${name}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`
      }
    ]
  })
  return failingCreate(ctx, service.prerequisites, service.failing, service.services)
}

/** Tasks run and serve, but /healthz answers 404, so the load balancer marks them unhealthy and ECS replaces them. */
function ecsHealthCheckFails(ctx: ScenarioContext): Script {
  const name = `${ctx.stackName}-WebService`
  const targetGroupArn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:targetgroup/orders-web/${hex(`${ctx.seed}#tg`, 16)}`
  const service = ecsService(ctx, {
    failsAt: 11 * MINUTE,
    targetGroupArn,
    taskEvery: 2 * MINUTE,
    plan: (n, taskId) => ({
      startedAfter: 20 * SECOND,
      stoppedAfter: 100 * SECOND,
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: `Task failed ELB health checks in (target-group ${targetGroupArn})`,
      // SIGTERM ends most of them; one in three ignores it until ECS kills it.
      exitCode: n % 3 === 2 ? 137 : 143,
      logLines: [
        { after: 900, message: 'listening on :8080' },
        ...[30, 60, 90].map(s => ({ after: s * SECOND, message: `GET /healthz 404 ${s % 2}ms` }))
      ],
      serviceEvents: [
        { after: 0, message: `(service ${name}) has started 1 tasks: (task ${taskId}).` },
        {
          after: 25 * SECOND,
          message: `(service ${name}) registered 1 targets in (target-group ${targetGroupArn})`
        },
        {
          after: 95 * SECOND,
          message: `(service ${name}) (port 8080) is unhealthy in (target-group ${targetGroupArn}) due to (reason Health checks failed with these codes: [404]).`
        },
        { after: 100 * SECOND, message: `(service ${name}) has stopped 1 running tasks: (task ${taskId}).` },
        {
          after: 101 * SECOND,
          message: `(service ${name}) deregistered 1 targets in (target-group ${targetGroupArn})`
        }
      ]
    })
  })
  const targetGroup: Prerequisite = {
    id: 'WebTargetGroup3D4E5F6A',
    type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    physical: targetGroupArn,
    properties: {
      Name: 'orders-web',
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200' }
    }
  }
  return failingCreate(ctx, [...service.prerequisites, targetGroup], service.failing, service.services)
}

/** The instance is created into a subnet group whose subnets have no free addresses: incompatible-network after 15 minutes. */
function rdsSubnetGroupFails(ctx: ScenarioContext): Script {
  const id = `${ctx.stackName.toLowerCase()}-ordersdatabase-${hex(`${ctx.seed}#db`, 12)}`
  const subnetGroup = `${ctx.stackName.toLowerCase()}-db-subnets`
  const startsAt = 40 * SECOND
  const failsAt = startsAt + 15 * MINUTE
  const deleteTook = 4 * MINUTE
  const event = (at: number, message: string, categories: string[]) => ({
    at,
    sourceType: 'db-instance' as const,
    sourceId: id,
    message,
    categories
  })
  const requestId = stableUuid(`${ctx.seed}#rds-request`)
  return failingCreate(
    ctx,
    [
      {
        id: 'DatabaseSecurityGroup7A8B9C0D',
        type: 'AWS::EC2::SecurityGroup',
        physical: 'sg-0db5ec0db5ec0db51',
        properties: { GroupDescription: 'Orders database', VpcId: 'vpc-0c0a5e1d2b3f40001' }
      },
      {
        id: 'DatabaseSubnetGroup1E2F3A4B',
        type: 'AWS::RDS::DBSubnetGroup',
        physical: subnetGroup,
        properties: {
          DBSubnetGroupName: subnetGroup,
          DBSubnetGroupDescription: 'Orders database subnets',
          SubnetIds: ['subnet-0a11a11a11a11a111', 'subnet-0b22b22b22b22b222']
        }
      }
    ],
    {
      id: 'OrdersDatabase5B6C7D8E',
      type: 'AWS::RDS::DBInstance',
      physical: id,
      startsAt,
      failsAt,
      deleteTook,
      reason: rdsHandlerMessage(
        `DB Instance ${id} is in incompatible-network state.`,
        requestId,
        stableUuid(`${ctx.seed}#rds-token`),
        'NotStabilized'
      ).replace(/ \(Service: Rds, Status Code: 400, Request ID: [\w-]+\)/, ''),
      properties: {
        Engine: 'postgres',
        DBInstanceClass: 'db.t3.medium',
        AllocatedStorage: '20',
        AvailabilityZone: `${ctx.region}a`,
        DBSubnetGroupName: subnetGroup,
        MasterUsername: 'orders',
        MasterUserPassword: 'Sup3r-s3cret-db'
      }
    },
    () => ({
      rdsEvents: [
        event(startsAt + 2 * SECOND, 'DB instance creation started', ['creation']),
        event(
          startsAt + 14 * MINUTE,
          `The DB instance could not be created because DB subnet group '${subnetGroup}' has no available IP addresses in subnet subnet-0a11a11a11a11a111 (Availability Zone ${ctx.region}a).`,
          ['failure']
        ),
        event(
          startsAt + 14 * MINUTE + 5 * SECOND,
          'DB instance is in an incompatible network state (incompatible-network).',
          ['failure']
        ),
        event(failsAt + 3 * SECOND + deleteTook - 5 * SECOND, 'DB instance deleted', ['deletion'])
      ]
    })
  )
}

/**
 * A Lambda-backed custom resource that seeds a table throws on a missing property. cfn-response answers FAILED
 * with the log stream as physical id, so the rollback sends the function a Delete, which it handles: the newest
 * lines of the stream are that harmless second invocation, not the error.
 */
function customResourceFails(ctx: ScenarioContext): Script {
  const functionName = `${ctx.stackName}-SeedHandler${hex(`${ctx.seed}#fn`, 8).toUpperCase()}`
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/')
  const stream = `${day}/[$LATEST]${hex(`${ctx.seed}#stream`)}`
  const requestId = stableUuid(`${ctx.seed}#cfn-request`)
  const deleteRequestId = stableUuid(`${ctx.seed}#cfn-delete-request`)
  const startsAt = 40 * SECOND
  const failsAt = startsAt + 4 * SECOND
  const group = `/aws/lambda/${functionName}`
  const line = (at: number, message: string) => ({ at, group, stream, message })
  const invoked = startsAt + 300
  const deleting = failsAt + 3 * SECOND + 300
  const functionArn = `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${functionName}`
  return failingCreate(
    ctx,
    [
      {
        id: 'OrdersTable2C3D4E5F',
        type: 'AWS::DynamoDB::Table',
        physical: `${ctx.stackName}-OrdersTable`,
        properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST'
        }
      },
      {
        id: 'SeedHandlerRole6A7B8C9D',
        type: 'AWS::IAM::Role',
        physical: `${ctx.stackName}-SeedHandlerRole`
      },
      {
        id: 'SeedHandler0E1F2A3B',
        type: 'AWS::Lambda::Function',
        physical: functionName,
        properties: {
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Timeout: 60,
          Environment: { Variables: { TABLE_NAME: `${ctx.stackName}-OrdersTable` } }
        }
      }
    ],
    {
      id: 'SeedOrdersTable4C5D6E7F',
      type: 'Custom::SeedData',
      physical: stream,
      initiated: false,
      startsAt,
      failsAt,
      deleteTook: 2 * SECOND,
      reason:
        `Received response status [FAILED] from custom resource. Message returned: See the details in CloudWatch Log Stream: ${stream} ` +
        `(RequestId: ${requestId})`,
      properties: {
        ServiceToken: functionArn,
        TableName: `${ctx.stackName}-OrdersTable`,
        AdminPassword: 'Adm1n-s3cret-seed'
      }
    },
    () => ({
      // Lambda creates the group at the first invocation; no stack owns it, so the rollback leaves it.
      logGroups: [{ at: invoked, name: group }],
      logEvents: [
        line(invoked, `START RequestId: ${requestId} Version: $LATEST`),
        line(invoked + 40, `INFO\tSeeding table for request ${requestId}`),
        line(invoked + 60, `INFO\tconnecting with AdminPassword=Adm1n-s3cret-seed`),
        line(
          invoked + 90,
          `ERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'tableName')","stack":["TypeError: Cannot read properties of undefined (reading 'tableName')","    at seed (/var/task/index.js:12:31)"]}`
        ),
        line(invoked + 120, `END RequestId: ${requestId}`),
        line(
          invoked + 130,
          `REPORT RequestId: ${requestId}\tDuration: 91.52 ms\tBilled Duration: 92 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 212.40 ms`
        ),
        line(deleting, `START RequestId: ${deleteRequestId} Version: $LATEST`),
        line(deleting + 20, `INFO\tRequestType: Delete, nothing to undo`),
        line(deleting + 40, `END RequestId: ${deleteRequestId}`),
        line(
          deleting + 45,
          `REPORT RequestId: ${deleteRequestId}\tDuration: 12.08 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB`
        )
      ]
    })
  )
}

export const evidenceScenarios: Record<string, Scenario> = {
  'ecs-tasks-exit': {
    description:
      'An ECS service whose tasks exit 1 on start (missing entry point) until the circuit breaker fails the create.',
    build: ecsTasksExit
  },
  'ecs-health-check-fails': {
    description: 'An ECS service whose tasks run but fail the load balancer health check (404 on /healthz).',
    build: ecsHealthCheckFails
  },
  'rds-subnet-group-fails': {
    description:
      'An RDS instance that goes incompatible-network after 15 minutes: its subnet group has no free addresses.',
    build: rdsSubnetGroupFails
  },
  'custom-resource-fails': {
    description:
      'A Lambda-backed custom resource whose handler throws TypeError; CloudFormation only points at the log stream.',
    build: customResourceFails
  }
}
