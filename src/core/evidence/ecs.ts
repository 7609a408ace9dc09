import { formatDuration } from '../duration.js'
import { attempt } from './gaps.js'
import { lastErrorLines, logGroupUrl } from './logs.js'
import type {
  Evidence,
  EvidenceFact,
  EvidenceReaders,
  EvidenceTarget,
  EcsServiceView,
  EcsTaskView
} from './types.js'
import { consoleUrl } from '../console-url.js'

/** Stopped tasks read per service: enough to see a pattern, one DescribeTasks call. */
const STOPPED_TASKS_READ = 20
const STOPPED_TASKS_SHOWN = 5
const SERVICE_EVENTS_SHOWN = 8
/** Service events and stopped tasks this long before the resource started still explain it. */
const LEAD_MS = 60_000
/** …and this long after it ended (the circuit breaker's message comes with the failure or just after). */
const TRAIL_MS = 5 * 60_000

/** `arn:aws:ecs:<region>:<account>:service/<cluster>/<name>` (or the old form without the cluster, or a bare name). */
export function parseServiceId(physicalId: string): { cluster: string; service: string } {
  const resource = physicalId.startsWith('arn:') ? physicalId.split(':').slice(5).join(':') : ''
  const parts = resource.split('/')
  if (parts[0] === 'service' && parts.length === 3) return { cluster: parts[1]!, service: parts[2]! }
  if (parts[0] === 'service' && parts.length === 2) return { cluster: 'default', service: parts[1]! }
  return { cluster: 'default', service: physicalId }
}

export function serviceConsoleUrl(region: string, cluster: string, service: string): string {
  return consoleUrl(
    region,
    `ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/events?region=${region}`
  )
}

/** Service events, stopped tasks with exit codes, the plain-language reason, and the failing task's log lines. */
export async function ecsServiceEvidence(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  region: string,
  evidence: Evidence
): Promise<void> {
  if (!target.physicalResourceId) {
    evidence.gaps.push('CloudFormation recorded no service ARN for it, so ECS cannot be asked about it.')
    return
  }
  const { cluster, service: serviceName } = parseServiceId(target.physicalResourceId)
  evidence.links.push({
    label: `ECS service ${serviceName} events`,
    url: serviceConsoleUrl(region, cluster, serviceName)
  })
  const ecs = await readers.ecs()
  const from = target.since - LEAD_MS
  const to = target.until + TRAIL_MS

  const known = await attempt(
    evidence,
    ecs.describeService(cluster, serviceName).then(service => ({ service })),
    "the service's events and task counts"
  )
  const service = known?.service
  if (known && !service)
    evidence.gaps.push(`ECS no longer knows the service ${serviceName} in cluster ${cluster}.`)
  const tasks = await attempt(
    evidence,
    ecs.stoppedTasks(cluster, serviceName, STOPPED_TASKS_READ),
    'its stopped tasks, exit codes and stop reasons',
    []
  )
  const deploymentIds = new Set(service?.deployments.map(deployment => deployment.id) ?? [])
  const stopped = tasks
    .filter(task => (task.stoppedAt ?? 0) >= from && (task.stoppedAt ?? 0) <= to)
    .filter(task => deploymentIds.size === 0 || !task.startedBy || deploymentIds.has(task.startedBy))
    .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0))

  const facts: EvidenceFact[] = []
  if (service) {
    facts.push({ source: 'ECS service', text: serviceCounts(service) })
    const events = service.events
      .filter(event => event.createdAt >= from && event.createdAt <= to)
      .sort((a, b) => a.createdAt - b.createdAt)
    for (const event of collapseRepeats(events).slice(-SERVICE_EVENTS_SHOWN))
      facts.push({ time: event.createdAt, source: 'ECS service event', text: event.message })
  }
  for (const task of stopped.slice(0, STOPPED_TASKS_SHOWN).reverse())
    facts.push({
      ...(task.stoppedAt ? { time: task.stoppedAt } : {}),
      source: 'stopped task',
      text: describeTask(task)
    })
  if (stopped.length > STOPPED_TASKS_SHOWN)
    facts.push({
      source: 'stopped task',
      text: `${stopped.length - STOPPED_TASKS_SHOWN} more stopped tasks in the window.`
    })
  evidence.facts.push(...facts)

  const verdict = ecsVerdict(service, stopped)
  if (verdict) evidence.verdict = verdict
  await addTaskLogs(readers, evidence, stopped, region, from, to)
}

