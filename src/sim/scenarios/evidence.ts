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
}

interface FailingResource {
  id: string
  type: string
  physical?: string
  startsAt: number
  failsAt: number
  reason: string
  properties?: Record<string, unknown>
}

const hex = (seed: string, length = 32) => stableUuid(seed).replace(/-/g, '').padEnd(32, '0').slice(0, length)

/**
 * A CDK create: change set, prerequisites, then one resource fails after a while and the stack rolls back to
 * ROLLBACK_COMPLETE. The services' own records (what the evidence reads) come from the caller.
 */
function failingCreate(
  ctx: ScenarioContext,
  prerequisites: Prerequisite[],
  failing: FailingResource,
  services: ScriptServices
): Script {
  const root = rootStack(ctx)
  const { events, own, resource, created, deleted } = timeline(root)
  own(0, 'REVIEW_IN_PROGRESS', 'User Initiated')
  own(13 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
  prerequisites.forEach((r, i) => created(15 * SECOND + i * 2 * SECOND, r.id, r.type, 5 * SECOND, r.physical))
  resource(failing.startsAt, failing.id, failing.type, 'CREATE_IN_PROGRESS', {
    ...(failing.properties ? { properties: failing.properties } : {})
  })
  if (failing.physical)
    resource(failing.startsAt + SECOND, failing.id, failing.type, 'CREATE_IN_PROGRESS', {
      physicalId: failing.physical,
      reason: 'Resource creation Initiated'
    })
  resource(failing.failsAt, failing.id, failing.type, 'CREATE_FAILED', {
    ...(failing.physical ? { physicalId: failing.physical } : {}),
    reason: failing.reason
  })
  own(
    failing.failsAt + SECOND,
    'ROLLBACK_IN_PROGRESS',
    `The following resource(s) failed to create: [${failing.id}]. Rollback requested by user.`
  )
  let t = failing.failsAt + 3 * SECOND
  if (failing.physical) {
    deleted(t, failing.id, failing.type, MINUTE, failing.physical)
    t += MINUTE + SECOND
  }
  for (const r of [...prerequisites].reverse()) {
    deleted(t, r.id, r.type, 5 * SECOND, r.physical)
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
    services
  }
}

const CIRCUIT_BREAKER = (ctx: ScenarioContext) =>
  `Resource handler returned message: "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'." ` +
  `(RequestToken: ${stableUuid(`${ctx.seed}#ecs-token`)}, HandlerErrorCode: GeneralServiceException)`

/** An ECS service on Fargate; `tasks` decides how each of its tasks lives and dies. */
function ecsService(
  ctx: ScenarioContext,
  options: {
    targetGroupArn?: string
    failsAt: number
    task: (
      n: number,
      startsAt: number
    ) => Omit<ScriptEcsTask, 'cluster' | 'service' | 'taskId' | 'taskDefinition' | 'startedBy' | 'at'>
    taskEvery: number
    logLines: (n: number) => string[]
    serviceEvents: (n: number, taskId: string) => string[]
  }
) {
  const cluster = `${ctx.stackName}-Cluster`
  const name = `${ctx.stackName}-WebService`
  const family = `${ctx.stackName}-web`
  const taskDefinition = `arn:aws:ecs:${ctx.region}:${ctx.account}:task-definition/${family}:7`
  const logGroup = `/ecs/${ctx.stackName}/web`
  const deploymentId = `ecs-svc/${hex(`${ctx.seed}#deployment`, 19).replace(/[a-f]/g, '7')}`
  const startsAt = 45 * SECOND
  const tasks: ScriptEcsTask[] = []
  const logEvents: ScriptLogEvent[] = []
  const serviceEvents: { at: number; message: string }[] = []
  for (
    let n = 0, at = startsAt + 5 * SECOND;
    at < options.failsAt - 30 * SECOND;
    n++, at += options.taskEvery
  ) {
    const taskId = hex(`${ctx.seed}#task#${n}`)
    const task = {
      ...options.task(n, at),
      at,
      cluster,
      service: name,
      taskId,
      taskDefinition,
      startedBy: deploymentId
    }
    tasks.push(task)
    for (const message of options.serviceEvents(n, taskId)) serviceEvents.push({ at: at + SECOND, message })
    options.logLines(n).forEach((message, i) =>
      logEvents.push({
        at: (task.startedAt ?? at) + 200 + i * 50,
        group: logGroup,
        stream: `web/web/${taskId}`,
        message
      })
    )
  }
  serviceEvents.push({
    at: options.failsAt - SECOND,
    message: `(service ${name}) deployment ${deploymentId} deployment failed: tasks failed to start.`
  })
  return {
    cluster,
    name,
    arn: `arn:aws:ecs:${ctx.region}:${ctx.account}:service/${cluster}/${name}`,
    taskDefinition,
    logGroup,
    startsAt,
    services: {
      ecsServices: [
        {
          at: startsAt + SECOND,
          cluster,
          name,
          desiredCount: 2,
          deploymentId,
          taskDefinition,
          ...(options.targetGroupArn ? { targetGroupArn: options.targetGroupArn } : {}),
          rolloutFailedAt: options.failsAt - SECOND,
          rolloutFailedReason: 'ECS deployment circuit breaker: tasks failed to start.',
          deletedAt: options.failsAt + 3 * SECOND + MINUTE,
          events: serviceEvents
        }
      ],
      ecsTasks: tasks,
      taskDefinitions: [
        {
          arn: taskDefinition,
          containers: [
            {
              name: 'web',
              image: `${ctx.account}.dkr.ecr.${ctx.region}.amazonaws.com/orders-api:2.4.0`,
              essential: true,
              logGroup,
              streamPrefix: 'web',
              environment: {
                DATABASE_URL: 'postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders',
                NODE_ENV: 'production'
              }
            }
          ]
        }
      ],
      logEvents
    } satisfies ScriptServices
  }
}

function ecsPrerequisites(
  ctx: ScenarioContext,
  service: { cluster: string; taskDefinition: string; logGroup: string }
) {
  return [
    { id: 'ClusterEB0386A7', type: 'AWS::ECS::Cluster', physical: service.cluster },
    { id: 'WebLogGroup4A2F3C1B', type: 'AWS::Logs::LogGroup', physical: service.logGroup },
    { id: 'WebTaskDefinition9E1F2A3B', type: 'AWS::ECS::TaskDefinition', physical: service.taskDefinition },
    { id: 'WebTaskRole5C6D7E8F', type: 'AWS::IAM::Role', physical: `${ctx.stackName}-WebTaskRole` }
  ]
}

/** Tasks start, print their config, fail to find their entry point and exit 1, until the circuit breaker trips. */
function ecsTasksExit(ctx: ScenarioContext): Script {
  const failsAt = 9 * MINUTE
  const service = ecsService(ctx, {
    failsAt,
    taskEvery: MINUTE,
    task: (_n, at) => ({
      startedAt: at + 20 * SECOND,
      stoppedAt: at + 24 * SECOND,
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'web', exitCode: 1 }]
    }),
    logLines: () => [
      '> orders-api@2.4.0 start',
      'config: DATABASE_URL=postgres://orders:s3cr3t-pw@orders-db.internal:5432/orders',
      "Error: Cannot find module '/app/dist/server.js'",
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)'
    ],
    serviceEvents: (_n, taskId) => [
      `(service ${ctx.stackName}-WebService) has started 1 tasks: (task ${taskId}).`
    ]
  })
  return failingCreate(
    ctx,
    ecsPrerequisites(ctx, service),
    {
      id: 'WebService1A2B3C4D',
      type: 'AWS::ECS::Service',
      physical: service.arn,
      startsAt: service.startsAt,
      failsAt,
      reason: CIRCUIT_BREAKER(ctx)
    },
    service.services
  )
}

