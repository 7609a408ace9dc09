import type {
  ScriptEcsCluster,
  ScriptEcsService,
  ScriptEcsTask,
  ScriptLogEvent,
  ScriptLogGroup,
  ScriptRdsEvent,
  ScriptServices,
  ScriptTaskDefinition
} from './script.js'

/** Times are absolute (sim epoch ms) once stored; each record belongs to the deploy's region and account. */
interface Placed {
  region: string
  account: string
}
export type SimEcsCluster = ScriptEcsCluster & Placed
export type SimEcsService = ScriptEcsService & Placed
export type SimEcsTask = ScriptEcsTask & Placed
export type SimTaskDefinition = ScriptTaskDefinition & Placed
export type SimRdsEvent = ScriptRdsEvent & Placed
export type SimLogGroup = ScriptLogGroup & Placed
export type SimLogEvent = ScriptLogEvent & Placed

const TIME_FIELDS = [
  'at',
  'startedAt',
  'stoppedAt',
  'rolloutFailedAt',
  'deletedAt',
  'deregisteredAt'
] as const

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
  readonly ecsClusters: SimEcsCluster[] = []
  readonly ecsServices: SimEcsService[] = []
  readonly ecsTasks: SimEcsTask[] = []
  readonly taskDefinitions: SimTaskDefinition[] = []
  readonly rdsEvents: SimRdsEvent[] = []
  readonly logGroups: SimLogGroup[] = []
  readonly logEvents: SimLogEvent[] = []

  add(services: ScriptServices | undefined, t0: number, region: string, account: string): void {
    if (!services) return
    const placed = { region, account }
    for (const c of services.ecsClusters ?? []) this.ecsClusters.push({ ...shifted(c, t0), ...placed })
    for (const s of services.ecsServices ?? []) this.ecsServices.push({ ...shifted(s, t0), ...placed })
    for (const t of services.ecsTasks ?? []) this.ecsTasks.push({ ...shifted(t, t0), ...placed })
    for (const d of services.taskDefinitions ?? [])
      this.taskDefinitions.push({ ...shifted(d, t0), ...placed })
    for (const e of services.rdsEvents ?? []) this.rdsEvents.push({ ...shifted(e, t0), ...placed })
    for (const g of services.logGroups ?? []) this.logGroups.push({ ...shifted(g, t0), ...placed })
    for (const l of services.logEvents ?? []) this.logEvents.push({ ...shifted(l, t0), ...placed })
    this.rdsEvents.sort((a, b) => a.at - b.at)
    this.logEvents.sort((a, b) => a.at - b.at)
  }

  /** See World.shiftPast: history moves earlier, durations kept. */
  shiftPast(ms: number): void {
    const lists = [
      this.ecsClusters,
      this.ecsServices,
      this.ecsTasks,
      this.taskDefinitions,
      this.rdsEvents,
      this.logGroups,
      this.logEvents
    ] as object[][]
    for (const list of lists) list.splice(0, list.length, ...list.map(record => shifted(record, -ms)))
  }
}