/** `0 of 2 tasks running (1 pending); deployment ecs-svc/1 FAILED: tasks failed to start.` */
export function serviceCounts(service: EcsServiceView): string {
  const primary = service.deployments.find(deployment => deployment.status === 'PRIMARY')
  const rollout = primary?.rolloutState
    ? `; deployment ${primary.id} ${primary.rolloutState}${primary.rolloutStateReason ? `: ${primary.rolloutStateReason.replace(/\.$/, '')}` : ''}`
    : ''
  const failed = primary?.failedTasks ? `, ${primary.failedTasks} failed tasks` : ''
  return (
    `Service ${service.serviceName} (${service.status}): ${service.runningCount} of ${service.desiredCount} tasks running` +
    ` (${service.pendingCount} pending${failed})${rollout}.`
  )
}

/** `Essential container in task exited: web exited with code 1 after 4s.` */
export function describeTask(task: EcsTaskView): string {
  const taskId = task.taskArn.split('/').pop() ?? task.taskArn
  const containers = task.containers
    .filter(
      container =>
        container.exitCode !== undefined || container.reason || container.healthStatus === 'UNHEALTHY'
    )
    .map(container => {
      const exit = container.exitCode !== undefined ? ` exited with code ${container.exitCode}` : ''
      const reason = container.reason ? ` (${container.reason})` : ''
      const health = container.healthStatus === 'UNHEALTHY' ? ', health check UNHEALTHY' : ''
      return `${container.name}${exit}${reason}${health}`
    })
  const ran =
    task.startedAt !== undefined && task.stoppedAt !== undefined
      ? ` after running ${formatDuration(task.stoppedAt - task.startedAt)}`
      : task.startedAt === undefined
        ? ' before it started'
        : ''
  return `Task ${taskId} stopped${ran}: ${task.stoppedReason ?? task.stopCode ?? 'no reason recorded'}${containers.length ? `; ${containers.join(', ')}` : ''}.`
}

/**
 * The sentence an engineer would write after reading the service events and the stopped tasks. Load-balancer and
 * container health checks first (tasks that run but are killed), then tasks that could not start, then exit codes.
 */
export function ecsVerdict(service: EcsServiceView | undefined, stopped: EcsTaskView[]): string | undefined {
  const events = [...(service?.events ?? [])].sort((a, b) => b.createdAt - a.createdAt)
  const unhealthy = events.find(event => /is unhealthy in \(target-group/.test(event.message))
  const elbStopped = stopped.find(task => /ELB health checks?/i.test(task.stoppedReason ?? ''))
  if (unhealthy || elbStopped) {
    const targetGroup =
      /target-group (arn:[^)\s]+)/.exec(unhealthy?.message ?? elbStopped?.stoppedReason ?? '')?.[1] ??
      service?.targetGroupArns[0]
    const because = /due to \(reason (.*)\)\.?\s*$/.exec(unhealthy?.message ?? '')?.[1]
    const count = stopped.filter(task => /ELB health checks?/i.test(task.stoppedReason ?? '')).length
    return (
      `The tasks started but failed the load balancer health check${targetGroup ? ` of target group ${targetGroupName(targetGroup)}` : ''}` +
      `${because ? `: ${because}` : ''}${count ? `; ECS stopped ${count} task${count === 1 ? '' : 's'} for it` : ''}.`
    )
  }
  const containerUnhealthy = stopped.find(task => /container health checks?/i.test(task.stoppedReason ?? ''))
  if (containerUnhealthy) {
    const sick = containerUnhealthy.containers.find(container => container.healthStatus === 'UNHEALTHY')
    return `The tasks failed their container health check${sick ? ` (container ${sick.name} UNHEALTHY)` : ''}: ${containerUnhealthy.stoppedReason}.`
  }
  const couldNotStart = stopped.find(
    task =>
      task.stopCode === 'TaskFailedToStart' ||
      /CannotPull|ResourceInitializationError|CannotStart|CannotCreate|OutOfMemory/i.test(
        `${task.stoppedReason ?? ''} ${task.containers.map(container => container.reason ?? '').join(' ')}`
      )
  )
  if (couldNotStart) {
    const reason = couldNotStart.containers.find(container => container.reason)?.reason
    return `The tasks could not start: ${couldNotStart.stoppedReason ?? couldNotStart.stopCode}${reason ? ` (${reason})` : ''}.`
  }
  const crashed = stopped.filter(task =>
    task.containers.some(container => container.exitCode !== undefined && container.exitCode !== 0)
  )
  if (crashed.length > 0) {
    const newest = crashed[0]!
    const container = newest.containers.find(c => c.exitCode !== undefined && c.exitCode !== 0)!
    const ran =
      newest.startedAt !== undefined && newest.stoppedAt !== undefined
        ? ` ${formatDuration(newest.stoppedAt - newest.startedAt)} after it started`
        : ''
    return (
      `Container ${container.name} exited with code ${container.exitCode}${ran}` +
      ` (${crashed.length} stopped task${crashed.length === 1 ? '' : 's'} the same way); its log lines below say why.`
    )
  }
  const placement = events.find(event => /unable to place a task|was unable to/i.test(event.message))
  if (placement) return `ECS could not place the tasks: ${placement.message}`
  if (service && service.runningCount < service.desiredCount)
    return `Only ${service.runningCount} of ${service.desiredCount} tasks were running and ECS recorded no stopped task in the window.`
  return undefined
}

