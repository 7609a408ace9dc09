import { describe, expect, it } from '@jest/globals'
import { collectEvidence } from '../../../src/core/evidence/collect.js'
import { customVerdict, logStreamFromReason, parseLambdaArn } from '../../../src/core/evidence/custom.js'
import { isErrorLine, logGroupUrl, redactSecrets } from '../../../src/core/evidence/logs.js'
import { EvidenceGap } from '../../../src/core/evidence/types.js'
import { fakeReaders, MIN, T0, target } from './fake-readers.js'

const dbTarget = target({
  logicalResourceId: 'OrdersDatabase',
  resourceType: 'AWS::RDS::DBInstance',
  physicalResourceId: 'orders-db-1a2b3c',
  since: T0,
  until: T0 + 15 * MIN
})

describe('RDS evidence', () => {
  it('quotes the first RDS event that says what went wrong, not the rollback after it', async () => {
    const { readers } = fakeReaders({
      rdsEvents: {
        'orders-db-1a2b3c': [
          {
            time: T0 + 14 * MIN,
            message:
              "DB subnet group 'orders-db-subnets' has no available IP addresses in subnet subnet-0a1b.",
            categories: ['failure']
          },
          { time: T0 + 30 * 1000, message: 'DB instance creation started', categories: ['creation'] },
          { time: T0 + 16 * MIN, message: 'DB instance deleted', categories: ['deletion'] }
        ]
      }
    })
    const evidence = await collectEvidence(readers, dbTarget, 'eu-west-1')
    expect(evidence.kind).toBe('rds')
    expect(evidence.verdict).toBe(
      "RDS reported: DB subnet group 'orders-db-subnets' has no available IP addresses in subnet subnet-0a1b."
    )
    expect(evidence.facts.map(fact => fact.text)).toEqual([
      'DB instance creation started',
      "DB subnet group 'orders-db-subnets' has no available IP addresses in subnet subnet-0a1b.",
      'DB instance deleted'
    ])
    expect(evidence.links[0]!.url).toBe(
      'https://eu-west-1.console.aws.amazon.com/rds/home?region=eu-west-1#database:id=orders-db-1a2b3c;is-cluster=false'
    )
  })

  it('names rds:DescribeEvents when it is denied, and says when RDS has nothing', async () => {
    const denied = await collectEvidence(
      fakeReaders({ fail: { 'rds:DescribeEvents': new EvidenceGap('denied', 'rds:DescribeEvents', 'no') } })
        .readers,
      dbTarget,
      'us-east-1'
    )
    expect(denied.gaps).toEqual([
      'rds:DescribeEvents was denied, so the report lacks the db-instance events of orders-db-1a2b3c; allow rds:DescribeEvents to the role that runs deploy-guard to see it.'
    ])
    const quiet = await collectEvidence(fakeReaders({}).readers, dbTarget, 'us-east-1')
    expect(quiet.verdict).toBeUndefined()
    expect(quiet.gaps[0]).toMatch(/RDS recorded no events for orders-db-1a2b3c/)
  })
})

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:OrdersStack-SeedHandler1A2B3C'
const STREAM = '2026/11/22/[$LATEST]0123456789abcdef0123456789abcdef'
const REASON = `Received response status [FAILED] from custom resource. Message returned: See the details in CloudWatch Log Stream: ${STREAM} (RequestId: 7f1c7e3a-0000-4000-8000-000000000001)`

