import type {
  ContainerLogConfig,
  EcsServiceView,
  EcsTaskView,
  EvidenceReaders,
  EvidenceTarget,
  LogLine,
  LogQuery,
  RdsEventView
} from '../../../src/core/evidence/types.js'

export const T0 = Date.parse('2026-11-22T09:00:00Z')
export const MIN = 60_000

/** In-memory ECS, RDS and Logs answers, recording every call; a `fail` entry makes that call throw. */
export function fakeReaders(data: {
  services?: Record<string, EcsServiceView>
  tasks?: EcsTaskView[]
  logConfigs?: Record<string, ContainerLogConfig[]>
  rdsEvents?: Record<string, RdsEventView[]>
  logs?: Record<string, LogLine[]>
  fail?: Record<string, unknown>
}) {
  const calls: string[] = []
  const loaded: string[] = []
  const call = <T>(name: string, value: () => T): Promise<T> => {
    calls.push(name)
    if (data.fail?.[name] !== undefined) return Promise.reject(data.fail[name])
    return Promise.resolve(value())
  }
  const queries: LogQuery[] = []
  const readers: EvidenceReaders = {
    ecs: async () => {
      loaded.push('ecs')
      return {
        describeService: (cluster, service) =>
          call('ecs:DescribeServices', () => data.services?.[`${cluster}/${service}`]),
        stoppedTasks: (_cluster, _service, limit) =>
          call('ecs:ListTasks', () => (data.tasks ?? []).slice(0, limit)),
        containerLogs: arn => call('ecs:DescribeTaskDefinition', () => data.logConfigs?.[arn] ?? [])
      }
    },
    rds: async () => {
      loaded.push('rds')
      return { events: (_type, id) => call('rds:DescribeEvents', () => data.rdsEvents?.[id] ?? []) }
    },
    logs: async () => {
      loaded.push('logs')
      return {
        recentLines: query => {
          queries.push(query)
          return call(query.stream ? 'logs:GetLogEvents' : 'logs:FilterLogEvents', () =>
            (data.logs?.[`${query.group}|${query.stream ?? ''}`] ?? []).slice(-query.limit)
          )
        }
      }
    }
  }
  return { readers, calls, loaded, queries }
}

export function target(overrides: Partial<EvidenceTarget>): EvidenceTarget {
  return {
    stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/OrdersStack/1',
    stackName: 'OrdersStack',
    logicalResourceId: 'WebService',
    resourceType: 'AWS::ECS::Service',
    nestedPath: [],
    since: T0,
    until: T0 + 10 * MIN,
    ...overrides
  }
}
