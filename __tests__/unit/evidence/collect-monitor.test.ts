import { describe, expect, it } from '@jest/globals'
import type { Clock } from '../../../src/core/clock.js'
import { analyse } from '../../../src/core/diagnose/root-cause.js'
import { collectAll, evidenceTargets, MAX_EVIDENCE_TARGETS } from '../../../src/core/evidence/collect.js'
import { ResourceMonitor } from '../../../src/core/evidence/monitor.js'
import type { Evidence } from '../../../src/core/evidence/types.js'
import type { StackEvent } from '../../../src/core/stack/types.js'
import { fakeReaders, MIN, T0 } from './fake-readers.js'

const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/OrdersStack/1'
const SERVICE_ARN = 'arn:aws:ecs:us-east-1:123456789012:service/orders-cluster/orders-web'
let serial = 0

function event(
  at: number,
  logicalResourceId: string,
  resourceType: string,
  resourceStatus: string,
  extra: Partial<StackEvent> = {}
): StackEvent {
  return {
    eventId: `e${++serial}`,
    stackId: STACK,
    stackName: 'OrdersStack',
    logicalResourceId,
    resourceType,
    resourceStatus,
    timestamp: T0 + at,
    nestedPath: [],
    ...extra
  }
}

/** The service was created yesterday, then updated today and failed: only today's run is its window. */
const history = [
  event(-24 * 60 * MIN, 'WebService', 'AWS::ECS::Service', 'CREATE_IN_PROGRESS'),
  event(-24 * 60 * MIN + 5 * MIN, 'WebService', 'AWS::ECS::Service', 'CREATE_COMPLETE', {
    physicalResourceId: SERVICE_ARN
  }),
  event(0, 'WebService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS'),
  event(11 * MIN, 'WebService', 'AWS::ECS::Service', 'UPDATE_FAILED', {
    resourceStatusReason:
      'Resource handler returned message: "Error occurred during operation \'ECS Deployment Circuit Breaker was triggered\'." (RequestToken: 1, HandlerErrorCode: GeneralServiceException)'
  }),
  event(11 * MIN + 1, 'Database', 'AWS::RDS::DBInstance', 'UPDATE_FAILED', {
    resourceStatusReason: 'Resource update cancelled'
  }),
  event(11 * MIN + 2, 'Queue', 'AWS::SQS::Queue', 'UPDATE_FAILED', {
    resourceStatusReason: 'Queue already exists'
  })
]

describe('evidence targets', () => {
  it('looks into failed root causes it can explain, with the physical id seen earlier and this run as window', () => {
    const { rootCauses } = analyse(history)
    const targets = evidenceTargets(rootCauses, history, T0 + 20 * MIN)
    expect(targets).toHaveLength(1)
    expect(targets[0]).toMatchObject({
      logicalResourceId: 'WebService',
      physicalResourceId: SERVICE_ARN,
      since: T0,
      until: T0 + 11 * MIN
    })
    expect(targets[0]!.reason).toMatch(/Circuit Breaker/)
  })

  it('looks into resources still in progress when nothing failed (a deploy that timed out)', () => {
    const events = [
      event(0, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS'),
      event(1000, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', {
        physicalResourceId: 'orders-db'
      }),
      event(2000, 'Bucket', 'AWS::S3::Bucket', 'CREATE_IN_PROGRESS')
    ]
    const targets = evidenceTargets([], events, T0 + 40 * MIN)
    expect(
      targets.map(target => [target.logicalResourceId, target.physicalResourceId, target.until])
    ).toEqual([['Database', 'orders-db', T0 + 40 * MIN]])
  })

  it('caps how many resources one report looks into', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      event(MIN, `Seed${i}`, 'Custom::Seed', 'CREATE_FAILED', { resourceStatusReason: `Failed ${i}` })
    )
    expect(evidenceTargets(analyse(many).rootCauses, many, T0 + 2 * MIN)).toHaveLength(MAX_EVIDENCE_TARGETS)
  })

  it('does not read again what the watch already captured', async () => {
    const { readers, calls } = fakeReaders({})
    const targets = evidenceTargets(analyse(history).rootCauses, history, T0 + 20 * MIN)
    const captured = {
      logicalResourceId: 'WebService',
      stackId: STACK,
      verdict: 'captured earlier'
    } as Evidence
    expect(await collectAll(readers, targets, 'us-east-1', [captured])).toEqual([captured])
    expect(calls).toEqual([])
  })
})

