import { stableUuid } from './ids.js'
import type { Principal } from './principals.js'
import type { HookDetail, Script, ScriptOperation, ScriptTrail, ValidationDetail } from './script.js'
import { SECOND } from './script.js'
import { ServiceRecords } from './services.js'

/** An error the sim answers with, in whichever wire shape the service uses. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

export interface SimEvent {
  eventId: string
  stackId: string
  stackName: string
  logicalId: string
  physicalId?: string
  type: string
  timestamp: number
  status: string
  reason?: string
  eventType: string
  operationId?: string
  hook?: HookDetail
  validation?: ValidationDetail
  describeEventsOnly?: boolean
  properties?: Record<string, unknown>
  clientRequestToken?: string
}

export interface SimOperation {
  at: number
  type: ScriptOperation['type']
  id: string
}

export interface SimStack {
  id: string
  name: string
  region: string
  account: string
  parentId?: string
  rootId?: string
  /** Ascending by timestamp; what a caller sees is the prefix up to the sim clock. */
  events: SimEvent[]
  operations: SimOperation[]
  protection: { at: number; on: boolean }[]
  /** The template body in force from `at` (GetTemplate); stacks a scenario made without one answer a synthesized one. */
  templates: { at: number; body: string }[]
  changeSets: SimChangeSet[]
}

/** A change set as CloudFormation keeps it: created complete at once (the sim computes no plan asynchronously). */
export interface SimChangeSet {
  id: string
  name: string
  stackId: string
  stackName: string
  type: 'CREATE' | 'UPDATE'
  createdAt: number
  template: string
  description?: string
  status: 'CREATE_COMPLETE' | 'FAILED' | 'DELETE_COMPLETE'
  statusReason?: string
  executionStatus: 'AVAILABLE' | 'UNAVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'OBSOLETE'
  changes: SimResourceChange[]
}

export interface SimResourceChange {
  action: 'Add' | 'Modify' | 'Remove'
  logicalId: string
  type: string
  physicalId?: string
}

export interface TrailRecord extends Omit<ScriptTrail, 'resources'> {
  eventId: string
  requestId: string
  region: string
  resources: { type: string; name: string }[]
}

function eventTypeOf(status: string): string {
  return status.endsWith('_FAILED') ? 'PROVISIONING_ERROR' : 'STACK_EVENT'
}

export class World {
  readonly stacks: SimStack[] = []
  readonly trail: TrailRecord[] = []
  /** ECS, RDS and CloudWatch Logs records of the scenarios. */
  readonly services = new ServiceRecords()
  private pendingDeletes: { at: number; stackId: string; principal: Principal }[] = []
  private serial = 0

  /** How many stacks of this name ever existed: the seed of the next one's ARN, so ARNs differ per deploy. */
  generation(name: string): number {
    return this.stacks.filter(s => s.name === name && !s.parentId).length
  }

  deploy(script: Script, t0: number, terminationProtection: boolean): SimStack {
    const root = script.stacks.find(s => s.key === '')
    if (!root) throw new Error('A script needs a root stack (key "")')
    if (this.find(root.name, t0))
      throw new SimError('AlreadyExistsException', `Stack [${root.name}] already exists`)
    return this.place(script, t0, { terminationProtection, operationSeed: root.id })
  }

  /**
   * A change set's execution on a stack that already exists (in REVIEW_IN_PROGRESS, or created earlier): the script's
   * root is that stack, its nested stacks are new. The caller passes only what happens from the execution on.
   */
  play(stack: SimStack, script: Script, t0: number): void {
    this.place(script, t0, { existing: stack, operationSeed: `${stack.id}#${t0}` })
  }

