import type { SimService } from './faults.js'
import type { Principal } from './principals.js'
import { SimError } from './world.js'

const IAM_PREFIX: Record<SimService, string> = {
  CloudFormation: 'cloudformation',
  CloudTrail: 'cloudtrail',
  ECS: 'ecs',
  RDS: 'rds',
  CloudWatchLogs: 'logs',
  STS: 'sts'
}

/** The region of a SigV4 `Credential=<key>/<date>/<region>/<service>/aws4_request` scope. */
export function regionOf(authorization: string | undefined): string {
  return /Credential=[^/,\s]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1] ?? 'us-east-1'
}

/** A request's parameters, whichever protocol carried them. */
type Parameters = { get(name: string): string | undefined }

function parametersOf(params: URLSearchParams | undefined, body: string): Parameters {
  if (params) return { get: name => params.get(name) ?? undefined }
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(body || '{}') as Record<string, unknown>
  } catch {
    // a malformed body still gets denied, on resource *
  }
  return {
    get: name => {
      const value = json[name]
      const first = Array.isArray(value) ? value[0] : value
      return typeof first === 'string' ? first : undefined
    }
  }
}

const lastPart = (value: string) => value.split('/').pop()!

/** The resource IAM names in the denial: the ARN the action was authorized against, or `*` where it has none. */
function resourceOf(
  service: SimService,
  action: string,
  p: Parameters,
  region: string,
  account: string
): string {
  const cluster = lastPart(p.get('cluster') ?? 'default')
  switch (service) {
    case 'ECS':
      if (action === 'DescribeServices')
        return `arn:aws:ecs:${region}:${account}:service/${cluster}/${lastPart(p.get('services') ?? '*')}`
      if (action === 'DescribeTasks')
        return `arn:aws:ecs:${region}:${account}:task/${cluster}/${lastPart(p.get('tasks') ?? '*')}`
      if (action === 'ListTasks') return `arn:aws:ecs:${region}:${account}:container-instance/${cluster}/*`
      return '*'
    case 'CloudWatchLogs': {
      const group = p.get('logGroupName') ?? '*'
      return `arn:aws:logs:${region}:${account}:log-group:${group}:log-stream:${p.get('logStreamName') ?? ''}`
    }
    case 'RDS': {
      const id = p.get('SourceIdentifier')
      if (!id) return `arn:aws:rds:${region}:${account}:*`
      return `arn:aws:rds:${region}:${account}:${p.get('SourceType') === 'db-cluster' ? 'cluster' : 'db'}:${id}`
    }
    case 'CloudFormation': {
      const stack = p.get('StackName')
      if (stack?.startsWith('arn:')) return stack
      return `arn:aws:cloudformation:${region}:${account}:stack/${stack ?? '*'}/*`
    }
    case 'CloudTrail':
    case 'STS':
      return '*'
  }
}

/**
 * What a role without the permission gets: `AccessDenied` for the query services (CloudFormation, RDS),
 * `AccessDeniedException` for the JSON ones, with IAM's message naming the caller, the action and the resource.
 */
export function accessDenied(
  service: SimService,
  action: string,
  principal: Principal,
  request: { params?: URLSearchParams; body: string; authorization?: string }
): SimError {
  const iamAction = `${IAM_PREFIX[service]}:${action}`
  const resource = resourceOf(
    service,
    action,
    parametersOf(request.params, request.body),
    regionOf(request.authorization),
    principal.accountId
  )
  const query = service === 'CloudFormation' || service === 'RDS' || service === 'STS'
  return new SimError(
    query ? 'AccessDenied' : 'AccessDeniedException',
    `User: ${principal.arn} is not authorized to perform: ${iamAction} on resource: ${resource} ` +
      `because no identity-based policy allows the ${iamAction} action`,
    // The query services answer 403, the JSON ones 400 (their models say so); the SDK names the error by code.
    query ? 403 : 400
  )
}
