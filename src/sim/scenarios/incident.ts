import { stableUuid } from '../ids.js'
import {
  MINUTE,
  SECOND,
  timeline,
  type Script,
  type ScriptEcsTask,
  type ScriptLogEvent,
  type ScriptRdsEvent,
  type ScriptServices,
  type ScriptTrail
} from '../script.js'
import {
  changeSetCalls,
  onBehalf,
  rdsHandlerMessage,
  rootStack,
  type Scenario,
  type ScenarioContext
} from './common.js'

/** The stack of incident A (INCIDENTS.md): VPC, security groups, secret, Redis, ALB, RDS and an ECS service. */
const PLAN = [
  { id: 'Vpc', type: 'AWS::EC2::VPC', at: 15 * SECOND, took: 20 * SECOND, physical: 'vpc-0c0a5e1d2b3f40001' },
  {
    id: 'ClusterEB0386A7',
    type: 'AWS::ECS::Cluster',
    at: 15 * SECOND,
    took: 5 * SECOND,
    physical: 'CourtCaseCluster'
  },
  {
    id: 'DatabaseSecret',
    type: 'AWS::SecretsManager::Secret',
    at: 16 * SECOND,
    took: 3 * SECOND,
    physical: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:DatabaseSecret-Ab12Cd'
  },
  {
    id: 'VpcPrivateSubnet1',
    type: 'AWS::EC2::Subnet',
    at: 36 * SECOND,
    took: 5 * SECOND,
    physical: 'subnet-0a11a11a11a11a111'
  },
  {
    id: 'DatabaseSecurityGroup',
    type: 'AWS::EC2::SecurityGroup',
    at: 36 * SECOND,
    took: 6 * SECOND,
    physical: 'sg-0db0db0db0db0db01'
  },
  {
    id: 'RedisSecurityGroup',
    type: 'AWS::EC2::SecurityGroup',
    at: 36 * SECOND,
    took: 6 * SECOND,
    physical: 'sg-0ed15ed15ed15ed01'
  },
  {
    id: 'DatabaseSubnetGroup',
    type: 'AWS::RDS::DBSubnetGroup',
    at: 45 * SECOND,
    took: 2 * SECOND,
    physical: 'courtcasemanagement-db-subnets'
  },
  {
    id: 'RedisSubnetGroup',
    type: 'AWS::ElastiCache::SubnetGroup',
    at: 45 * SECOND,
    took: 2 * SECOND,
    physical: 'courtcasemanagement-redis-subnets'
  },
  {
    id: 'LoadBalancer',
    type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    at: 45 * SECOND,
    took: 3 * MINUTE,
    physical:
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/CourtC-LoadB/0a1b2c3d4e5f6789'
  },
  {
    id: 'Redis',
    type: 'AWS::ElastiCache::CacheCluster',
    at: 50 * SECOND,
    took: 6 * MINUTE,
    physical: 'courtcase-redis'
  },
  {
    id: 'TaskDefinition',
    type: 'AWS::ECS::TaskDefinition',
    at: 20 * SECOND,
    took: 2 * SECOND,
    physical: 'arn:aws:ecs:us-east-1:123456789012:task-definition/CourtCaseBackend:31'
  }
]
const DATABASE = {
  id: 'Database',
  type: 'AWS::RDS::DBInstance',
  physical: 'courtcasemanagementstack-database-1x2y3z4w'
}
const SERVICE = {
  id: 'BackendService',
  type: 'AWS::ECS::Service',
  physical: 'arn:aws:ecs:us-east-1:123456789012:service/CourtCaseCluster/BackendService'
}
const DB_STARTS = 60 * SECOND
const SERVICE_STARTS = 6 * MINUTE + 50 * SECOND
/** The password CloudFormation passed to RDS: tests prove it never reaches a log, summary or report. */
export const SIM_DB_PASSWORD = 'sim-Secr3t-Pa55word!'