  private place(
    script: Script,
    t0: number,
    how: { existing?: SimStack; terminationProtection?: boolean; operationSeed: string }
  ): SimStack {
    const root = script.stacks.find(s => s.key === '')
    if (!root) throw new Error('A script needs a root stack (key "")')
    const rootId = how.existing?.id ?? root.id
    const added = script.operations.map((op, i) => ({
      at: t0 + op.at,
      type: op.type,
      id: stableUuid(`${how.operationSeed}#operation#${i}`)
    }))
    const operations = [...(how.existing?.operations ?? []), ...added].sort((a, b) => a.at - b.at)
    const byKey = new Map<string, SimStack>()
    for (const s of script.stacks) {
      if (s.key === '' && how.existing) {
        byKey.set('', how.existing)
        continue
      }
      const parent = s.parentKey === undefined ? undefined : byKey.get(s.parentKey)
      const stack: SimStack = {
        id: s.id,
        name: s.name,
        region: script.region,
        account: script.account,
        parentId: parent?.id,
        rootId: parent ? rootId : undefined,
        events: [],
        operations,
        protection: [{ at: -Infinity, on: how.terminationProtection ?? false }],
        templates: [],
        changeSets: []
      }
      byKey.set(s.key, stack)
      this.stacks.push(stack)
    }
    // Nested stacks share their root's operations.
    for (const s of this.stacks) if (s.id === rootId || s.rootId === rootId) s.operations = operations
    for (const e of script.events) {
      const stack = byKey.get(e.stack)
      if (!stack) throw new Error(`Script event names an unknown stack key: ${e.stack}`)
      const { at, stack: _key, ...rest } = e
      this.append(stack, { ...rest, timestamp: t0 + at, eventType: e.eventType ?? eventTypeOf(e.status) })
    }
    for (const record of script.trail) this.record({ ...record, at: t0 + record.at }, script.region)
    this.services.add(script.services, t0, script.region, script.account)
    for (const d of script.deletes)
      this.pendingDeletes.push({ at: t0 + d.at, stackId: rootId, principal: d.principal })
    this.pendingDeletes.sort((a, b) => a.at - b.at)
    return byKey.get('')!
  }

  /**
   * What CreateChangeSet of type CREATE makes: a stack in REVIEW_IN_PROGRESS with no resources, unprotected (the API
   * has no protection parameter for it), until a change set executes.
   */
  createReviewStack(
    stack: { id: string; name: string; region: string; account: string },
    now: number
  ): SimStack {
    const created: SimStack = {
      ...stack,
      events: [],
      operations: [{ at: now, type: 'CREATE_CHANGESET', id: stableUuid(`${stack.id}#review`) }],
      protection: [{ at: -Infinity, on: false }],
      templates: [],
      changeSets: []
    }
    this.stacks.push(created)
    this.append(created, {
      logicalId: stack.name,
      type: 'AWS::CloudFormation::Stack',
      physicalId: stack.id,
      timestamp: now,
      status: 'REVIEW_IN_PROGRESS',
      reason: 'User Initiated',
      eventType: 'STACK_EVENT'
    })
    return created
  }

  /** The template in force at `now`; a stack a scenario made without one gets its resources' types, as a template. */
  template(stack: SimStack, now: number): string {
    const body = stack.templates.findLast(t => t.at <= now)?.body
    if (body) return body
    const resources = Object.fromEntries(
      this.resources(stack, now)
        .filter(r => !r.status.startsWith('DELETE_'))
        .map(r => [r.logicalId, { Type: r.type }])
    )
    return JSON.stringify({ Resources: resources })
  }

  /**
   * Moves all history `ms` earlier. A new deploy needs the clock to lag by its span; rather than rewinding the
   * clock (and un-happening what callers already saw), the past is shifted, keeping every duration and status.
   */
  shiftPast(ms: number): void {
    // Nested stacks share their root's operation objects: shift each once.
    const operations = new Set(this.stacks.flatMap(s => s.operations))
    for (const op of operations) op.at -= ms
    for (const s of this.stacks) {
      for (const e of s.events) e.timestamp -= ms
      for (const p of s.protection) p.at -= ms
      for (const t of s.templates) t.at -= ms
      for (const c of s.changeSets) c.createdAt -= ms
    }
    for (const r of this.trail) r.at -= ms
    for (const d of this.pendingDeletes) d.at -= ms
    this.services.shiftPast(ms)
  }

