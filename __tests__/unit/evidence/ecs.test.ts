import { describe, expect, it } from '@jest/globals'
import { collectEvidence } from '../../../src/core/evidence/collect.js'
import { parseServiceId } from '../../../src/core/evidence/ecs.js'
import { EvidenceGap, type EcsServiceView, type EcsTaskView } from '../../../src/core/evidence/types.js'
import { fakeReaders, MIN, T0, target } from './fake-readers.js'

const SERVICE_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/orders-cluster/orders-web'
const TASK_DEF = 'arn:aws:ecs:us-east-1:123456789012:task-definition/orders-web:7'
const TARGET_GROUP =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-web/0123456789abcdef'

function service(overrides: Partial<EcsServiceView> = {}): EcsServiceView {
  return {
    serviceArn: SERVICE_ARN,
    serviceName: 'orders-web',
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 0,
    pendingCount: 1,
    deployments: [
      {
        id: 'ecs-svc/111',
        status: 'PRIMARY',
        taskDefinition: TASK_DEF,
        desiredCount: 2,
        runningCount: 0,
        pendingCount: 1,
        failedTasks: 4,
        rolloutState: 'FAILED',
        rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.'
      }
    ],
    events: [],
    targetGroupArns: [],
    ...overrides
  }
}

function exited(n: number, exitCode = 1): EcsTaskView {
  const hex = String(n).padStart(32, 'a')
  return {
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/orders-cluster/${hex}`,
    taskDefinitionArn: TASK_DEF,
    startedBy: 'ecs-svc/111',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    startedAt: T0 + n * MIN,
    stoppedAt: T0 + n * MIN + 4000,
    containers: [{ name: 'web', exitCode }]
  }
}

const ecsTarget = target({ physicalResourceId: SERVICE_ARN })

describe('ECS service evidence', () => {
  it('reads cluster and service from every physical id form', () => {
    expect(parseServiceId(SERVICE_ARN)).toEqual({ cluster: 'orders-cluster', service: 'orders-web' })
    expect(parseServiceId('arn:aws:ecs:us-east-1:123456789012:service/legacy')).toEqual({
      cluster: 'default',
      service: 'legacy'
    })
    expect(parseServiceId('orders-web')).toEqual({ cluster: 'default', service: 'orders-web' })
  })

  it('names the exit code, shows the failing task log error lines and links its stream', async () => {
    const stream = `web/web/${String(3).padStart(32, 'a')}`
    const { readers, queries } = fakeReaders({
      services: { 'orders-cluster/orders-web': service() },
      tasks: [exited(1), exited(3), exited(2)],
      logConfigs: {
        [TASK_DEF]: [
          {
            containerName: 'web',
            essential: true,
            logDriver: 'awslogs',
            group: '/ecs/orders/web',
            streamPrefix: 'web'
          }
        ]
      },
      logs: {
        [`/ecs/orders/web|${stream}`]: [
          { timestamp: T0 + 3 * MIN, message: '> orders-api@2.4.0 start' },
          {
            timestamp: T0 + 3 * MIN + 1,
            message: 'config: DATABASE_URL=postgres://orders:s3cr3t-pw@db:5432/orders'
          },
          {
            timestamp: T0 + 3 * MIN + 2,
            message: "Error: Cannot find module '/app/dist/server.js' password=hunter2"
          }
        ]
      }
    })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    expect(evidence.verdict).toMatch(
      /^Container web exited with code 1 4s after it started \(3 stopped tasks/
    )
    // The newest stopped task's stream, read from its end.
    expect(queries[0]).toMatchObject({ group: '/ecs/orders/web', stream })
    expect(evidence.logLines.map(line => line.message)).toEqual([
      "Error: Cannot find module '/app/dist/server.js' password=***"
    ])
    expect(JSON.stringify(evidence)).not.toContain('s3cr3t-pw')
    expect(evidence.links.map(link => link.url).join(' ')).toContain(
      '$252Fecs$252Forders$252Fweb/log-events/web$252Fweb$252F'
    )
    expect(evidence.facts[0]!.text).toBe(
      'Service orders-web (ACTIVE): 0 of 2 tasks running (1 pending, 4 failed tasks); deployment ecs-svc/111 FAILED: ECS deployment circuit breaker: tasks failed to start.'
    )
    expect(evidence.gaps).toEqual([])
  })

  it('says plainly that the load balancer health check failed, with the target group and codes', async () => {
    const { readers } = fakeReaders({
      services: {
        'orders-cluster/orders-web': service({
          targetGroupArns: [TARGET_GROUP],
          events: [
            { createdAt: T0 + 2 * MIN, message: '(service orders-web) has started 1 tasks: (task aaa).' },
            {
              createdAt: T0 + 4 * MIN,
              message: `(service orders-web) (port 8080) is unhealthy in (target-group ${TARGET_GROUP}) due to (reason Health checks failed with these codes: [404]).`
            }
          ]
        })
      },
      tasks: [
        {
          ...exited(4, 143),
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: `Task failed ELB health checks in (target-group ${TARGET_GROUP})`
        }
      ]
    })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    expect(evidence.verdict).toBe(
      'The tasks started but failed the load balancer health check of target group orders-web: Health checks failed with these codes: [404]; ECS stopped 1 task for it.'
    )
    expect(evidence.facts.map(fact => fact.source)).toEqual([
      'ECS service',
      'ECS service event',
      'ECS service event',
      'stopped task'
    ])
  })

  it('folds repeated service events into one line with a count', async () => {
    const events = [1, 2, 3].map(n => ({
      createdAt: T0 + n * MIN,
      message: `(service orders-web) has started 1 tasks: (task ${String(n).repeat(32)}).`
    }))
    const { readers } = fakeReaders({ services: { 'orders-cluster/orders-web': service({ events }) } })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    const lines = evidence.facts.filter(fact => fact.source === 'ECS service event')
    expect(lines).toHaveLength(1)
    expect(lines[0]!.text).toMatch(/\(×3\)$/)
  })

  it('leaves out tasks of other deployments and outside the window', async () => {
    const { readers } = fakeReaders({
      services: { 'orders-cluster/orders-web': service() },
      tasks: [
        exited(2),
        { ...exited(3), startedBy: 'ecs-svc/999' },
        { ...exited(90), stoppedAt: T0 + 90 * MIN }
      ]
    })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    expect(evidence.facts.filter(fact => fact.source === 'stopped task')).toHaveLength(1)
  })

  it('turns a denied call into one line naming the permission, and still reports the rest', async () => {
    const { readers, calls } = fakeReaders({
      tasks: [exited(1)],
      fail: {
        'ecs:DescribeServices': new EvidenceGap('denied', 'ecs:DescribeServices', 'not authorized'),
        'ecs:DescribeTaskDefinition': new EvidenceGap(
          'denied',
          'ecs:DescribeTaskDefinition',
          'not authorized'
        )
      }
    })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    expect(calls).toEqual(['ecs:DescribeServices', 'ecs:ListTasks', 'ecs:DescribeTaskDefinition'])
    expect(evidence.gaps).toEqual([
      "ecs:DescribeServices was denied, so the report lacks the service's events and task counts; allow ecs:DescribeServices to the role that runs deploy-guard to see it.",
      "ecs:DescribeTaskDefinition was denied, so the report lacks the task definition's log settings (to find the container logs); allow ecs:DescribeTaskDefinition to the role that runs deploy-guard to see it."
    ])
    expect(evidence.verdict).toMatch(/^Container web exited with code 1/)
  })

  it('says when ECS no longer knows the service, and when there is no ARN to ask about', async () => {
    const gone = await collectEvidence(fakeReaders({}).readers, ecsTarget, 'us-east-1')
    expect(gone.gaps).toEqual(['ECS no longer knows the service orders-web in cluster orders-cluster.'])
    const { readers, loaded } = fakeReaders({})
    const unnamed = await collectEvidence(readers, target({}), 'us-east-1')
    expect(unnamed.gaps[0]).toMatch(/no service ARN/)
    expect(loaded).toEqual([])
  })

  it('a reader that throws something unexpected still yields evidence with a gap, never an exception', async () => {
    const { readers } = fakeReaders({ fail: { 'ecs:DescribeServices': new Error('socket hang up') } })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    expect(evidence.gaps).toEqual(["Could not read the service's events and task counts: socket hang up"])
  })
})

describe('a task killed for its container health check', () => {
  it('says which container was unhealthy, in the verdict and in the task line', async () => {
    const { readers } = fakeReaders({
      services: { 'orders-cluster/orders-web': service() },
      tasks: [
        {
          ...exited(2, 137),
          stopCode: 'TaskFailedToStart',
          stoppedReason: 'Task failed container health checks',
          containers: [{ name: 'web', exitCode: 137, healthStatus: 'UNHEALTHY' }]
        }
      ]
    })
    const evidence = await collectEvidence(readers, ecsTarget, 'us-east-1')
    expect(evidence.verdict).toBe(
      'The tasks failed their container health check (container web UNHEALTHY): Task failed container health checks.'
    )
    expect(evidence.facts.at(-1)!.text).toMatch(/web exited with code 137, health check UNHEALTHY\.$/)
  })
})
