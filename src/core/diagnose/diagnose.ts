import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import type { Clock } from '../clock.js'
import { collectAll, evidenceTargets, type Evidence, type EvidenceReaders } from '../evidence/index.js'
import { buildReport, type Report } from '../report/report.js'
import { StackApi } from '../stack/api.js'
import { lookupTrailContext, type TrailRequest } from './cloudtrail.js'
import { loadLatestOperation, type LoadedOperation } from './load.js'
import { eventsOfOperation, pickOperation, splitOperations } from './operations.js'
import { analyse } from './root-cause.js'
import { stuckStack } from './stuck.js'
import type { StackEvent } from '../stack/types.js'

export interface DiagnoseDeps {
  cfn: CloudFormationClient
  /** Without it the report has no CloudTrail context. */
  trail?: CloudTrailClient
  /** Without them the report has no ECS, RDS or Lambda evidence. */
  evidence?: EvidenceReaders
  clock: Clock
}

export interface DiagnoseRequest {
  stackName: string
  region: string
  sinceMs?: number
  lock?: Report['lock']
  heldWindow?: TrailRequest['heldWindow']
  /** Stop before CloudTrail and return undefined when the latest operation did not fail (the lock's post step). */
  onlyIfFailed?: boolean
  /** With onlyIfFailed: also return undefined when the operation's last event is older than this (not ours). */
  activeSinceMs?: number
  /** Evidence the watch captured when the resources failed (before a rollback deleted them): not read again. */
  collected?: Evidence[]
}

/** Explains the stack's latest deploy operation, live or deleted: root causes, findings, CloudTrail context. */
export async function diagnoseStack(
  deps: DiagnoseDeps,
  request: DiagnoseRequest & { onlyIfFailed: true }
): Promise<Report | undefined>
export async function diagnoseStack(deps: DiagnoseDeps, request: DiagnoseRequest): Promise<Report>
export async function diagnoseStack(
  deps: DiagnoseDeps,
  request: DiagnoseRequest
): Promise<Report | undefined> {
  const loaded = await loadLatestOperation(new StackApi(deps.cfn), request.stackName, {
    region: request.region,
    ...(request.sinceMs !== undefined ? { sinceMs: request.sinceMs } : {})
  })
  const { operation, operationInfo } = narrowToOperation(loaded)
  const { rootCauses, findings } = analyse(operation.events, {
    continuedRollback: operationInfo.type === 'CONTINUE_ROLLBACK'
  })
  const stuck = stuckStack(operation.stackName, operation.status, operation.events)
  if (request.onlyIfFailed) {
    const quiet = rootCauses.length === 0 && findings.length === 0
    if (quiet || operation.endedAt < (request.activeSinceMs ?? 0)) return undefined
  }
  const targets = evidenceTargets(rootCauses, operation.events, deps.clock.now())
  // CloudTrail and the resources' own services are independent: read both at once.
  const [cloudTrail, evidence] = await Promise.all([
    deps.trail
      ? lookupTrailContext(deps.trail, deps.clock, {
          stackName: operation.stackName,
          stackId: operation.stackId,
          startedAt: operation.startedAt,
          endedAt: operation.endedAt,
          rootCauses,
          ...(request.heldWindow ? { heldWindow: request.heldWindow } : {})
        })
      : undefined,
    deps.evidence ? collectAll(deps.evidence, targets, request.region, request.collected) : []
  ])
  return buildReport({
    operation,
    rootCauses,
    findings,
    evidence,
    region: request.region,
    now: deps.clock.now(),
    ...(cloudTrail ? { cloudTrail } : {}),
    ...(request.lock ? { lock: request.lock } : {}),
    operationInfo,
    ...(stuck ? { stuck } : {})
  })
}

/**
 * What was read back to the latest deploy can hold more than one operation (a continue-update-rollback after a
 * failed update): the one explained is picked by the same rule as `explain`'s default, and its final status is its
 * own last stack status unless it is the latest (then the live status, which also covers a stack deleted since).
 */
function narrowToOperation(loaded: LoadedOperation): {
  operation: LoadedOperation
  operationInfo: NonNullable<Report['operation']>
} {
  const operations = splitOperations(loaded.events)
  if (operations.length === 0) {
    return {
      operation: loaded,
      operationInfo: {
        number: 1,
        count: 0,
        id: '',
        type: 'UNKNOWN',
        startedAt: new Date(loaded.startedAt).toISOString(),
        finalStatus: loaded.status
      }
    }
  }
  const picked = pickOperation(operations, undefined)
  const latest = picked.number === 1
  const events = eventsOfOperation(loaded.events, picked)
  const status = latest ? loaded.status : picked.finalStatus
  return {
    operation: {
      ...loaded,
      status,
      deleted: latest && loaded.deleted,
      events,
      startedAt: events[0]?.timestamp ?? loaded.startedAt,
      endedAt: events.at(-1)?.timestamp ?? loaded.endedAt
    },
    operationInfo: {
      number: picked.number,
      count: operations.length,
      id: picked.id,
      type: picked.type,
      startedAt: new Date(picked.startedAt).toISOString(),
      finalStatus: status
    }
  }
}

/** A report from events already in hand: a dump (explain) or a failed create recorded before its deletion. */
export function reportFromEvents(input: {
  stackName: string
  stackId: string
  status: string
  deleted: boolean
  events: StackEvent[]
  region: string
  now: number
  notes?: string[]
  evidence?: Evidence[]
  operationInfo?: Report['operation']
}): Report {
  const events = [...input.events].sort((a, b) => a.timestamp - b.timestamp)
  const stuck = stuckStack(input.stackName, input.status, events)
  return buildReport({
    operation: {
      stackName: input.stackName,
      stackId: input.stackId,
      status: input.status,
      deleted: input.deleted,
      events,
      startedAt: events[0]?.timestamp ?? 0,
      endedAt: events.at(-1)?.timestamp ?? 0,
      notes: input.notes ?? []
    },
    ...analyse(events, { continuedRollback: input.operationInfo?.type === 'CONTINUE_ROLLBACK' }),
    evidence: input.evidence ?? [],
    region: input.region,
    now: input.now,
    ...(input.operationInfo ? { operationInfo: input.operationInfo } : {}),
    ...(stuck ? { stuck } : {})
  })
}
