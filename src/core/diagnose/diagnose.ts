import type { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import type { Clock } from '../clock.js'
import { buildReport, type Report } from '../report/report.js'
import { StackApi } from '../stack/api.js'
import { lookupTrailContext, type TrailRequest } from './cloudtrail.js'
import { loadLatestOperation } from './load.js'
import { analyse } from './root-cause.js'

export interface DiagnoseDeps {
  cfn: CloudFormationClient
  /** Without it the report has no CloudTrail context. */
  trail?: CloudTrailClient
  clock: Clock
}

export interface DiagnoseRequest {
  stackName: string
  region: string
  sinceMs?: number
  lock?: Report['lock']
  heldWindow?: TrailRequest['heldWindow']
}

/** Explains the stack's latest deploy operation, live or deleted: root causes, findings, CloudTrail context. */
export async function diagnoseStack(deps: DiagnoseDeps, request: DiagnoseRequest): Promise<Report> {
  const operation = await loadLatestOperation(new StackApi(deps.cfn), request.stackName, {
    ...(request.sinceMs !== undefined ? { sinceMs: request.sinceMs } : {})
  })
  const { rootCauses, findings } = analyse(operation.events)
  const cloudTrail = deps.trail
    ? await lookupTrailContext(deps.trail, deps.clock, {
        stackName: operation.stackName,
        stackId: operation.stackId,
        startedAt: operation.startedAt,
        endedAt: operation.endedAt,
        rootCauses,
        ...(request.heldWindow ? { heldWindow: request.heldWindow } : {})
      })
    : undefined
  return buildReport({
    operation,
    rootCauses,
    findings,
    region: request.region,
    now: deps.clock.now(),
    ...(cloudTrail ? { cloudTrail } : {}),
    ...(request.lock ? { lock: request.lock } : {})
  })
}
