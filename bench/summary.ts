import { isCascade } from '../src/core/diagnose/reason.js'
import { analyse } from '../src/core/diagnose/root-cause.js'
import { buildReport } from '../src/core/report/report.js'
import { renderSummaryMarkdown } from '../src/core/report/render.js'
import { neutraliseForLog } from '../src/core/untrusted.js'
import type { StackEvent } from '../src/core/stack/types.js'
import type { BenchRow } from './table.js'

const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/BigStack/bench'

function events(count: number, reason: (i: number) => string | undefined): StackEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: `e${i}`,
    stackId: STACK_ID,
    stackName: 'BigStack',
    logicalResourceId: `Resource${Math.floor(i / 2)}`,
    resourceType: 'AWS::SQS::Queue',
    timestamp: 1_700_000_000_000 + i * 1000,
    resourceStatus: i % 2 ? (reason(i) ? 'CREATE_FAILED' : 'CREATE_COMPLETE') : 'CREATE_IN_PROGRESS',
    ...(i % 2 && reason(i) ? { resourceStatusReason: reason(i) } : {}),
    nestedPath: []
  }))
}

function timed<T>(run: () => T): [T, number] {
  const started = performance.now()
  const result = run()
  return [result, performance.now() - started]
}

/** The summary's cost on hostile sizes: 10,000 events, twelve 100 KB reasons, the cascade check on 100 KB. */
export async function summaryCost(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const big = events(10_000, i => (i === 9_999 ? 'Resource handler returned message: "boom"' : undefined))
  const hugeReason = (i: number) =>
    i % 2 && i < 24 ? `Resource handler returned message: "${'cancel '.repeat(15_000)}` : undefined
  for (const [label, list] of [
    ['10,000 events', big],
    ['twelve 100 KB reasons', events(24, hugeReason)]
  ] as const) {
    const [markdown, ms] = timed(() =>
      renderSummaryMarkdown(
        buildReport({
          operation: {
            stackName: 'BigStack',
            stackId: STACK_ID,
            status: 'ROLLBACK_COMPLETE',
            deleted: false,
            events: list,
            startedAt: list[0]!.timestamp,
            endedAt: list.at(-1)!.timestamp,
            notes: []
          },
          ...analyse(list),
          region: 'us-east-1',
          now: Date.now()
        })
      )
    )
    rows.push({
      metric: `summary of ${label}: analyse + render`,
      value: ms,
      unit: 'ms',
      note: `${(Buffer.byteLength(markdown) / 1024).toFixed(0)} KB of markdown (limit 1024 KB)`
    })
  }
  const reason = `Resource handler returned message: "${'cancel '.repeat(15_000)}`
  const [, cascadeMs] = timed(() => {
    for (let i = 0; i < 10; i++) isCascade(reason)
  })
  rows.push({
    metric: 'cascade check, ten 100 KB reasons',
    value: cascadeMs,
    unit: 'ms',
    note: 'was 11 s with the backtracking pattern'
  })
  const [, neutraliseMs] = timed(() => neutraliseForLog('##[add-mask]x ::error::y \u202e'.repeat(4000)))
  rows.push({
    metric: 'neutralise a 100 KB hostile line',
    value: neutraliseMs,
    unit: 'ms',
    note: 'both command forms, C1 and bidi'
  })
  return rows
}
