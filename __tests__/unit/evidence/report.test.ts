import { describe, expect, it } from '@jest/globals'
import type { StackEvent as SdkStackEvent } from '@aws-sdk/client-cloudformation'
import { reportFromEvents } from '../../../src/core/diagnose/diagnose.js'
import type { Evidence } from '../../../src/core/evidence/types.js'
import {
  renderAnnotations,
  renderLogSummary,
  renderSummaryMarkdown,
  reportOutputs
} from '../../../src/core/report/render.js'
import { parseWatchSettings } from '../../../src/core/settings.js'
import { toStackEvent } from '../../../src/core/stack/convert.js'
import type { StackEvent } from '../../../src/core/stack/types.js'
import { MIN, T0 } from './fake-readers.js'

const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/OrdersStack/1'

function failedService(): StackEvent[] {
  const base = {
    stackId: STACK,
    stackName: 'OrdersStack',
    logicalResourceId: 'WebService',
    resourceType: 'AWS::ECS::Service',
    nestedPath: []
  }
  return [
    { ...base, eventId: '1', timestamp: T0, resourceStatus: 'CREATE_IN_PROGRESS' },
    {
      ...base,
      eventId: '2',
      timestamp: T0 + 10 * MIN,
      resourceStatus: 'CREATE_FAILED',
      resourceStatusReason:
        'Resource handler returned message: "Error occurred during operation \'ECS Deployment Circuit Breaker was triggered\'." (RequestToken: 1, HandlerErrorCode: GeneralServiceException)'
    }
  ]
}

/** Evidence as AWS could word it: markup, a workflow command and a code fence inside service text and log lines. */
const hostile: Evidence = {
  kind: 'ecs-service',
  stackName: 'OrdersStack',
  stackId: STACK,
  logicalResourceId: 'WebService',
  resourceType: 'AWS::ECS::Service',
  nestedPath: [],
  verdict: 'Container web exited with code 1 <img src=x onerror=alert(1)>',
  facts: [
    { time: T0 + MIN, source: 'ECS service event', text: '::error::forged **bold** [link](http://evil)' }
  ],
  logLines: [{ timestamp: T0 + 2 * MIN, message: '```\n::add-mask::x <script>' }],
  links: [
    {
      label: 'ECS service orders-web events',
      url: 'https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/c/services/s/events?region=us-east-1'
    }
  ],
  gaps: ['ecs:DescribeTasks was denied, so the report lacks its stopped tasks']
}

function report() {
  return reportFromEvents({
    stackName: 'OrdersStack',
    stackId: STACK,
    status: 'ROLLBACK_COMPLETE',
    deleted: false,
    events: failedService(),
    region: 'us-east-1',
    now: T0 + 20 * MIN,
    evidence: [hostile]
  })
}

describe('evidence in the report', () => {
  it('puts the verdict next to the root cause in the one-line answer, outputs and annotations', () => {
    const r = report()
    const outputs = reportOutputs(r)
    expect(outputs['root-cause']).toContain(
      "ECS Deployment Circuit Breaker was triggered'. — Container web exited with code 1"
    )
    expect(JSON.parse(outputs['failed-resources']!)[0].evidence).toMatch(/^Container web exited with code 1/)
    expect(renderAnnotations(r)[0]!.message).toContain('— Container web exited with code 1')
  })

  it('escapes everything AWS wrote before it reaches the summary or the log', () => {
    const markdown = renderSummaryMarkdown(report())
    expect(markdown).toContain('#### Evidence from ECS, RDS and CloudWatch Logs')
    expect(markdown).not.toContain('<img')
    expect(markdown).not.toContain('<script')
    expect(markdown).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    expect(markdown).toContain('\\*\\*bold\\*\\*')
    expect(markdown).not.toMatch(/^::/m)
    // A log line cannot close the code fence it is shown in.
    const block = markdown.split('Last error lines of its logs:')[1]!.split('```')
    expect(block[1]).toContain("'''")
    expect(markdown).toContain('> ecs:DescribeTasks was denied')
    expect(renderLogSummary(report())).not.toContain('::error::')
  })
})

describe('what is read from the stack events', () => {
  const sdkEvent = (fields: Partial<SdkStackEvent>): SdkStackEvent => ({
    StackId: STACK,
    EventId: 'e1',
    StackName: 'OrdersStack',
    Timestamp: new Date(T0),
    ...fields
  })
  it("keeps a custom resource's ServiceToken and nothing else of ResourceProperties", () => {
    const event = toStackEvent(
      sdkEvent({
        LogicalResourceId: 'Seed',
        ResourceType: 'Custom::SeedData',
        ResourceStatus: 'CREATE_IN_PROGRESS',
        ResourceProperties: JSON.stringify({
          ServiceToken: 'arn:aws:lambda:us-east-1:1:function:seed',
          AdminPassword: 'Sup3rS3cret!'
        })
      }),
      []
    )
    expect(event.serviceToken).toBe('arn:aws:lambda:us-east-1:1:function:seed')
    expect(JSON.stringify(event)).not.toContain('Sup3rS3cret')
    const database = toStackEvent(
      sdkEvent({
        ResourceType: 'AWS::RDS::DBInstance',
        ResourceProperties: JSON.stringify({ ServiceToken: 'arn:x', MasterUserPassword: 'p' })
      }),
      []
    )
    expect(database.serviceToken).toBeUndefined()
    expect(
      toStackEvent(sdkEvent({ ResourceType: 'Custom::X', ResourceProperties: '{not json' }), []).serviceToken
    ).toBeUndefined()
  })
})

describe('slow-resource-after', () => {
  const parse = (value?: string) =>
    parseWatchSettings({ 'stack-name': 'OrdersStack', 'slow-resource-after': value })
  it('defaults to ten minutes, takes durations and off', () => {
    expect(parse().slowResourceAfterMs).toBe(10 * MIN)
    expect(parse('90s').slowResourceAfterMs).toBe(90_000)
    expect(parse('off').slowResourceAfterMs).toBeUndefined()
    expect(parse('0').slowResourceAfterMs).toBeUndefined()
  })
  it('says what is wrong and what is valid', () => {
    expect(() => parse('soon')).toThrow('slow-resource-after: "soon" is not a duration')
    expect(() => parse('500ms')).toThrow('Use 1s or more (default 10m), or off')
  })
})