  /** Applies the scripted DeleteStack calls that are now in the past, with the protection in force at their time. */
  settle(now: number): void {
    while (this.pendingDeletes.length && this.pendingDeletes[0].at <= now) {
      const { at, stackId, principal } = this.pendingDeletes.shift()!
      try {
        this.deleteStack(stackId, at, principal)
      } catch (error) {
        if (!(error instanceof SimError)) throw error
      }
    }
  }

  findByName(name: string, now: number): SimStack | undefined {
    return this.stacks.findLast(
      s => s.name === name && this.exists(s, now) && this.status(s, now) !== 'DELETE_COMPLETE'
    )
  }

  /** By ARN a deleted stack is still found (DELETE_COMPLETE); by name only a live one, as in CloudFormation. */
  find(nameOrId: string, now: number): SimStack | undefined {
    this.settle(now)
    if (nameOrId.startsWith('arn:')) return this.stacks.find(s => s.id === nameOrId && this.exists(s, now))
    return this.findByName(nameOrId, now)
  }

  require(nameOrId: string, now: number): SimStack {
    const stack = this.find(nameOrId, now)
    if (!stack) throw new SimError('ValidationError', `Stack with id ${nameOrId} does not exist`)
    return stack
  }

  exists(stack: SimStack, now: number): boolean {
    return stack.events.some(e => e.timestamp <= now && !e.describeEventsOnly)
  }

  eventsAt(stack: SimStack, now: number): SimEvent[] {
    return stack.events.filter(e => e.timestamp <= now)
  }

  ownEvents(stack: SimStack, now: number): SimEvent[] {
    return this.eventsAt(stack, now).filter(e => e.logicalId === stack.name && !e.describeEventsOnly)
  }

  status(stack: SimStack, now: number): string {
    return this.ownEvents(stack, now).at(-1)?.status ?? 'REVIEW_IN_PROGRESS'
  }

  /** Nested stacks carry their root's protection, as CloudFormation applies it from the root. */
  protected(stack: SimStack, now: number): boolean {
    const root = this.stacks.find(s => s.id === (stack.rootId ?? stack.id)) ?? stack
    return root.protection.findLast(p => p.at <= now)?.on ?? false
  }

  operationsAt(stack: SimStack, now: number): SimOperation[] {
    return stack.operations.filter(op => op.at <= now)
  }

  /** The latest event per resource: what DescribeStackResources shows. */
  resources(stack: SimStack, now: number): SimEvent[] {
    const latest = new Map<string, SimEvent>()
    for (const e of this.eventsAt(stack, now))
      if (e.logicalId !== stack.name && !e.describeEventsOnly) latest.set(e.logicalId, e)
    return [...latest.values()]
  }

  setProtection(nameOrId: string, on: boolean, now: number, principal: Principal): SimStack {
    const stack = this.require(nameOrId, now)
    const call = { stackName: nameOrId, enableTerminationProtection: on }
    if (stack.parentId) {
      const message =
        'Termination protection cannot be updated on nested stacks; update the root stack instead'
      this.apiCall(
        now,
        'UpdateTerminationProtection',
        principal,
        stack,
        call,
        new SimError('ValidationError', message)
      )
    }
    if (this.status(stack, now) === 'DELETE_COMPLETE')
      this.apiCall(
        now,
        'UpdateTerminationProtection',
        principal,
        stack,
        call,
        new SimError('ValidationError', `Stack [${stack.name}] does not exist`)
      )
    stack.protection.push({ at: now, on })
    this.apiCall(now, 'UpdateTerminationProtection', principal, stack, call)
    return stack
  }

  /** DeleteStack: refused under termination protection or mid-operation; a missing stack is a silent success. */
  deleteStack(nameOrId: string, now: number, principal: Principal): void {
    const stack = this.find(nameOrId, now)
    const call = { stackName: nameOrId }
    if (!stack || this.status(stack, now) === 'DELETE_COMPLETE') {
      this.apiCall(now, 'DeleteStack', principal, stack, call)
      return
    }
    if (this.protected(stack, now)) {
      const message = `Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`
      this.apiCall(now, 'DeleteStack', principal, stack, call, new SimError('ValidationError', message))
    }
    const status = this.status(stack, now)
    if (status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS') {
      const message = `Stack [${stack.name}] cannot be deleted while in status ${status}`
      this.apiCall(now, 'DeleteStack', principal, stack, call, new SimError('ValidationError', message))
    }
    const operation: SimOperation = {
      at: now,
      type: 'DELETE_STACK',
      id: stableUuid(`${stack.id}#delete#${now}`)
    }
    for (const s of this.stacks)
      if (s.id === stack.id || s.rootId === stack.id) s.operations = [...s.operations, operation]
    this.appendDeletion(stack, now, operation.id)
    this.apiCall(now, 'DeleteStack', principal, stack, call)
  }