type Outcome = 'succeeds' | 'fails' | 'hangs'

function courtCaseDeploy(ctx: ScenarioContext, outcome: Outcome): Script {
  const root = rootStack(ctx)
  const { events, own, resource, created, deleted } = timeline(root)
  const role = ctx.principals.cloudFormation
  const dbResource = { type: 'AWS::RDS::DBInstance', name: DATABASE.physical }
  const dbParams = {
    dBInstanceIdentifier: DATABASE.physical,
    dBInstanceClass: 'db.t3.medium',
    engine: 'postgres',
    masterUsername: 'courtadmin',
    masterUserPassword: SIM_DB_PASSWORD,
    dBSubnetGroupName: 'courtcasemanagement-db-subnets'
  }
  const trail: ScriptTrail[] = [
    ...changeSetCalls(ctx, root, 'CREATE'),
    onBehalf(
      45 * SECOND,
      role,
      'rds.amazonaws.com',
      'CreateDBSubnetGroup',
      { type: 'AWS::RDS::DBSubnetGroup', name: 'courtcasemanagement-db-subnets' },
      {
        requestParameters: {
          dBSubnetGroupName: 'courtcasemanagement-db-subnets',
          subnetIds: ['subnet-0a11a11a11a11a111']
        }
      }
    ),
    onBehalf(DB_STARTS + SECOND, role, 'rds.amazonaws.com', 'CreateDBInstance', dbResource, {
      requestParameters: dbParams
    })
  ]

  own(0, 'REVIEW_IN_PROGRESS', 'User Initiated')
  own(13 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
  for (const r of PLAN) created(r.at, r.id, r.type, r.took, r.physical)
  resource(DB_STARTS, DATABASE.id, DATABASE.type, 'CREATE_IN_PROGRESS', {
    properties: {
      DBInstanceClass: 'db.t3.medium',
      Engine: 'postgres',
      MasterUsername: 'courtadmin',
      MasterUserPassword: SIM_DB_PASSWORD
    }
  })
  resource(DB_STARTS + SECOND, DATABASE.id, DATABASE.type, 'CREATE_IN_PROGRESS', {
    physicalId: DATABASE.physical,
    reason: 'Resource creation Initiated'
  })

  if (outcome === 'hangs') {
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      trail,
      deletes: [],
      span: DB_STARTS + 28 * MINUTE,
      operations: ops(),
      services: { rdsEvents: [dbEvent(DB_STARTS + 2 * SECOND, 'DB instance creation started', 'creation')] }
    }
  }
  if (outcome === 'succeeds') {
    resource(DB_STARTS + 12 * MINUTE, DATABASE.id, DATABASE.type, 'CREATE_COMPLETE', {
      physicalId: DATABASE.physical
    })
    created(DB_STARTS + 12 * MINUTE + SECOND, SERVICE.id, SERVICE.type, 3 * MINUTE, SERVICE.physical)
    const done = DB_STARTS + 15 * MINUTE + 5 * SECOND
    own(done, 'CREATE_COMPLETE')
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      trail,
      deletes: [],
      span: done,
      operations: ops(),
      services: {
        rdsEvents: [
          dbEvent(DB_STARTS + 2 * SECOND, 'DB instance creation started', 'creation'),
          dbEvent(DB_STARTS + 12 * MINUTE - 10 * SECOND, 'DB instance created', 'creation')
        ]
      }
    }
  }

  resource(SERVICE_STARTS, SERVICE.id, SERVICE.type, 'CREATE_IN_PROGRESS')
  resource(SERVICE_STARTS + SECOND, SERVICE.id, SERVICE.type, 'CREATE_IN_PROGRESS', {
    physicalId: SERVICE.physical,
    reason: 'Resource creation Initiated'
  })
  const failedAt = DB_STARTS + 35 * MINUTE
  const requestId = stableUuid(`${ctx.seed}#rds-failure`)
  const message =
    "DB Subnet Group doesn't meet availability zone coverage requirement. Please add subnets to cover at least 2 availability zones. Current coverage: 1"
  trail.push(
    onBehalf(failedAt - SECOND, role, 'rds.amazonaws.com', 'CreateDBInstance', dbResource, {
      requestParameters: dbParams,
      errorCode: 'InvalidVPCNetworkStateFault',
      errorMessage: message,
      requestId
    })
  )
  const reason = rdsHandlerMessage(message, requestId, stableUuid(`${ctx.seed}#token`), 'InvalidRequest')
  resource(failedAt, DATABASE.id, DATABASE.type, 'CREATE_FAILED', { physicalId: DATABASE.physical, reason })
  resource(failedAt + SECOND, SERVICE.id, SERVICE.type, 'CREATE_FAILED', {
    physicalId: SERVICE.physical,
    reason: 'Resource creation cancelled'
  })
  own(
    failedAt + 2 * SECOND,
    'ROLLBACK_IN_PROGRESS',
    'The following resource(s) failed to create: [Database]. '
  )
  let t = failedAt + 5 * SECOND
  deleted(t, SERVICE.id, SERVICE.type, MINUTE, SERVICE.physical)
  t += MINUTE + SECOND
  deleted(t, DATABASE.id, DATABASE.type, 4 * MINUTE, DATABASE.physical)
  t += 4 * MINUTE + SECOND
  for (const r of [...PLAN].reverse()) {
    deleted(t, r.id, r.type, r.id === 'Redis' ? 3 * MINUTE : 10 * SECOND, r.physical)
    t += 2 * SECOND
  }
  const rolledBack = failedAt + 12 * MINUTE
  own(rolledBack, 'ROLLBACK_COMPLETE')
  const cleanup = ctx.options.cleanup !== false
  const deleteAt = rolledBack + 30 * SECOND
  return {
    region: ctx.region,
    account: ctx.account,
    stacks: [root],
    events,
    trail,
    operations: ops(),
    deletes: cleanup ? [{ at: deleteAt, principal: ctx.principals.cdkRole }] : [],
    span: cleanup ? deleteAt + 30 * SECOND : rolledBack,
    services: failedServices(ctx, failedAt)
  }
}

