import { describe, expect, it } from '@jest/globals'
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand
} from '@aws-sdk/client-ecs'
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import { DescribeEventsCommand, RDSClient } from '@aws-sdk/client-rds'
import { mockClient } from 'aws-sdk-client-mock'
import { readdirSync, readFileSync } from 'node:fs'
import { createEcsReader } from '../../../src/aws/evidence/ecs.js'
import { createLogsReader } from '../../../src/aws/evidence/logs.js'
import { createRdsReader } from '../../../src/aws/evidence/rds.js'
import { EvidenceGap } from '../../../src/core/evidence/types.js'

const settings = { region: 'us-east-1', maxAttempts: 1 }

function denied(action: string): Error {
  return Object.assign(
    new Error(
      `User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: ${action}`
    ),
    {
      name: 'AccessDeniedException'
    }
  )
}

describe('the SDK readers behind the evidence', () => {
  it('turn AccessDenied into a gap that names the IAM action', async () => {
    const ecs = mockClient(ECSClient)
    ecs.on(DescribeServicesCommand).rejects(denied('ecs:DescribeServices'))
    const error = await createEcsReader(settings)
      .describeService('c', 's')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EvidenceGap)
    expect(error).toMatchObject({ kind: 'denied', permission: 'ecs:DescribeServices' })
    ecs.restore()

    const rds = mockClient(RDSClient)
    rds.on(DescribeEventsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }))
    await expect(createRdsReader(settings).events('db-instance', 'db', 0, 1)).rejects.toMatchObject({
      permission: 'rds:DescribeEvents'
    })
    rds.restore()
  })

  it('copy only names and log settings from a task definition, never its environment or secrets', async () => {
    const ecs = mockClient(ECSClient)
    ecs.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: {
        containerDefinitions: [
          {
            name: 'web',
            essential: true,
            environment: [{ name: 'DATABASE_URL', value: 'postgres://u:s3cr3t@db/orders' }],
            secrets: [{ name: 'API_KEY', valueFrom: 'arn:aws:secretsmanager:us-east-1:1:secret:k' }],
            logConfiguration: {
              logDriver: 'awslogs',
              options: {
                'awslogs-group': '/ecs/web',
                'awslogs-region': 'eu-west-1',
                'awslogs-stream-prefix': 'web'
              }
            }
          },
          { name: 'sidecar', essential: false, logConfiguration: { logDriver: 'fluentd', options: {} } }
        ]
      }
    })
    const configs = await createEcsReader(settings).containerLogs('arn:td')
    expect(configs).toEqual([
      {
        containerName: 'web',
        essential: true,
        logDriver: 'awslogs',
        group: '/ecs/web',
        region: 'eu-west-1',
        streamPrefix: 'web'
      },
      { containerName: 'sidecar', essential: false, logDriver: 'fluentd' }
    ])
    expect(JSON.stringify(configs)).not.toMatch(/s3cr3t|secretsmanager/)
    ecs.restore()
  })

  it('read stopped tasks with one ListTasks and one DescribeTasks, and none when there are none', async () => {
    const ecs = mockClient(ECSClient)
    ecs
      .on(ListTasksCommand)
      .resolvesOnce({ taskArns: ['arn:t/1'] })
      .resolvesOnce({ taskArns: [] })
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [{ taskArn: 'arn:t/1', stoppedAt: new Date(5000), containers: [{ name: 'web', exitCode: 1 }] }]
    })
    const reader = createEcsReader(settings)
    expect(await reader.stoppedTasks('c', 's', 20)).toEqual([
      { taskArn: 'arn:t/1', stoppedAt: 5000, containers: [{ name: 'web', exitCode: 1 }] }
    ])
    expect(ecs.commandCalls(ListTasksCommand)[0]!.args[0].input).toEqual({
      cluster: 'c',
      serviceName: 's',
      desiredStatus: 'STOPPED',
      maxResults: 20
    })
    expect(await reader.stoppedTasks('c', 's', 20)).toEqual([])
    expect(ecs.commandCalls(DescribeTasksCommand)).toHaveLength(1)
    ecs.restore()
  })

  it('page a log group search and keep the newest lines', async () => {
    const logs = mockClient(CloudWatchLogsClient)
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({
        events: [
          { timestamp: 1, message: 'ERROR a' },
          { timestamp: 2, message: 'ERROR b' }
        ],
        nextToken: 'n'
      })
      .resolvesOnce({ events: [{ timestamp: 3, message: 'ERROR c', logStreamName: 's' }] })
    const lines = await createLogsReader(settings).recentLines({
      group: '/g',
      startMs: 0,
      endMs: 9,
      pattern: '?ERROR',
      limit: 2
    })
    expect(lines).toEqual([
      { timestamp: 2, message: 'ERROR b' },
      { timestamp: 3, message: 'ERROR c', stream: 's' }
    ])
    expect(logs.commandCalls(FilterLogEventsCommand)[1]!.args[0].input.nextToken).toBe('n')
    logs.restore()
  })
})

describe('the bundles', () => {
  // The common path (lock, watch a healthy deploy) must not load or even parse ECS, RDS or CloudWatch Logs: their
  // clients (named by their service namespaces) live only in chunks that index.js loads with a dynamic import.
  const evidenceServices = ['com.amazonaws.ecs', 'com.amazonaws.rds', 'com.amazonaws.cloudwatchlogs']
  const staticChunks = (code: string) =>
    [...code.matchAll(/^(?:var|const|let) \w+ = require\('\.\/(chunk-[^']+)'\);$/gm)].map(match => match[1]!)

  it.each(['main', 'watch', 'diagnose', 'lock-post', 'cli'])(
    'keep the evidence clients out of what dist/%s/index.js loads at start',
    entry => {
      const read = (name: string) => readFileSync(`dist/${entry}/${name}`, 'utf8')
      const atStart = ['index.js', ...staticChunks(read('index.js'))].map(read).join('\n')
      const lazy = readdirSync(`dist/${entry}`)
        .filter(name => /^chunk-.*\.js$/.test(name))
        .map(read)
        .join('\n')
      for (const service of evidenceServices) {
        expect(atStart).not.toContain(service)
        expect(lazy).toContain(service)
      }
    }
  )
})
