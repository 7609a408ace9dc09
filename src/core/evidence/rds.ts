import { attempt } from './gaps.js'
import type { Evidence, EvidenceReaders, EvidenceTarget, RdsEventView } from './types.js'
import { consoleUrl } from '../console-url.js'

const EVENTS_SHOWN = 12
/** RDS events this long around the resource's window still belong to it (creation starts before CFN's event). */
const MARGIN_MS = 5 * 60_000
/** Messages that say what went wrong, as opposed to progress ("Backing up DB instance"). */
const TROUBLE =
  /incompatible|could not|cannot|can't|unable|fail|error|insufficient|not enough|no available|exceed|invalid|denied|not authori[sz]ed|does not|doesn't|storage-full|restore.*failed/i

export function rdsSourceType(resourceType: string): 'db-instance' | 'db-cluster' {
  return resourceType === 'AWS::RDS::DBCluster' ? 'db-cluster' : 'db-instance'
}

export function rdsConsoleUrl(region: string, id: string, sourceType: 'db-instance' | 'db-cluster'): string {
  return consoleUrl(
    region,
    `rds/home?region=${region}#database:id=${encodeURIComponent(id)};is-cluster=${sourceType === 'db-cluster'}`
  )
}

export function rdsEventsUrl(region: string): string {
  return consoleUrl(region, `rds/home?region=${region}#events:`)
}

/** RDS keeps an instance's events for 14 days, after the instance (and the stack) are gone. */
export async function rdsEvidence(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  region: string,
  evidence: Evidence
): Promise<void> {
  const id = target.physicalResourceId
  if (!id) {
    evidence.gaps.push(
      'CloudFormation recorded no database identifier for it, so RDS cannot be asked about it.'
    )
    return
  }
  const sourceType = rdsSourceType(target.resourceType)
  evidence.links.push(
    {
      label: `RDS ${sourceType === 'db-cluster' ? 'cluster' : 'instance'} ${id}`,
      url: rdsConsoleUrl(region, id, sourceType)
    },
    { label: 'RDS events', url: rdsEventsUrl(region) }
  )
  const rds = await readers.rds()
  const events = await attempt(
    evidence,
    rds.events(sourceType, id, target.since - MARGIN_MS, target.until + MARGIN_MS),
    `the ${sourceType} events of ${id}`,
    []
  )
  const ordered = [...events].sort((a, b) => a.time - b.time)
  for (const event of ordered.slice(-EVENTS_SHOWN))
    evidence.facts.push({ time: event.time, source: 'RDS event', text: event.message })
  if (events.length > EVENTS_SHOWN)
    evidence.facts.unshift({
      source: 'RDS event',
      text: `${events.length - EVENTS_SHOWN} earlier RDS events not shown.`
    })
  const verdict = rdsVerdict(ordered)
  if (verdict) evidence.verdict = verdict
  else if (!evidence.gaps.length && events.length === 0)
    evidence.gaps.push(`RDS recorded no events for ${id} in the window (was it ever created?).`)
}

/** The first RDS event that says what went wrong: later ones are usually the rollback deleting the instance. */
export function rdsVerdict(ordered: RdsEventView[]): string | undefined {
  const trouble = ordered.find(event => TROUBLE.test(event.message) || event.categories.includes('failure'))
  return trouble ? `RDS reported: ${trouble.message}` : undefined
}

/** While a database is still being created or modified: its newest RDS event. */
export async function rdsWaitingLine(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  now: number
): Promise<string> {
  if (!target.physicalResourceId) return 'waiting for CloudFormation to start creating the database.'
  const rds = await readers.rds()
  const events = await rds.events(
    rdsSourceType(target.resourceType),
    target.physicalResourceId,
    target.since - MARGIN_MS,
    now
  )
  const newest = [...events].sort((a, b) => b.time - a.time)[0]
  if (!newest) return `RDS has recorded no event for ${target.physicalResourceId} yet.`
  const trouble = rdsVerdict([...events].sort((a, b) => a.time - b.time))
  return `Latest RDS event (${new Date(newest.time).toISOString()}): ${newest.message}${trouble && !trouble.endsWith(newest.message) ? ` Earlier: ${trouble}` : ''}`
}
