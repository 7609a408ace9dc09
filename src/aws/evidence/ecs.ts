import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type Service,
  type Task
} from '@aws-sdk/client-ecs'
import type { EcsReader, EcsServiceView, EcsTaskView } from '../../core/evidence/types.js'
import { type AwsSettings, commonConfig } from '../clients.js'
import { read } from './gap.js'

const ms = (date: Date | undefined) => (date ? { value: date.getTime() } : undefined)

/** ECS through the SDK: the few fields the evidence rules read, converted once here. */
export function createEcsReader(settings: AwsSettings): EcsReader {
  const ecs = new ECSClient(commonConfig(settings))
  return {
    async describeService(cluster, service) {
      const reply = await read('ecs:DescribeServices', () =>
        ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))
      )
      const found = reply.services?.[0]
      return found ? toServiceView(found) : undefined
    },
    async stoppedTasks(cluster, service, limit) {
      const listed = await read('ecs:ListTasks', () =>
        ecs.send(
          new ListTasksCommand({ cluster, serviceName: service, desiredStatus: 'STOPPED', maxResults: limit })
        )
      )
      const arns = listed.taskArns ?? []
      if (arns.length === 0) return []
      const described = await read('ecs:DescribeTasks', () =>
        ecs.send(new DescribeTasksCommand({ cluster, tasks: arns.slice(0, 100) }))
      )
      return (described.tasks ?? []).map(toTaskView)
    },
    async containerLogs(taskDefinition) {
      const reply = await read('ecs:DescribeTaskDefinition', () =>
        ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }))
      )
      // Only names and log options are copied: environment and secrets never leave the SDK reply.
      return (reply.taskDefinition?.containerDefinitions ?? []).map(container => {
        const options = container.logConfiguration?.options ?? {}
        return {
          containerName: container.name ?? '',
          essential: container.essential !== false,
          ...(container.logConfiguration?.logDriver
            ? { logDriver: container.logConfiguration.logDriver }
            : {}),
          ...(container.logConfiguration?.logDriver === 'awslogs' && options['awslogs-group']
            ? {
                group: options['awslogs-group'],
                ...(options['awslogs-region'] ? { region: options['awslogs-region'] } : {}),
                ...(options['awslogs-stream-prefix']
                  ? { streamPrefix: options['awslogs-stream-prefix'] }
                  : {})
              }
            : {})
        }
      })
    }
  }
}

function toServiceView(service: Service): EcsServiceView {
  return {
    serviceArn: service.serviceArn ?? '',
    serviceName: service.serviceName ?? '',
    status: service.status ?? 'UNKNOWN',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    deployments: (service.deployments ?? []).map(deployment => ({
      id: deployment.id ?? '',
      status: deployment.status ?? '',
      ...(deployment.taskDefinition ? { taskDefinition: deployment.taskDefinition } : {}),
      desiredCount: deployment.desiredCount ?? 0,
      runningCount: deployment.runningCount ?? 0,
      pendingCount: deployment.pendingCount ?? 0,
      failedTasks: deployment.failedTasks ?? 0,
      ...(deployment.rolloutState ? { rolloutState: deployment.rolloutState } : {}),
      ...(deployment.rolloutStateReason ? { rolloutStateReason: deployment.rolloutStateReason } : {})
    })),
    events: (service.events ?? []).map(event => ({
      createdAt: event.createdAt?.getTime() ?? 0,
      message: event.message ?? ''
    })),
    targetGroupArns: (service.loadBalancers ?? []).flatMap(lb =>
      lb.targetGroupArn ? [lb.targetGroupArn] : []
    )
  }
}

function toTaskView(task: Task): EcsTaskView {
  const startedAt = ms(task.startedAt)
  const stoppedAt = ms(task.stoppedAt)
  return {
    taskArn: task.taskArn ?? '',
    ...(task.taskDefinitionArn ? { taskDefinitionArn: task.taskDefinitionArn } : {}),
    ...(task.startedBy ? { startedBy: task.startedBy } : {}),
    ...(task.stopCode ? { stopCode: task.stopCode } : {}),
    ...(task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
    ...(startedAt ? { startedAt: startedAt.value } : {}),
    ...(stoppedAt ? { stoppedAt: stoppedAt.value } : {}),
    ...(task.healthStatus ? { healthStatus: task.healthStatus } : {}),
    containers: (task.containers ?? []).map(container => ({
      name: container.name ?? '',
      ...(container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
      ...(container.reason ? { reason: container.reason } : {}),
      ...(container.healthStatus ? { healthStatus: container.healthStatus } : {})
    }))
  }
}
