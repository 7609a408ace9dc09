import { stableUuid } from './ids.js'
import { page, readCursor } from './paging.js'
import type { ServiceRecords, SimEcsService, SimEcsTask } from './services.js'
import { SimError } from './world.js'

export interface EcsContext {
  records: ServiceRecords
  now: number
}

/** ECS forgets a stopped task about an hour after it stopped: ListTasks and DescribeTasks no longer see it. */
export const STOPPED_TASK_RETENTION_MS = 60 * 60_000

type Request = Record<string, unknown>

/** ECS JSON timestamps are epoch seconds. */
const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000)
const serviceArn = (s: SimEcsService) => `arn:aws:ecs:${s.region}:${s.account}:service/${s.cluster}/${s.name}`
const clusterArn = (s: { region: string; account: string; cluster: string }) =>
  `arn:aws:ecs:${s.region}:${s.account}:cluster/${s.cluster}`
const taskArn = (t: SimEcsTask) => `arn:aws:ecs:${t.region}:${t.account}:task/${t.cluster}/${t.taskId}`

/** `name`, or the last part of a cluster, service or task ARN. */
const lastPart = (idOrArn: string) => (idOrArn.startsWith('arn:') ? idOrArn.split('/').pop()! : idOrArn)
const clusterOf = (value: unknown) => {
  const text = typeof value === 'string' && value ? value : 'default'
  return text.startsWith('arn:') ? text.split('/').pop()! : text
}

/** Answers one ECS JSON 1.1 action against what the scenarios recorded up to `now`. */
export function handleEcs(action: string, request: Request, ctx: EcsContext): unknown {
  switch (action) {
    case 'DescribeServices':
      return describeServices(request, ctx)
    case 'ListTasks':
      return listTasks(request, ctx)
    case 'DescribeTasks':
      return describeTasks(request, ctx)
    case 'DescribeTaskDefinition':
      return describeTaskDefinition(request, ctx)
    default:
      throw new SimError('UnknownOperationException', `The sim does not implement ECS ${action}`)
  }
}

/** Whether a record exists yet at the sim's present. */
const here = (ctx: EcsContext) => (r: { at: number }) => r.at <= ctx.now

/** A cluster is known once created (or, for scenarios that list none, once a service is in it), INACTIVE ones too. */
function requireCluster(ctx: EcsContext, cluster: string): void {
  const known =
    ctx.records.ecsClusters.some(c => c.name === cluster && here(ctx)(c)) ||
    ctx.records.ecsServices.some(s => s.cluster === cluster && here(ctx)(s))
  if (!known) throw new SimError('ClusterNotFoundException', 'Cluster not found.')
}

/** Every task of the service ever started, forgotten ones included: the counts come from ECS's own memory. */
function tasksOf(ctx: EcsContext, service: SimEcsService): SimEcsTask[] {
  return ctx.records.ecsTasks.filter(
    t => t.cluster === service.cluster && t.service === service.name && here(ctx)(t)
  )
}

/** The tasks ListTasks and DescribeTasks still answer for: stopped ones only within the retention. */
const remembered = (t: SimEcsTask, now: number) =>
  t.stoppedAt === undefined || t.stoppedAt > now - STOPPED_TASK_RETENTION_MS

const isStopped = (t: SimEcsTask, now: number) => t.stoppedAt !== undefined && t.stoppedAt <= now
const isRunning = (t: SimEcsTask, now: number) =>
  t.startedAt !== undefined && t.startedAt <= now && !isStopped(t, now)

