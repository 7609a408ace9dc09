import { describe, expect, it } from '@jest/globals'
import { analyse } from '../../../src/core/diagnose/root-cause.js'
import { parseReason } from '../../../src/core/diagnose/reason.js'
import { buildReport } from '../../../src/core/report/report.js'
import {
  renderAnnotations,
  renderLogSummary,
  renderSummaryMarkdown,
  reportOutputs
} from '../../../src/core/report/render.js'
import type { StackEvent } from '../../../src/core/stack/types.js'

const ROOT = 'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack/root'
const CHILD = 'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack-DataStack-1/child'
const GRANDCHILD =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/CourtCaseManagementStack-DataStack-1-Db-2/grand'
let clock = 0

function ev(
  logicalResourceId: string,
  resourceStatus: string,
  reason = '',
  extra: Partial<StackEvent> = {}
): StackEvent {
  clock += 1000
  return {
    eventId: `${logicalResourceId}-${resourceStatus}-${clock}`,
    stackId: ROOT,
    stackName: 'CourtCaseManagementStack',
    logicalResourceId,
    resourceType: 'AWS::RDS::DBInstance',
    timestamp: clock,
    resourceStatus,
    ...(reason ? { resourceStatusReason: reason } : {}),
    nestedPath: [],
    ...extra
  }
}
const stackEvent = (status: string, reason = '', stackId = ROOT, nestedPath: string[] = []) =>
  ev('CourtCaseManagementStack', status, reason, {
    resourceType: 'AWS::CloudFormation::Stack',
    physicalResourceId: stackId,
    stackId,
    nestedPath
  })

const DB_REASON =
  'Resource handler returned message: "DB subnet group \'court-db\' does not cover enough Availability Zones (Service: Rds, Status Code: 400, Request ID: 4f1c-77)" (RequestToken: abc, HandlerErrorCode: InvalidRequest)'

describe('analyse: the root cause of a failed operation', () => {
  it.each<[string, () => StackEvent[], string[]]>([
    [
      'the database, not the ECS service cancelled after it nor the stack-level cascade',
      () => [
        stackEvent('CREATE_IN_PROGRESS'),
        ev('Database', 'CREATE_IN_PROGRESS'),
        ev('Database', 'CREATE_FAILED', DB_REASON),
        ev('BackendService', 'CREATE_FAILED', 'Resource creation cancelled', {
          resourceType: 'AWS::ECS::Service'
        }),
        stackEvent(
          'ROLLBACK_IN_PROGRESS',
          'The following resource(s) failed to create: [Database, BackendService]. '
        )
      ],
      ['Database']
    ],
    [
      'every resource that failed at once, the most specific reason first',
      () => {
        const events = [
          stackEvent('CREATE_IN_PROGRESS'),
          ev('Service', 'CREATE_FAILED', 'Service did not stabilize', { resourceType: 'AWS::ECS::Service' })
        ]
        clock -= 500
        events.push(ev('Database', 'CREATE_FAILED', DB_REASON))
        return events
      },
      ['Database', 'Service']
    ],
    [
      'the innermost failure two nested levels down, not the parents\' "Embedded stack" cascades',
      () => [
        stackEvent('CREATE_IN_PROGRESS'),
        ev('DataStack', 'CREATE_IN_PROGRESS', '', {
          resourceType: 'AWS::CloudFormation::Stack',
          physicalResourceId: CHILD
        }),
        ev('DbStack', 'CREATE_IN_PROGRESS', '', {
          resourceType: 'AWS::CloudFormation::Stack',
          physicalResourceId: GRANDCHILD,
          stackId: CHILD,
          nestedPath: ['DataStack']
        }),
        ev('Database', 'CREATE_FAILED', DB_REASON, {
          stackId: GRANDCHILD,
          nestedPath: ['DataStack', 'DbStack']
        }),
        ev(
          'DbStack',
          'CREATE_FAILED',
          `Embedded stack ${GRANDCHILD} was not successfully created: The following resource(s) failed to create: [Database].`,
          {
            resourceType: 'AWS::CloudFormation::Stack',
            physicalResourceId: GRANDCHILD,
            stackId: CHILD,
            nestedPath: ['DataStack']
          }
        ),
        ev(
          'DataStack',
          'CREATE_FAILED',
          `Embedded stack ${CHILD} was not successfully created: The following resource(s) failed to create: [DbStack].`,
          {
            resourceType: 'AWS::CloudFormation::Stack',
            physicalResourceId: CHILD
          }
        )
      ],
      ['DataStack/DbStack/Database']
    ],
    [
      'an update that failed and rolled back',
      () => [
        stackEvent('UPDATE_IN_PROGRESS'),
        ev(
          'TaskDefinition',
          'UPDATE_FAILED',
          'Resource handler returned message: "Invalid request provided: Container image not found (Service: AmazonECS; Status Code: 400; Error Code: ClientException)"',
          { resourceType: 'AWS::ECS::TaskDefinition' }
        ),
        stackEvent(
          'UPDATE_ROLLBACK_IN_PROGRESS',
          'The following resource(s) failed to update: [TaskDefinition]. '
        ),
        stackEvent('UPDATE_ROLLBACK_COMPLETE')
      ],
      ['TaskDefinition']
    ],
    [
      'a delete that failed on a bucket that is not empty',
      () => [
        stackEvent('DELETE_IN_PROGRESS'),
        ev('Uploads', 'DELETE_FAILED', 'The bucket you tried to delete is not empty', {
          resourceType: 'AWS::S3::Bucket'
        }),
        stackEvent('DELETE_FAILED', 'The following resource(s) failed to delete: [Uploads]. ')
      ],
      ['Uploads']
    ],
    [
      'a custom resource whose Lambda threw',
      () => [
        stackEvent('CREATE_IN_PROGRESS'),
        ev(
          'SeedDatabase',
          'CREATE_FAILED',
          'Received response status [FAILED] from custom resource. Message returned: TypeError: cannot read properties of undefined (RequestId: 9a8b)',
          { resourceType: 'Custom::SeedDatabase' }
        )
      ],
      ['SeedDatabase']
    ]
  ])('finds %s', (_, events, expected) => {
    const { rootCauses } = analyse(events())
    expect(rootCauses.map(cause => [...cause.nestedPath, cause.logicalResourceId].join('/'))).toEqual(
      expected
    )
  })

  it('reports early-validation and hook failures as findings, even when no resource failed', () => {
    const { rootCauses, findings } = analyse([
      ev('Bucket', 'FAILED', '', {
        eventType: 'VALIDATION_ERROR',
        validationPath: '/Resources/Bucket/Properties/BucketName',
        validationStatusReason: 'Bucket name already exists'
      }),
      ev('Queue', 'CREATE_IN_PROGRESS', '', {
        hookType: 'Private::Guard::Encryption',
        hookStatus: 'HOOK_COMPLETE_FAILED',
        hookStatusReason: 'Queue is not encrypted',
        hookFailureMode: 'FAIL'
      })
    ])
    expect(rootCauses).toEqual([])
    expect(findings).toEqual([
      expect.objectContaining({
        kind: 'validation',
        logicalResourceId: 'Bucket',
        path: '/Resources/Bucket/Properties/BucketName',
        detail: 'Bucket name already exists'
      }),
      expect.objectContaining({
        kind: 'hook',
        logicalResourceId: 'Queue',
        hookType: 'Private::Guard::Encryption',
        detail: 'Queue is not encrypted'
      })
    ])
  })
})