const dbEvent = (at: number, message: string, category: string): ScriptRdsEvent => ({
  at,
  sourceType: 'db-instance',
  sourceId: DATABASE.physical,
  message,
  categories: [category]
})

/**
 * What RDS and ECS recorded during incident A, consistent with its stack events: the instance is created into a
 * subnet group covering one Availability Zone, RDS reports it, and the rollback deletes it. The backend service,
 * started while the database was still creating, cannot resolve the database's address and its tasks exit 1
 * (no circuit breaker, so ECS keeps trying) until CloudFormation cancels it and the rollback deletes it.
 */
function failedServices(ctx: ScenarioContext, failedAt: number): ScriptServices {
  const serviceDeleted = failedAt + 5 * SECOND + MINUTE
  const dbDeleted = serviceDeleted + SECOND + 4 * MINUTE
  // The rollback then deletes PLAN in reverse, one every 2 s, each done 10 s after it started.
  const planDeleted = (id: string) =>
    dbDeleted + SECOND + [...PLAN].reverse().findIndex(r => r.id === id) * 2 * SECOND + 10 * SECOND
  const cluster = PLAN.find(r => r.id === 'ClusterEB0386A7')!.physical
  const taskDefinition = PLAN.find(r => r.id === 'TaskDefinition')!.physical
  const deploymentId = `ecs-svc/${stableUuid(`${ctx.seed}#backend`).replace(/\D/g, '').slice(0, 19)}`
  const host = `${DATABASE.physical}.c1x2y3z4w5v6.us-east-1.rds.amazonaws.com`
  const logGroup = '/ecs/CourtCaseBackend'
  const tasks: ScriptEcsTask[] = []
  const logEvents: ScriptLogEvent[] = []
  const events: { at: number; message: string }[] = []
  for (let n = 0, at = SERVICE_STARTS + 10 * SECOND; at < failedAt; n++, at += 3 * MINUTE) {
    const taskId = stableUuid(`${ctx.seed}#backend-task#${n}`).replace(/-/g, '').slice(0, 32)
    tasks.push({
      at,
      startedAt: at + 25 * SECOND,
      stoppedAt: at + 31 * SECOND,
      cluster,
      service: 'BackendService',
      taskId,
      taskDefinition,
      startedBy: deploymentId,
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      containers: [{ name: 'backend', exitCode: 1 }]
    })
    events.push({ at, message: `(service BackendService) has started 1 tasks: (task ${taskId}).` })
    const stream = `backend/backend/${taskId}`
    const lines = [
      `Connecting to postgres at ${host}:5432`,
      `Error: getaddrinfo ENOTFOUND ${host}`,
      '    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)'
    ]
    lines.forEach((message, i) =>
      logEvents.push({ at: at + 26 * SECOND + i * 100, group: logGroup, stream, message })
    )
  }
  return {
    rdsEvents: [
      dbEvent(DB_STARTS + 2 * SECOND, 'DB instance creation started', 'creation'),
      dbEvent(
        failedAt - 90 * SECOND,
        "The DB instance could not be created because DB subnet group 'courtcasemanagement-db-subnets' doesn't " +
          'meet availability zone coverage requirement: it covers 1 Availability Zone (us-east-1a), at least 2 are required.',
        'failure'
      ),
      dbEvent(
        failedAt - 85 * SECOND,
        'DB instance is in an incompatible network state (incompatible-network).',
        'failure'
      ),
      dbEvent(dbDeleted - 5 * SECOND, 'DB instance deleted', 'deletion')
    ],
    ecsClusters: [{ at: 16 * SECOND, name: cluster, deletedAt: planDeleted('ClusterEB0386A7') }],
    ecsServices: [
      {
        at: SERVICE_STARTS + SECOND,
        cluster,
        name: 'BackendService',
        desiredCount: 1,
        deploymentId,
        taskDefinition,
        deletedAt: serviceDeleted,
        events
      }
    ],
    ecsTasks: tasks,
    taskDefinitions: [
      {
        at: 21 * SECOND,
        deregisteredAt: planDeleted('TaskDefinition'),
        arn: taskDefinition,
        containers: [
          {
            name: 'backend',
            image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/court-case-backend:1.8.2',
            essential: true,
            logGroup,
            logRegion: 'us-east-1',
            streamPrefix: 'backend',
            environment: { DB_HOST: host, DB_USER: 'courtadmin', DB_PASSWORD: SIM_DB_PASSWORD }
          }
        ]
      }
    ],
    logGroups: [{ at: 16 * SECOND, name: logGroup }],
    logEvents
  }
}

function ops(): Script['operations'] {
  return [
    { at: 0, type: 'CREATE_CHANGESET' },
    { at: 12 * SECOND, type: 'CREATE_STACK' }
  ]
}

export const incidentScenarios: Record<string, Scenario> = {
  'create-succeeds': {
    description:
      'CourtCaseManagementStack is created: network, secret, Redis, ALB, RDS (12 min), ECS service.',
    build: ctx => courtCaseDeploy(ctx, 'succeeds')
  },
  'create-fails-db-35m': {
    description:
      'Incident A: the RDS Database is CREATE_IN_PROGRESS for 35 minutes, fails, the ECS service is cancelled, ' +
      'the stack rolls back; then aws-cdk-showboat calls DeleteStack (option cleanup: false leaves it out).',
    build: ctx => courtCaseDeploy(ctx, 'fails')
  },
  'deploy-times-out': {
    description:
      'The RDS Database stays CREATE_IN_PROGRESS indefinitely (27+ minutes when the sim catches up).',
    build: ctx => courtCaseDeploy(ctx, 'hangs')
  }
}