/** Tasks run and serve, but /healthz answers 404, so the load balancer marks them unhealthy and ECS replaces them. */
function ecsHealthCheckFails(ctx: ScenarioContext): Script {
  const failsAt = 11 * MINUTE
  const targetGroupArn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.account}:targetgroup/orders-web/${hex(`${ctx.seed}#tg`, 16)}`
  const service = ecsService(ctx, {
    failsAt,
    targetGroupArn,
    taskEvery: 2 * MINUTE,
    task: (_n, at) => ({
      startedAt: at + 20 * SECOND,
      stoppedAt: at + 100 * SECOND,
      stopCode: 'ServiceSchedulerInitiated',
      stoppedReason: `Task failed ELB health checks in (target-group ${targetGroupArn})`,
      containers: [{ name: 'web', exitCode: 143 }]
    }),
    logLines: () => [
      'listening on :8080',
      'GET /healthz 404 1ms',
      'GET /healthz 404 0ms',
      'SIGTERM received, shutting down'
    ],
    serviceEvents: (_n, taskId) => [
      `(service ${ctx.stackName}-WebService) has started 1 tasks: (task ${taskId}).`,
      `(service ${ctx.stackName}-WebService) (port 8080) is unhealthy in (target-group ${targetGroupArn}) due to (reason Health checks failed with these codes: [404]).`
    ]
  })
  return failingCreate(
    ctx,
    [
      ...ecsPrerequisites(ctx, service),
      {
        id: 'WebTargetGroup3D4E5F6A',
        type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        physical: targetGroupArn
      }
    ],
    {
      id: 'WebService1A2B3C4D',
      type: 'AWS::ECS::Service',
      physical: service.arn,
      startsAt: service.startsAt,
      failsAt,
      reason: CIRCUIT_BREAKER(ctx)
    },
    service.services
  )
}

/** The instance is created into a subnet group whose subnets have no free addresses: incompatible-network after 15 minutes. */
function rdsSubnetGroupFails(ctx: ScenarioContext): Script {
  const id = `${ctx.stackName.toLowerCase()}-ordersdatabase-${hex(`${ctx.seed}#db`, 12)}`
  const subnetGroup = `${ctx.stackName.toLowerCase()}-db-subnets`
  const startsAt = 40 * SECOND
  const failsAt = startsAt + 15 * MINUTE
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
        physical: 'sg-0db5ec0db5ec0db51'
      },
      { id: 'DatabaseSubnetGroup1E2F3A4B', type: 'AWS::RDS::DBSubnetGroup', physical: subnetGroup }
    ],
    {
      id: 'OrdersDatabase5B6C7D8E',
      type: 'AWS::RDS::DBInstance',
      physical: id,
      startsAt,
      failsAt,
      reason: rdsHandlerMessage(
        `DB Instance ${id} is in incompatible-network state.`,
        requestId,
        stableUuid(`${ctx.seed}#rds-token`),
        'NotStabilized'
      ).replace(/ \(Service: Rds, Status Code: 400, Request ID: [\w-]+\)/, ''),
      properties: {
        Engine: 'postgres',
        DBInstanceClass: 'db.t3.medium',
        MasterUsername: 'orders',
        MasterUserPassword: 'Sup3r-s3cret-db'
      }
    },
    {
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
        event(failsAt + 3 * SECOND + 55 * SECOND, 'DB instance deleted', ['deletion'])
      ]
    }
  )
}