function describeServices(request: Request, ctx: EcsContext) {
  const cluster = clusterOf(request.cluster)
  requireCluster(ctx, cluster)
  const services: unknown[] = []
  const failures: unknown[] = []
  for (const wanted of (request.services as string[] | undefined) ?? []) {
    const service = ctx.records.ecsServices.findLast(
      s => s.cluster === cluster && s.name === lastPart(wanted) && here(ctx)(s)
    )
    if (!service) {
      failures.push({ arn: wanted, reason: 'MISSING' })
      continue
    }
    const tasks = tasksOf(ctx, service)
    const deleted = service.deletedAt !== undefined && service.deletedAt <= ctx.now
    const running = tasks.filter(t => isRunning(t, ctx.now)).length
    const pending = tasks.filter(t => !isRunning(t, ctx.now) && !isStopped(t, ctx.now)).length
    const failed = tasks.filter(
      t => isStopped(t, ctx.now) && (t.stopCode !== 'UserInitiated' || t.containers.some(c => c.exitCode))
    ).length
    const rolloutFailed = service.rolloutFailedAt !== undefined && service.rolloutFailedAt <= ctx.now
    const desired = deleted ? 0 : service.desiredCount
    services.push({
      serviceArn: serviceArn(service),
      serviceName: service.name,
      clusterArn: clusterArn(service),
      status: deleted ? 'INACTIVE' : 'ACTIVE',
      desiredCount: desired,
      runningCount: running,
      pendingCount: pending,
      launchType: 'FARGATE',
      taskDefinition: service.taskDefinition,
      loadBalancers: service.targetGroupArn
        ? [{ targetGroupArn: service.targetGroupArn, containerName: 'web', containerPort: 8080 }]
        : [],
      deployments: [
        {
          id: service.deploymentId,
          status: 'PRIMARY',
          taskDefinition: service.taskDefinition,
          desiredCount: desired,
          pendingCount: pending,
          runningCount: running,
          failedTasks: failed,
          createdAt: seconds(service.at),
          updatedAt: seconds(
            Math.max(service.at, ...tasks.map(t => t.stoppedAt ?? t.at).filter(at => at <= ctx.now))
          ),
          rolloutState: rolloutFailed ? 'FAILED' : 'IN_PROGRESS',
          rolloutStateReason: rolloutFailed
            ? (service.rolloutFailedReason ?? 'ECS deployment circuit breaker: tasks failed to start.')
            : `ECS deployment ${service.deploymentId} in progress.`
        }
      ],
      // Ids are derived from the event itself, so an event keeps its id as newer ones push it down the list.
      events: service.events
        .map((e, i) => ({ ...e, id: stableUuid(`${serviceArn(service)}#${service.at}#event#${i}`) }))
        .filter(e => e.at <= ctx.now)
        .sort((a, b) => b.at - a.at)
        .slice(0, 100)
        .map(e => ({ id: e.id, createdAt: seconds(e.at), message: e.message })),
      createdAt: seconds(service.at)
    })
  }
  return { services, failures }
}

function listTasks(request: Request, ctx: EcsContext) {
  const cluster = clusterOf(request.cluster)
  requireCluster(ctx, cluster)
  const wantStopped = request.desiredStatus === 'STOPPED'
  const serviceName = typeof request.serviceName === 'string' ? lastPart(request.serviceName) : undefined
  if (
    serviceName &&
    !ctx.records.ecsServices.some(s => s.cluster === cluster && s.name === serviceName && here(ctx)(s))
  )
    throw new SimError('ServiceNotFoundException', 'Service not found.')
  const tasks = ctx.records.ecsTasks
    .filter(t => t.cluster === cluster && here(ctx)(t) && (!serviceName || t.service === serviceName))
    .filter(t => remembered(t, ctx.now) && isStopped(t, ctx.now) === wantStopped)
    .sort((a, b) => (b.stoppedAt ?? b.at) - (a.stoppedAt ?? a.at))
  const size = typeof request.maxResults === 'number' ? Math.min(100, Math.max(1, request.maxResults)) : 100
  const cursor = readCursor(request.nextToken as string | undefined, ctx.now, 'InvalidParameterException')
  const { items, nextToken } = page(tasks, cursor, size)
  return { taskArns: items.map(taskArn), ...(nextToken ? { nextToken } : {}) }
}

