import { explainEvents } from '../src/core/diagnose/explain.js'
import type { BenchRow } from './table.js'

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/BigStack/bench'

/** One describe-stack-events row as the AWS CLI prints it. */
function row(i: number, logicalResourceId: string, type: string, status: string, reason?: string) {
  return {
    StackId: STACK_ID,
    EventId: `e${i}`,
    StackName: 'BigStack',
    LogicalResourceId: logicalResourceId,
    PhysicalResourceId: logicalResourceId === 'BigStack' ? STACK_ID : `${logicalResourceId}-id`,
    ResourceType: type,
    Timestamp: new Date(1_700_000_000_000 + i * 1000).toISOString(),
    ResourceStatus: status,
    ...(reason ? { ResourceStatusReason: reason } : {})
  }
}

/** `operations` updates of `resources` queues each, the last one failed; newest first, as the CLI prints them. */
function history(operations: number, resources: number): string {
  const rows = []
  let i = 0
  for (let op = 0; op < operations; op++) {
    const last = op === operations - 1
    rows.push(row(i++, 'BigStack', 'AWS::CloudFormation::Stack', 'UPDATE_IN_PROGRESS', 'User Initiated'))
    for (let r = 0; r < resources; r++) {
      rows.push(row(i++, `Queue${r}`, 'AWS::SQS::Queue', 'UPDATE_IN_PROGRESS'))
      const failed = last && r === resources - 1
      rows.push(
        row(
          i++,
          `Queue${r}`,
          'AWS::SQS::Queue',
          failed ? 'UPDATE_FAILED' : 'UPDATE_COMPLETE',
          failed ? 'boom' : undefined
        )
      )
    }
    rows.push(
      row(
        i++,
        'BigStack',
        'AWS::CloudFormation::Stack',
        last ? 'UPDATE_ROLLBACK_COMPLETE' : 'UPDATE_COMPLETE'
      )
    )
  }
  return JSON.stringify({ StackEvents: rows.reverse() })
}

/** `deploy-guard explain` on large dumps: one operation of 40,000 rows, and 90 days of 2,000 small operations. */
export async function explainCost(): Promise<BenchRow[]> {
  return [
    ['one operation, 40,000 rows', history(1, 20_000)],
    ['2,000 operations of 20 rows', history(2_000, 10)]
  ].map(([label, dump]) => {
    const started = performance.now()
    const report = explainEvents(dump!)
    return {
      metric: `explain: ${label}`,
      value: performance.now() - started,
      unit: 'ms',
      note: `${(dump!.length / 1e6).toFixed(1)} MB dump; root cause ${report.rootCauses[0]?.logicalResourceId ?? 'none'}`
    }
  })
}