function targetGroupName(arn: string): string {
  return /targetgroup\/([^/]+)/.exec(arn)?.[1] ?? arn
}

/** ECS repeats "has started 1 tasks" every few seconds: one line per distinct message, with a count. */
function collapseRepeats(
  events: { createdAt: number; message: string }[]
): { createdAt: number; message: string }[] {
  const shape = (message: string) => message.replace(/\b[0-9a-f]{32}\b|\(task [^)]*\)/g, '…')
  const out: { createdAt: number; message: string; count: number }[] = []
  for (const event of events) {
    const last = out.at(-1)
    if (last && shape(last.message) === shape(event.message)) {
      last.count++
      last.createdAt = event.createdAt
    } else out.push({ ...event, count: 1 })
  }
  return out.map(event => ({
    createdAt: event.createdAt,
    message: event.count > 1 ? `${event.message} (×${event.count})` : event.message
  }))
}

/** The newest failed task's essential container: its awslogs stream, a console link and its last error lines. */
async function addTaskLogs(
  readers: EvidenceReaders,
  evidence: Evidence,
  stopped: EcsTaskView[],
  region: string,
  from: number,
  to: number
): Promise<void> {
  const task = stopped.find(candidate => candidate.taskDefinitionArn)
  if (!task?.taskDefinitionArn) return
  const ecs = await readers.ecs()
  const configs = await attempt(
    evidence,
    ecs.containerLogs(task.taskDefinitionArn),
    "the task definition's log settings (to find the container logs)",
    []
  )
  const failedName =
    task.containers.find(container => container.exitCode !== undefined && container.exitCode !== 0)?.name ??
    task.containers[0]?.name
  const config =
    configs.find(candidate => candidate.containerName === failedName && candidate.group) ??
    configs.find(candidate => candidate.essential && candidate.group)
  if (!config?.group) {
    if (configs.length)
      evidence.gaps.push('The containers do not log to CloudWatch Logs (no awslogs driver).')
    return
  }
  const taskId = task.taskArn.split('/').pop() ?? ''
  const stream = config.streamPrefix ? `${config.streamPrefix}/${config.containerName}/${taskId}` : undefined
  const logRegion = config.region ?? region
  evidence.links.push({
    label: `Logs of task ${taskId.slice(0, 8)}… (${config.containerName})`,
    url: logGroupUrl(logRegion, config.group, stream)
  })
  const logs = await readers.logs()
  const lines = await attempt(
    evidence,
    lastErrorLines(logs, { group: config.group, ...(stream ? { stream } : {}), startMs: from, endMs: to }),
    `the last error lines of ${config.group}`,
    []
  )
  evidence.logLines.push(...lines)
}

/** While a service is still creating or updating: counts, the last stopped task and the newest service event. */
export async function ecsWaitingLine(readers: EvidenceReaders, target: EvidenceTarget): Promise<string> {
  if (!target.physicalResourceId) return 'waiting for CloudFormation to create the service.'
  const { cluster, service: serviceName } = parseServiceId(target.physicalResourceId)
  const ecs = await readers.ecs()
  const service = await ecs.describeService(cluster, serviceName)
  if (!service) return `ECS does not know the service ${serviceName} yet.`
  const parts = [serviceCounts(service)]
  if (service.runningCount < service.desiredCount) {
    const stopped = (await ecs.stoppedTasks(cluster, serviceName, 5).catch(() => []))
      .filter(task => (task.stoppedAt ?? 0) >= target.since)
      .sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0))
    if (stopped[0]) parts.push(`Last stopped: ${describeTask(stopped[0])}`)
  }
  const newest = [...service.events].sort((a, b) => b.createdAt - a.createdAt)[0]
  if (newest && newest.createdAt >= target.since) parts.push(`Latest service event: ${newest.message}`)
  return parts.join(' ')
}