function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start
  let mono = 0
  return {
    now: () => now,
    monotonic: () => mono,
    sleep: async () => undefined,
    advance(ms) {
      now += ms
      mono += ms
    }
  }
}

describe('the resource monitor', () => {
  it('explains a slow resource after the threshold, then no more often than every repeat', async () => {
    const clock = manualClock(T0)
    const { readers } = fakeReaders({
      rdsEvents: {
        'orders-db': [{ time: T0 + 2 * MIN, message: 'Creating DB instance', categories: ['creation'] }]
      }
    })
    const info: string[] = []
    const monitor = new ResourceMonitor({
      readers,
      region: 'us-east-1',
      clock,
      slowAfterMs: 10 * MIN,
      info: line => info.push(line),
      warn: () => undefined
    })
    monitor.observe(event(0, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS'))
    monitor.observe(
      event(1000, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', {
        physicalResourceId: 'orders-db'
      })
    )
    monitor.observe(event(1000, 'Bucket', 'AWS::S3::Bucket', 'CREATE_IN_PROGRESS'))
    clock.advance(9 * MIN)
    await monitor.explainSlow()
    expect(info).toEqual([])
    clock.advance(1 * MIN)
    await monitor.explainSlow()
    expect(info).toEqual([
      '⏳ Database (AWS::RDS::DBInstance) CREATE_IN_PROGRESS for 10m: Latest RDS event (2026-11-22T09:02:00.000Z): Creating DB instance'
    ])
    clock.advance(4 * MIN)
    await monitor.explainSlow()
    expect(info).toHaveLength(1)
    expect(monitor.repeatMs).toBe(5 * MIN)
    clock.advance(1 * MIN)
    await monitor.explainSlow()
    expect(info).toHaveLength(2)
    monitor.observe(event(16 * MIN, 'Database', 'AWS::RDS::DBInstance', 'CREATE_COMPLETE'))
    clock.advance(10 * MIN)
    await monitor.explainSlow()
    expect(info).toHaveLength(2)
  })

  it('captures a failed resource at once (not a cancelled one) and says what it found', async () => {
    const clock = manualClock(T0)
    const { readers, calls } = fakeReaders({
      rdsEvents: {
        'orders-db': [
          {
            time: T0 + MIN,
            message: 'DB instance is in an incompatible network state.',
            categories: ['failure']
          }
        ]
      }
    })
    const warn: string[] = []
    const monitor = new ResourceMonitor({
      readers,
      region: 'us-east-1',
      clock,
      info: () => undefined,
      warn: line => warn.push(line)
    })
    monitor.observe(
      event(0, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS', { physicalResourceId: 'orders-db' })
    )
    monitor.observe(
      event(MIN, 'Database', 'AWS::RDS::DBInstance', 'CREATE_FAILED', {
        resourceStatusReason: 'NotStabilized'
      })
    )
    monitor.observe(
      event(MIN, 'WebService', 'AWS::ECS::Service', 'CREATE_FAILED', {
        resourceStatusReason: 'Resource creation cancelled'
      })
    )
    monitor.observe(
      event(MIN, 'Database', 'AWS::RDS::DBInstance', 'CREATE_FAILED', { resourceStatusReason: 'again' })
    )
    const evidence = await monitor.collected()
    expect(evidence.map(item => item.logicalResourceId)).toEqual(['Database'])
    expect(calls).toEqual(['rds:DescribeEvents'])
    expect(warn).toEqual([
      'Database (AWS::RDS::DBInstance): RDS reported: DB instance is in an incompatible network state.'
    ])
  })

  it('without a threshold never explains and never reads', async () => {
    const clock = manualClock(T0)
    const { readers, calls } = fakeReaders({})
    const monitor = new ResourceMonitor({
      readers,
      region: 'us-east-1',
      clock,
      info: () => undefined,
      warn: () => undefined
    })
    monitor.observe(event(0, 'WebService', 'AWS::ECS::Service', 'CREATE_IN_PROGRESS'))
    clock.advance(60 * MIN)
    await monitor.explainSlow()
    await monitor.run(new AbortController().signal)
    expect(calls).toEqual([])
  })
})