describe('custom resource evidence', () => {
  it('finds the function, its stream and the error it threw; never other lines', async () => {
    const group = '/aws/lambda/OrdersStack-SeedHandler1A2B3C'
    const { readers, queries } = fakeReaders({
      logs: {
        [`${group}|${STREAM}`]: [
          { timestamp: T0, message: 'START RequestId: 7f1c Version: $LATEST' },
          { timestamp: T0 + 1, message: 'INFO seeding with AdminPassword=Sup3rS3cret!' },
          {
            timestamp: T0 + 2,
            message:
              '2026-11-22T09:00:00.002Z\t7f1c\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"Cannot read properties of undefined (reading \'tableName\')","stack":[]}'
          },
          { timestamp: T0 + 3, message: 'END RequestId: 7f1c' }
        ]
      }
    })
    const evidence = await collectEvidence(
      readers,
      target({
        logicalResourceId: 'SeedOrders',
        resourceType: 'Custom::SeedData',
        serviceToken: FUNCTION_ARN,
        reason: REASON
      }),
      'us-east-1'
    )
    expect(queries[0]).toMatchObject({ group, stream: STREAM })
    expect(evidence.verdict).toBe(
      "Lambda function OrdersStack-SeedHandler1A2B3C threw TypeError: Cannot read properties of undefined (reading 'tableName')"
    )
    expect(evidence.logLines).toHaveLength(1)
    expect(JSON.stringify(evidence)).not.toContain('Sup3rS3cret')
    expect(evidence.links.map(link => link.label)).toEqual([
      'Lambda function OrdersStack-SeedHandler1A2B3C',
      'Its log stream'
    ])
  })

  it('prefers the message the function returned, and reads Python and timeout errors', () => {
    expect(
      customVerdict(
        'fn',
        'Received response status [FAILED] from custom resource. Message returned: Table orders is not empty (RequestId: 1-2)',
        []
      )
    ).toBe('Lambda function fn answered FAILED: Table orders is not empty')
    expect(customVerdict('fn', REASON, [{ timestamp: 0, message: "[ERROR] KeyError: 'TableName'" }])).toBe(
      "Lambda function fn threw KeyError: 'TableName'"
    )
    expect(
      customVerdict('fn', REASON, [
        { timestamp: 0, message: '2026-11-22 Task timed out after 300.10 seconds' }
      ])
    ).toMatch(/^Lambda function fn timed out/)
    expect(customVerdict('fn', REASON, [])).toBeUndefined()
  })

  it('explains a token it cannot follow instead of failing', async () => {
    const sns = await collectEvidence(
      fakeReaders({}).readers,
      target({
        resourceType: 'AWS::CloudFormation::CustomResource',
        serviceToken: 'arn:aws:sns:us-east-1:123456789012:provision'
      }),
      'us-east-1'
    )
    expect(sns.gaps).toEqual(['The ServiceToken is an SNS topic; whatever answers it keeps its own logs.'])
    const none = await collectEvidence(
      fakeReaders({}).readers,
      target({ resourceType: 'Custom::X' }),
      'us-east-1'
    )
    expect(none.gaps[0]).toMatch(/no ServiceToken/)
  })

  it('searches the whole group with the error pattern when the reason names no stream', async () => {
    const { readers, queries, calls } = fakeReaders({
      fail: {
        'logs:FilterLogEvents': new EvidenceGap(
          'not-found',
          'logs:FilterLogEvents',
          'The specified log group does not exist.'
        )
      }
    })
    const evidence = await collectEvidence(
      readers,
      target({ resourceType: 'Custom::X', serviceToken: FUNCTION_ARN, reason: 'Failed to create resource.' }),
      'us-east-1'
    )
    expect(calls).toEqual(['logs:FilterLogEvents'])
    expect(queries[0]!.pattern).toContain('?ERROR')
    expect(evidence.gaps).toEqual([
      'Could not read the last error lines of /aws/lambda/OrdersStack-SeedHandler1A2B3C: The specified log group does not exist.'
    ])
  })

  it('parses ARNs and stream names', () => {
    expect(parseLambdaArn(`${FUNCTION_ARN}:live`)).toEqual({
      region: 'us-east-1',
      name: 'OrdersStack-SeedHandler1A2B3C'
    })
    expect(parseLambdaArn('arn:aws:sns:us-east-1:1:t')).toBeUndefined()
    expect(logStreamFromReason(REASON)).toBe(STREAM)
  })
})

describe('log lines', () => {
  it('keeps only error lines', () => {
    expect(isErrorLine("Error: Cannot find module '/app'")).toBe(true)
    expect(isErrorLine('Traceback (most recent call last):')).toBe(true)
    expect(isErrorLine('listening on :8080')).toBe(false)
    expect(isErrorLine('GET /healthz 404')).toBe(false)
  })

  it('masks credentials that an error line quotes', () => {
    expect(redactSecrets('connect postgres://orders:s3cr3t@db:5432 failed')).toBe(
      'connect postgres://orders:***@db:5432 failed'
    )
    expect(redactSecrets('DB_PASSWORD=hunter2 token: abc123')).toBe('DB_PASSWORD=*** token: ***')
    expect(redactSecrets('"apiKey":"k-123"')).toBe('"apiKey":"***"')
    expect(redactSecrets('key AKIAABCDEFGHIJKLMNOP used')).toBe('key *** used')
    expect(redactSecrets('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x')).toBe('Authorization: Bearer ***')
  })

  it('links a group and a stream the way the CloudWatch console encodes them', () => {
    expect(logGroupUrl('us-east-1', '/aws/lambda/fn', '2026/11/22/[$LATEST]ab')).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Ffn/log-events/2026$252F11$252F22$252F$255B$2524LATEST$255Dab'
    )
  })
})