/** A Lambda-backed custom resource that seeds a table throws on a missing property. */
function customResourceFails(ctx: ScenarioContext): Script {
  const functionName = `${ctx.stackName}-SeedHandler${hex(`${ctx.seed}#fn`, 8).toUpperCase()}`
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/')
  const stream = `${day}/[$LATEST]${hex(`${ctx.seed}#stream`)}`
  const requestId = stableUuid(`${ctx.seed}#cfn-request`)
  const startsAt = 40 * SECOND
  const failsAt = startsAt + 12 * SECOND
  const group = `/aws/lambda/${functionName}`
  const line = (offset: number, message: string) => ({ at: startsAt + offset, group, stream, message })
  return failingCreate(
    ctx,
    [
      { id: 'OrdersTable2C3D4E5F', type: 'AWS::DynamoDB::Table', physical: `${ctx.stackName}-OrdersTable` },
      { id: 'SeedHandlerRole6A7B8C9D', type: 'AWS::IAM::Role', physical: `${ctx.stackName}-SeedHandlerRole` },
      { id: 'SeedHandler0E1F2A3B', type: 'AWS::Lambda::Function', physical: functionName }
    ],
    {
      id: 'SeedOrdersTable4C5D6E7F',
      type: 'Custom::SeedData',
      startsAt,
      failsAt,
      reason:
        `Received response status [FAILED] from custom resource. Message returned: See the details in CloudWatch Log Stream: ${stream} ` +
        `(RequestId: ${requestId})`,
      properties: {
        ServiceToken: `arn:aws:lambda:${ctx.region}:${ctx.account}:function:${functionName}`,
        TableName: `${ctx.stackName}-OrdersTable`,
        AdminPassword: 'Adm1n-s3cret-seed'
      }
    },
    {
      logEvents: [
        line(2 * SECOND, `START RequestId: ${requestId} Version: $LATEST`),
        line(2 * SECOND + 40, `INFO\tSeeding table for request ${requestId}`),
        line(2 * SECOND + 60, 'INFO\tconnecting with AdminPassword=Adm1n-s3cret-seed'),
        line(
          2 * SECOND + 90,
          `ERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading 'tableName')","stack":["TypeError: Cannot read properties of undefined (reading 'tableName')","    at seed (/var/task/index.js:12:31)"]}`
        ),
        line(2 * SECOND + 120, `END RequestId: ${requestId}`),
        line(
          2 * SECOND + 130,
          `REPORT RequestId: ${requestId}\tDuration: 91.52 ms\tBilled Duration: 92 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB`
        )
      ]
    }
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
