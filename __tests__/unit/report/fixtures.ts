import { analyse } from '../../../src/core/diagnose/root-cause.js'
import type { TrailContext } from '../../../src/core/diagnose/cloudtrail.js'
import { buildReport, type Report } from '../../../src/core/report/report.js'
import type { StackEvent } from '../../../src/core/stack/types.js'

export const ROOT = 'arn:aws:cloudformation:us-east-1:123456789012:stack/BigStack/root'
export const T0 = Date.UTC(2026, 10, 30, 11, 26, 57)

/** A resource event at `at` seconds after T0. */
export function event(
  logicalResourceId: string,
  resourceStatus: string,
  at: number,
  extra: Partial<StackEvent> = {}
): StackEvent {
  return {
    eventId: `${logicalResourceId}-${resourceStatus}-${at}`,
    stackId: ROOT,
    stackName: 'BigStack',
    logicalResourceId,
    resourceType: 'AWS::SQS::Queue',
    timestamp: T0 + at * 1000,
    resourceStatus,
    nestedPath: [],
    ...extra
  }
}

export function stackEvent(
  resourceStatus: string,
  at: number,
  stackId = ROOT,
  nestedPath: string[] = []
): StackEvent {
  return event('BigStack', resourceStatus, at, {
    resourceType: 'AWS::CloudFormation::Stack',
    physicalResourceId: stackId,
    stackId,
    nestedPath
  })
}

/** `count` resources created one second apart, each taking `seconds(i)`; `fail(i)` gives a failure reason. */
export function createOperation(
  count: number,
  options: { seconds?: (i: number) => number; fail?: (i: number) => string | undefined; reason?: string } = {}
): StackEvent[] {
  const events = [stackEvent('CREATE_IN_PROGRESS', 0)]
  let last = 0
  for (let i = 0; i < count; i++) {
    const start = 1 + i
    const end = start + (options.seconds?.(i) ?? 300 - i)
    last = Math.max(last, end)
    const failure = options.fail?.(i)
    events.push(event(`Queue${i}`, 'CREATE_IN_PROGRESS', start))
    events.push(
      event(`Queue${i}`, failure ? 'CREATE_FAILED' : 'CREATE_COMPLETE', end, {
        ...(failure
          ? { resourceStatusReason: failure }
          : options.reason
            ? { resourceStatusReason: options.reason }
            : {})
      })
    )
  }
  events.push(stackEvent(options.fail ? 'ROLLBACK_COMPLETE' : 'CREATE_COMPLETE', last + 1))
  return events
}

export function reportOf(
  events: StackEvent[],
  extra: { cloudTrail?: TrailContext; notes?: string[] } = {}
): Report {
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp)
  const last = ordered.at(-1)!
  return buildReport({
    operation: {
      stackName: 'BigStack',
      stackId: ROOT,
      status: last.resourceStatus,
      deleted: false,
      startedAt: ordered[0]!.timestamp,
      endedAt: last.timestamp,
      events: ordered,
      notes: extra.notes ?? []
    } as Parameters<typeof buildReport>[0]['operation'],
    ...analyse(ordered),
    region: 'us-east-1',
    now: last.timestamp + 60_000,
    ...(extra.cloudTrail ? { cloudTrail: extra.cloudTrail } : {})
  })
}