  /** Deletes a stack's remaining resources one by one, nested stacks depth first; returns when it completes. */
  private appendDeletion(stack: SimStack, start: number, operationId: string): number {
    const own = {
      stackName: stack.name,
      logicalId: stack.name,
      type: 'AWS::CloudFormation::Stack',
      physicalId: stack.id
    }
    this.append(stack, {
      ...own,
      timestamp: start,
      status: 'DELETE_IN_PROGRESS',
      reason: 'User Initiated',
      eventType: 'STACK_EVENT',
      operationId
    })
    let t = start + SECOND
    for (const r of this.resources(stack, start).reverse()) {
      if (r.status === 'DELETE_COMPLETE' || r.status === 'DELETE_SKIPPED') continue
      const base = {
        logicalId: r.logicalId,
        type: r.type,
        physicalId: r.physicalId,
        eventType: 'STACK_EVENT',
        operationId
      }
      this.append(stack, { ...base, timestamp: t, status: 'DELETE_IN_PROGRESS' })
      const child = this.stacks.find(s => s.id === r.physicalId && s.parentId === stack.id)
      t = child ? this.appendDeletion(child, t + SECOND, operationId) + SECOND : t + 2 * SECOND
      this.append(stack, { ...base, timestamp: t, status: 'DELETE_COMPLETE' })
      t += SECOND
    }
    this.append(stack, {
      ...own,
      timestamp: t,
      status: 'DELETE_COMPLETE',
      eventType: 'STACK_EVENT',
      operationId
    })
    return t
  }

  private append(
    stack: SimStack,
    e: Omit<SimEvent, 'eventId' | 'stackId' | 'stackName'> & { stackName?: string }
  ): void {
    const operationId = e.operationId ?? stack.operations.findLast(op => op.at <= e.timestamp)?.id
    const iso = new Date(e.timestamp).toISOString()
    const eventId =
      e.logicalId === stack.name
        ? stableUuid(`${stack.id}#${++this.serial}`)
        : `${e.logicalId}-${e.status}-${iso}#${++this.serial}`
    const event: SimEvent = { ...e, eventId, stackId: stack.id, stackName: stack.name, operationId }
    const index = stack.events.findLastIndex(x => x.timestamp <= e.timestamp)
    stack.events.splice(index + 1, 0, event)
  }

  /** Records a call made to the sim in CloudTrail, then throws its error if it failed. */
  apiCall(
    now: number,
    eventName: string,
    principal: Principal,
    stack: SimStack | undefined,
    requestParameters: Record<string, unknown>,
    error?: SimError
  ): void {
    this.record(
      {
        at: now,
        eventName,
        eventSource: 'cloudformation.amazonaws.com',
        principal,
        requestParameters,
        responseElements: null,
        resources: stack ? [{ type: 'AWS::CloudFormation::Stack', name: stack.id }] : [],
        ...(error ? { errorCode: error.code, errorMessage: error.message } : {})
      },
      stack?.region ?? 'us-east-1'
    )
    if (error) throw error
  }

  private record(record: ScriptTrail, region: string): void {
    const n = ++this.serial
    const full: TrailRecord = {
      ...record,
      resources: record.resources ?? [],
      region,
      eventId: stableUuid(`trail#${n}#${record.eventName}#${record.at}`),
      requestId: record.requestId ?? stableUuid(`request#${n}`)
    }
    const index = this.trail.findLastIndex(x => x.at <= full.at)
    this.trail.splice(index + 1, 0, full)
  }
}