function describeTasks(request: Request, ctx: EcsContext) {
  const cluster = clusterOf(request.cluster)
  requireCluster(ctx, cluster)
  const wanted = (request.tasks as string[] | undefined) ?? []
  if (wanted.length > 100)
    throw new SimError('InvalidParameterException', 'Tasks cannot be longer than 100 tasks.')
  const tasks: unknown[] = []
  const failures: unknown[] = []
  for (const id of wanted) {
    const task = ctx.records.ecsTasks.find(
      t => t.cluster === cluster && t.taskId === lastPart(id) && here(ctx)(t) && remembered(t, ctx.now)
    )
    if (!task) {
      failures.push({ arn: id, reason: 'MISSING' })
      continue
    }
    const stopped = isStopped(task, ctx.now)
    const running = isRunning(task, ctx.now)
    const status = stopped ? 'STOPPED' : running ? 'RUNNING' : 'PENDING'
    tasks.push({
      taskArn: taskArn(task),
      clusterArn: clusterArn(task),
      taskDefinitionArn: task.taskDefinition,
      group: `service:${task.service}`,
      startedBy: task.startedBy,
      lastStatus: status,
      desiredStatus: stopped ? 'STOPPED' : 'RUNNING',
      launchType: 'FARGATE',
      createdAt: seconds(task.at),
      ...(task.startedAt !== undefined && task.startedAt <= ctx.now
        ? { startedAt: seconds(task.startedAt) }
        : {}),
      ...(stopped
        ? {
            stoppingAt: seconds(task.stoppedAt),
            stoppedAt: seconds(task.stoppedAt),
            stopCode: task.stopCode,
            stoppedReason: task.stoppedReason
          }
        : {}),
      healthStatus: task.containers.some(c => c.healthStatus === 'UNHEALTHY') ? 'UNHEALTHY' : 'UNKNOWN',
      containers: task.containers.map(c => ({
        containerArn: `arn:aws:ecs:${task.region}:${task.account}:container/${task.cluster}/${task.taskId}/${c.name}`,
        taskArn: taskArn(task),
        name: c.name,
        lastStatus: stopped ? 'STOPPED' : running ? 'RUNNING' : 'PENDING',
        ...(stopped && c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
        ...(stopped && c.reason ? { reason: c.reason } : {}),
        healthStatus: c.healthStatus ?? 'UNKNOWN'
      }))
    })
  }
  return { tasks, failures }
}

function describeTaskDefinition(request: Request, ctx: EcsContext) {
  const wanted = String(request.taskDefinition ?? '')
  const definition = ctx.records.taskDefinitions.findLast(
    d =>
      (d.arn === wanted ||
        d.arn.endsWith(`:task-definition/${wanted}`) ||
        // A bare family means its latest revision.
        d.arn.includes(`:task-definition/${wanted}:`)) &&
      here(ctx)(d)
  )
  if (!definition) throw new SimError('ClientException', 'Unable to describe task definition.')
  const [family, revision] = definition.arn.split('/').pop()!.split(':')
  const deregistered = definition.deregisteredAt !== undefined && definition.deregisteredAt <= ctx.now
  return {
    taskDefinition: {
      taskDefinitionArn: definition.arn,
      family,
      revision: Number(revision),
      status: deregistered ? 'INACTIVE' : 'ACTIVE',
      registeredAt: seconds(definition.at),
      ...(deregistered ? { deregisteredAt: seconds(definition.deregisteredAt) } : {}),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: definition.containers.map(c => ({
        name: c.name,
        image: c.image,
        essential: c.essential,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        environment: Object.entries(c.environment ?? {}).map(([name, value]) => ({ name, value })),
        ...(c.logGroup
          ? {
              logConfiguration: {
                logDriver: 'awslogs',
                options: {
                  'awslogs-group': c.logGroup,
                  'awslogs-region': c.logRegion ?? definition.region,
                  ...(c.streamPrefix ? { 'awslogs-stream-prefix': c.streamPrefix } : {})
                }
              }
            }
          : {})
      }))
    }
  }
}
