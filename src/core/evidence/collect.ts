import type { RootCause } from '../diagnose/root-cause.js'
import type { StackEvent } from '../stack/types.js'
import { customResourceEvidence, customWaitingLine } from './custom.js'
import { ecsServiceEvidence, ecsWaitingLine } from './ecs.js'
import { describeGap } from './gaps.js'
import { rdsEvidence, rdsWaitingLine } from './rds.js'
import type { Evidence, EvidenceKind, EvidenceReaders, EvidenceTarget } from './types.js'

/** Resources looked into per report: root causes are few; a cap keeps a mass failure from costing minutes. */
export const MAX_EVIDENCE_TARGETS = 5

export function evidenceKindOf(resourceType: string): EvidenceKind | undefined {
  if (resourceType === 'AWS::ECS::Service') return 'ecs-service'
  if (resourceType === 'AWS::RDS::DBInstance' || resourceType === 'AWS::RDS::DBCluster') return 'rds'
  if (resourceType.startsWith('Custom::') || resourceType === 'AWS::CloudFormation::CustomResource')
    return 'custom-resource'
  return undefined
}

const sameResource = (
  a: { stackId: string; logicalResourceId: string },
  b: { stackId: string; logicalResourceId: string }
) => a.stackId === b.stackId && a.logicalResourceId === b.logicalResourceId

/**
 * The resources of an operation worth a closer look: failed root causes of a kind deploy-guard can explain, and,
 * while (or because) the operation never finished, such resources still in progress.
 */
export function evidenceTargets(
  rootCauses: RootCause[],
  events: StackEvent[],
  now: number
): EvidenceTarget[] {
  const targets: EvidenceTarget[] = []
  for (const cause of rootCauses) {
    if (!evidenceKindOf(cause.resourceType)) continue
    targets.push(targetFor(cause, events, cause.timestamp, cause.reason))
  }
  if (rootCauses.length === 0) {
    for (const latest of latestPerResource(events)) {
      if (evidenceKindOf(latest.resourceType) && latest.resourceStatus.endsWith('_IN_PROGRESS'))
        targets.push(targetFor(latest, events, now))
    }
  }
  return targets.slice(0, MAX_EVIDENCE_TARGETS)
}

/** A target from a resource's events: the physical id and ServiceToken it last had, and when it started. */
export function targetFor(
  resource: Pick<StackEvent, 'stackId' | 'stackName' | 'logicalResourceId' | 'resourceType' | 'nestedPath'>,
  events: StackEvent[],
  until: number,
  reason?: string
): EvidenceTarget {
  const own = events.filter(event => sameResource(event, resource)).sort((a, b) => a.timestamp - b.timestamp)
  const started = own.filter(
    event => event.resourceStatus.endsWith('_IN_PROGRESS') && event.timestamp <= until
  )
  // The latest run of in-progress events before `until` is this operation's; earlier ones were past deploys.
  const since = started.length ? lastRunStart(own, started) : until
  const physicalResourceId = own.filter(event => event.physicalResourceId).at(-1)?.physicalResourceId
  const serviceToken = own.filter(event => event.serviceToken).at(-1)?.serviceToken
  return {
    stackId: resource.stackId,
    stackName: resource.stackName,
    logicalResourceId: resource.logicalResourceId,
    resourceType: resource.resourceType,
    nestedPath: resource.nestedPath,
    ...(physicalResourceId ? { physicalResourceId } : {}),
    ...(serviceToken ? { serviceToken } : {}),
    ...(reason ? { reason } : {}),
    since,
    until
  }
}

function lastRunStart(own: StackEvent[], started: StackEvent[]): number {
  const last = started.at(-1)!
  let start = last.timestamp
  for (const event of [...own].reverse()) {
    if (event.timestamp > last.timestamp) continue
    if (!event.resourceStatus.endsWith('_IN_PROGRESS')) break
    start = event.timestamp
  }
  return start
}

function latestPerResource(events: StackEvent[]): StackEvent[] {
  const latest = new Map<string, StackEvent>()
  for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp))
    latest.set(`${event.stackId}|${event.logicalResourceId}`, event)
  return [...latest.values()]
}

/** Evidence for one resource; every failure inside becomes a gap line, never an exception. */
export async function collectEvidence(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  region: string
): Promise<Evidence> {
  const kind = evidenceKindOf(target.resourceType) ?? 'custom-resource'
  const evidence: Evidence = {
    kind,
    stackName: target.stackName,
    stackId: target.stackId,
    logicalResourceId: target.logicalResourceId,
    resourceType: target.resourceType,
    ...(target.physicalResourceId ? { physicalResourceId: target.physicalResourceId } : {}),
    nestedPath: target.nestedPath,
    facts: [],
    logLines: [],
    links: [],
    gaps: []
  }
  try {
    if (kind === 'ecs-service') await ecsServiceEvidence(readers, target, region, evidence)
    else if (kind === 'rds') await rdsEvidence(readers, target, region, evidence)
    else await customResourceEvidence(readers, target, evidence)
  } catch (error) {
    // Loading a client, or a bug in reading an odd reply: the report goes on without this evidence.
    evidence.gaps.push(describeGap(error, 'the evidence for this resource'))
  }
  return evidence
}

/** Evidence for each target, one resource after another (each is a handful of calls). */
export async function collectAll(
  readers: EvidenceReaders,
  targets: EvidenceTarget[],
  region: string,
  already: Evidence[] = []
): Promise<Evidence[]> {
  const out: Evidence[] = []
  for (const target of targets) {
    const collected = already.find(evidence => sameResource(evidence, target))
    out.push(collected ?? (await collectEvidence(readers, target, region)))
  }
  return out
}

/** One line on what a slow resource is waiting for; a failed read says so instead. */
export async function waitingLine(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  now: number
): Promise<string> {
  try {
    const kind = evidenceKindOf(target.resourceType)
    if (kind === 'ecs-service') return await ecsWaitingLine(readers, target)
    if (kind === 'rds') return await rdsWaitingLine(readers, target, now)
    return await customWaitingLine(readers, target, now)
  } catch (error) {
    return describeGap(error, 'what it is waiting for')
  }
}
