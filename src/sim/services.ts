import type {
  ScriptEcsService,
  ScriptEcsTask,
  ScriptLogEvent,
  ScriptRdsEvent,
  ScriptServices,
  ScriptTaskDefinition
} from './script.js'

/** Times are absolute (sim epoch ms) once stored; each record belongs to the deploy's region and account. */
interface Placed {
  region: string
  account: string
}
export type SimEcsService = ScriptEcsService & Placed
export type SimEcsTask = ScriptEcsTask & Placed
export type SimTaskDefinition = ScriptTaskDefinition & Placed
export type SimRdsEvent = ScriptRdsEvent & Placed
export type SimLogEvent = ScriptLogEvent & Placed

const TIME_FIELDS = ['at', 'startedAt', 'stoppedAt', 'rolloutFailedAt', 'deletedAt'] as const

function shifted<T extends object>(record: T, by: number): T {
  const copy = { ...record } as Record<string, unknown>
  for (const field of TIME_FIELDS)
    if (typeof copy[field] === 'number') copy[field] = (copy[field] as number) + by
  if (Array.isArray(copy.events))
    copy.events = (copy.events as { at: number }[]).map(event => ({ ...event, at: event.at + by }))
  return copy as T
}

/**
 * What ECS, RDS and CloudWatch Logs remember of the scenarios: service state, tasks, task definitions, RDS events and
 * log lines. Like the stack events, a record exists for callers only from its time on.
 */
export class ServiceRecords {
  readonly ecsServices: SimEcsService[] = []
  readonly ecsTasks: SimEcsTask[] = []
  readonly taskDefinitions: SimTaskDefinition[] = []
  readonly rdsEvents: SimRdsEvent[] = []
  readonly logEvents: SimLogEvent[] = []

  add(services: ScriptServices | undefined, t0: number, region: string, account: string): void {
    if (!services) return
    const placed = { region, account }
    for (const s of services.ecsServices ?? []) this.ecsServices.push({ ...shifted(s, t0), ...placed })
    for (const t of services.ecsTasks ?? []) this.ecsTasks.push({ ...shifted(t, t0), ...placed })
    for (const d of services.taskDefinitions ?? []) this.taskDefinitions.push({ ...d, ...placed })
    for (const e of services.rdsEvents ?? []) this.rdsEvents.push({ ...shifted(e, t0), ...placed })
    for (const l of services.logEvents ?? []) this.logEvents.push({ ...shifted(l, t0), ...placed })
    this.rdsEvents.sort((a, b) => a.at - b.at)
    this.logEvents.sort((a, b) => a.at - b.at)
  }

  /** See World.shiftPast: history moves earlier, durations kept. */
  shiftPast(ms: number): void {
    for (const list of [this.ecsServices, this.ecsTasks, this.rdsEvents, this.logEvents] as object[][])
      list.splice(0, list.length, ...list.map(record => shifted(record, -ms)))
  }
}
