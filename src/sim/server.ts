import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cloudFormationError, handleCloudFormation } from './cloudformation.js'
import { createLookupLimiter, lookupEvents } from './cloudtrail.js'
import { createSimClock, type SimClock } from './clock.js'
import { handleControl } from './control.js'
import { accessDenied, regionOf } from './deny.js'
import { handleEcs } from './ecs.js'
import { createFaults, type Faults, type SimService } from './faults.js'
import { handleLogs } from './logs.js'
import { handleRds, rdsError } from './rds.js'
import {
  accessKeyOf,
  DEFAULT_ACCOUNT,
  incidentPrincipals,
  principalFor,
  principalMap,
  type Principal
} from './principals.js'
import { EXECUTE_AT, scenarios, type ScenarioContext } from './scenarios/index.js'
import { playTemplate } from './scenarios/template.js'
import type { Script } from './script.js'
import { handleSts, stsError } from './sts.js'
import { parseTemplate, SIM_METADATA_KEY, simChoice } from './templates.js'
import type { Stage } from './query.js'
import { SimError, World, type SimChangeSet } from './world.js'

/** Simulated time kept free between a change set's creation and the end of the operation it will start. */
const CHANGE_SET_HEADROOM_MS = 2 * 60 * 60_000

export interface SimOptions {
  host?: string
  /** 0 (the default) picks a free port. */
  port?: number
  /** Access keys the sim knows, on top of the INCIDENTS.md principals. */
  principals?: Principal[]
  /** LookupEvents requests per second per account before ThrottlingException; CloudTrail's is 2. */
  cloudTrailRatePerSecond?: number
  /** Delay before a CloudTrail record shows up in LookupEvents (real CloudTrail: about 5–15 minutes). */
  cloudTrailDeliveryDelayMs?: number
  /** Wall time (epoch ms) for the sim clock and the CloudTrail rate limit; tests freeze it. */
  wallNow?: () => number
}

export interface DeployOptions {
  region?: string
  account?: string
  terminationProtection?: boolean
  /** Scenario-specific settings, e.g. `{ cleanup: false }` or `{ resourcesPerStack: 200 }`. */
  options?: Record<string, unknown>
  /**
   * `now` (default): the deploy starts at the sim's present and the clock's lag grows to the scenario's span,
   * so the timeline plays as the clock advances. `past`: it has already played out, ending at the present.
   */
  startAt?: 'now' | 'past'
  /**
   * Extra lag beyond the scenario's span, kept so operations started later through the API (a DeleteStack)
   * still have simulated time to play out fast before the sim reaches real time.
   */
  headroomMs?: number
}

export interface StackState {
  name: string
  id: string
  status: string
  terminationProtection: boolean
  parentId?: string
}

export interface Sim {
  url: string
  clock: SimClock
  world: World
  faults: Faults
  /** Requests received per `Service.Action` (e.g. `CloudFormation.DescribeStacks`), faulted ones included. */
  readonly calls: Record<string, number>
  resetCalls(): void
  deploy(
    stackName: string,
    scenario: string,
    options?: DeployOptions
  ): { stackId: string; startedAt: number; span: number }
  /** A DeleteStack as `principal` (default: CDK's role), with the same rules as the API. */
  deleteStack(stackName: string, principal?: Principal | string): void
  state(): { now: number; lag: number; stacks: StackState[] }
  close(): Promise<void>
}