describe('parseReason', () => {
  it('extracts the handler error code, service, status code and request id', () => {
    expect(parseReason(DB_REASON)).toEqual({
      summary:
        "DB subnet group 'court-db' does not cover enough Availability Zones (Service: Rds, Status Code: 400, Request ID: 4f1c-77)",
      handlerErrorCode: 'InvalidRequest',
      service: 'Rds',
      statusCode: 400,
      requestId: '4f1c-77'
    })
  })
})

describe('rendering hostile text from AWS', () => {
  const hostile = '::add-mask::x\n::error::pwned <script>alert(1)</script> | [click](http://evil) `code`'
  const report = () =>
    buildReport({
      operation: {
        stackName: 'CourtCaseManagementStack',
        stackId: ROOT,
        status: 'ROLLBACK_COMPLETE',
        deleted: false,
        events: [stackEvent('CREATE_IN_PROGRESS'), ev('Database', 'CREATE_FAILED', hostile)],
        startedAt: 0,
        endedAt: clock,
        notes: []
      },
      ...analyse([ev('Database', 'CREATE_FAILED', hostile)]),
      region: 'us-east-1',
      now: clock
    })

  it('never lets a reason become a workflow command in the log, annotations or outputs', () => {
    const rendered = [
      renderLogSummary(report()),
      ...renderAnnotations(report()).flatMap(a => [a.title, a.message]),
      ...Object.values(reportOutputs(report()))
    ]
    for (const text of rendered) {
      expect(text).not.toMatch(/(^|\n)\s*::/)
      expect(text).not.toContain('\n')
    }
  })

  it('escapes markup in the job summary', () => {
    const markdown = renderSummaryMarkdown(report())
    expect(markdown).not.toContain('<script>')
    // Outside the fenced event log (where markdown is inert and backticks cannot close the fence) no link is made.
    const [tables, log] = markdown.split('<details>')
    expect(tables).not.toContain('[click](http://evil)')
    expect(log!.match(/```/g)).toHaveLength(2)
    expect(markdown).toContain('&lt;script&gt;')
    expect(markdown).toContain('\\|')
  })
})