export async function startSim(options: SimOptions = {}): Promise<Sim> {
  const clock = createSimClock(options.wallNow)
  const world = new World()
  const faults = createFaults()
  const people = incidentPrincipals()
  const principals = principalMap([...Object.values(people), ...(options.principals ?? [])])
  const allowLookup = createLookupLimiter(options.cloudTrailRatePerSecond ?? 2, options.wallNow)
  let calls: Record<string, number> = {}

  const server = createServer((req, res) => {
    serve(req, res).catch(error => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' })
      res.end(String(error?.stack ?? error))
    })
  })

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req)
    const path = new URL(req.url ?? '/', 'http://sim').pathname
    if (path.startsWith('/_sim/')) return control(req.method ?? 'GET', path, body, res)

    const target = req.headers['x-amz-target']
    const params = typeof target === 'string' ? undefined : new URLSearchParams(body)
    const service = serviceOf(target, params)
    const action = params ? (params.get('Action') ?? '') : String(target).split('.').pop()!
    calls[`${service}.${action}`] = (calls[`${service}.${action}`] ?? 0) + 1
    const principal = principalFor(principals, accessKeyOf(req.headers.authorization))
    const requestId = randomUUID()

    const fault = faults.decide(service, action)
    if (fault.delayMs) await new Promise(resolve => setTimeout(resolve, fault.delayMs))
    if (fault.failure === 'drop') return void req.socket.destroy()
    let injected: SimError | undefined
    if (fault.failure === 'throttle')
      injected = new SimError(
        service === 'CloudTrail' ? 'ThrottlingException' : 'Throttling',
        'Rate exceeded'
      )
    if (fault.failure === 'server-error')
      injected = new SimError('InternalFailure', 'We encountered an internal error.', 500)
    if (fault.failure === 'deny')
      injected = accessDenied(service, action, principal, {
        params,
        body,
        authorization: req.headers.authorization
      })

    world.settle(clock.now())
    if (service === 'STS') {
      const reply = injected ? stsError(injected, requestId) : handleSts(params!, { principal, requestId })
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
      return void res.end(reply.body)
    }
    if (service === 'RDS') {
      const reply = injected
        ? rdsError(injected, requestId)
        : handleRds(params!, { records: world.services, now: clock.now(), requestId })
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
      return void res.end(reply.body)
    }
    if (params) {
      const reply = injected
        ? cloudFormationError(injected, requestId)
        : handleCloudFormation(params, {
            world,
            now: clock.now(),
            principal,
            requestId,
            region: regionOf(req.headers.authorization),
            stage
          })
      res.writeHead(reply.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
      return void res.end(reply.body)
    }
    let status = 200
    let reply: unknown
    try {
      if (injected) throw injected
      const request = JSON.parse(body || '{}') as Record<string, unknown>
      if (service === 'ECS') reply = handleEcs(action, request, { records: world.services, now: clock.now() })
      else if (service === 'CloudWatchLogs')
        reply = handleLogs(action, request, { records: world.services, now: clock.now() })
      else reply = cloudTrail(request)
    } catch (error) {
      if (!(error instanceof SimError)) throw error
      status = error.status
      reply = { __type: error.code, message: error.message }
    }
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId })
    res.end(JSON.stringify(reply))

    function cloudTrail(request: Record<string, unknown>): unknown {
      if (action !== 'LookupEvents')
        throw new SimError('UnknownOperationException', `The sim does not implement ${action}`)
      if (!allowLookup(principal.accountId)) throw new SimError('ThrottlingException', 'Rate exceeded')
      return lookupEvents(request as never, {
        world,
        now: clock.now(),
        deliveryDelayMs: options.cloudTrailDeliveryDelayMs ?? 0
      })
    }
  }

  async function control(method: string, path: string, body: string, res: ServerResponse): Promise<void> {
    let status = 200
    let reply: unknown
    try {
      reply = await handleControl(sim, method, path, body)
    } catch (error) {
      status = error instanceof SimError ? error.status : 400
      reply = { error: error instanceof Error ? error.message : String(error) }
    }
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(reply))
  }

  /**
   * Makes the clock lag by at least `lag` ms, so that much simulated time can still play out fast. Rather than rewinding
   * the clock (and un-happening what callers already saw), the past is shifted, keeping every duration and status.
   */
  function makeRoom(lag: number): void {
    const deficit = lag - clock.lag()
    if (deficit > 0) {
      world.shiftPast(deficit)
      clock.setLag(lag)
    }
  }

  /**
   * The script a change set plays: the scenario its template names in its `DeployGuardSim` metadata, from its
   * execution on, or else the template itself. The seed counts the stack's change sets, so each one gets fresh ids.
   */
  function changeSetScript(
    stack: { id: string; name: string },
    changeSet: Omit<SimChangeSet, 'id' | 'createdAt'>,
    ordinal: number
  ): Script {
    const template = parseTemplate(changeSet.template)
    const choice = simChoice(template)
    const [, , , region, account] = stack.id.split(':') as string[]
    const ctx: ScenarioContext = {
      stackName: stack.name,
      region: region!,
      account: account!,
      principals: account === DEFAULT_ACCOUNT ? people : incidentPrincipals(account),
      seed: `${stack.id}#${changeSet.name}#${ordinal}`,
      options: choice.options,
      stackId: stack.id
    }
    if (!choice.scenario)
      return playTemplate(ctx, { type: changeSet.type, template, changes: changeSet.changes })
    const scenario = scenarios[choice.scenario]
    if (!scenario)
      throw new SimError(
        'ValidationError',
        `Template Metadata ${SIM_METADATA_KEY}.Scenario "${choice.scenario}" is no sim scenario; known: ${Object.keys(scenarios).join(', ')}`
      )
    const script = scenario.build(ctx)
    // What the scenario scripts before its execution (its change set, the stack's history) already happened for real.
    const scripted = new Set(['CreateChangeSet', 'ExecuteChangeSet'])
    return {
      ...script,
      events: script.events.filter(e => e.at >= EXECUTE_AT),
      operations: script.operations.filter(op => op.at >= EXECUTE_AT),
      trail: script.trail.filter(
        r => !(r.eventSource === 'cloudformation.amazonaws.com' && scripted.has(r.eventName))
      )
    }
  }

  const stage: Stage = {
    prepare(stack, changeSet) {
      const existing = world.stacks.find(s => s.id === stack.id)
      const script = changeSetScript(stack, changeSet, existing?.changeSets.length ?? 0)
      makeRoom(script.span - EXECUTE_AT + CHANGE_SET_HEADROOM_MS)
      return clock.now()
    },
    play(stack, changeSet) {
      const script = changeSetScript(stack, changeSet, stack.changeSets.indexOf(changeSet))
      makeRoom(script.span - EXECUTE_AT)
      const t0 = clock.now() - EXECUTE_AT
      const previous = world.template(stack, clock.now())
      world.play(stack, script, t0)
      stack.templates.push({ at: t0 + EXECUTE_AT, body: changeSet.template })
      const rolledBack = script.events.findLast(
        e => e.stack === '' && e.logicalId === stack.name && e.status === 'UPDATE_ROLLBACK_COMPLETE'
      )
      if (rolledBack) stack.templates.push({ at: t0 + rolledBack.at, body: previous })
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve)
  })
  const { address, port } = server.address() as AddressInfo

  const sim: Sim = {
    url: `http://${address}:${port}`,
    clock,
    world,
    faults,
    get calls() {
      return { ...calls }
    },
    resetCalls: () => void (calls = {}),
    deploy(stackName, name, deploy = {}) {
      const scenario = scenarios[name]
      if (!scenario)
        throw new SimError(
          'UnknownScenario',
          `No scenario named ${name}; known: ${Object.keys(scenarios).join(', ')}`
        )
      const account = deploy.account ?? DEFAULT_ACCOUNT
      const script = scenario.build({
        stackName,
        region: deploy.region ?? 'us-east-1',
        account,
        principals: account === DEFAULT_ACCOUNT ? people : incidentPrincipals(account),
        seed: `${stackName}#${world.generation(stackName)}`,
        options: deploy.options ?? {}
      })
      makeRoom((deploy.startAt === 'past' ? 0 : script.span) + (deploy.headroomMs ?? 0))
      const startedAt = deploy.startAt === 'past' ? clock.now() - script.span : clock.now()
      const stack = world.deploy(script, startedAt, deploy.terminationProtection ?? false)
      return { stackId: stack.id, startedAt, span: script.span }
    },
    deleteStack(stackName, principal = people.cdkRole) {
      world.settle(clock.now())
      const who = typeof principal === 'string' ? principalFor(principals, principal) : principal
      world.deleteStack(stackName, clock.now(), who)
    },
    state() {
      const now = clock.now()
      world.settle(now)
      const stacks = world.stacks
        .filter(s => world.exists(s, now))
        .map(s => ({
          name: s.name,
          id: s.id,
          status: world.status(s, now),
          terminationProtection: world.protected(s, now),
          parentId: s.parentId
        }))
      return { now, lag: clock.lag(), stacks }
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  return sim
}

/** JSON services by their X-Amz-Target prefix; awsQuery ones by API version (RDS and CloudFormation share names). */
function serviceOf(target: string | string[] | undefined, params: URLSearchParams | undefined): SimService {
  if (params) {
    const version = params.get('Version')
    return version === '2014-10-31' ? 'RDS' : version === '2011-06-15' ? 'STS' : 'CloudFormation'
  }
  const prefix = String(target).split('.')[0]
  if (prefix === 'AmazonEC2ContainerServiceV20141113') return 'ECS'
  if (prefix === 'Logs_20140328') return 'CloudWatchLogs'
  return 'CloudTrail'
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
