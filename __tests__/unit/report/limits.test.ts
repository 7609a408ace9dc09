import { describe, expect, it } from '@jest/globals'
import { isCascade } from '../../../src/core/diagnose/reason.js'
import {
  FAILED_RESOURCES_MAX,
  renderAnnotations,
  renderLogSummary,
  renderSummaryMarkdown,
  reportOutputs,
  STEP_SUMMARY_MAX_BYTES
} from '../../../src/core/report/render.js'
import type { StackEvent } from '../../../src/core/stack/types.js'
import { createOperation, event, reportOf, ROOT, stackEvent } from './fixtures.js'

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')
const KB100 = 100 * 1024

/** 10,000 events over a root, a nested stack and a nested-nested one, with one failure at the bottom. */
function hugeNestedOperation(): StackEvent[] {
  const events: StackEvent[] = [stackEvent('CREATE_IN_PROGRESS', 0)]
  const levels = [
    { path: [] as string[], id: ROOT },
    { path: ['Mid'], id: `${ROOT}-mid` },
    { path: ['Mid', 'Deep'], id: `${ROOT}-deep` }
  ]
  for (let i = 0; i < 3333; i++) {
    const level = levels[i % 3]!
    const common = {
      stackId: level.id,
      nestedPath: level.path,
      resourceStatusReason: 'Resource creation Initiated'
    }
    events.push(event(`Topic${i}`, 'CREATE_IN_PROGRESS', i, common))
    events.push(event(`Topic${i}`, 'CREATE_IN_PROGRESS', i + 1, common))
    events.push(
      event(`Topic${i}`, i === 3332 ? 'CREATE_FAILED' : 'CREATE_COMPLETE', i + 2, {
        ...common,
        resourceStatusReason: i === 3332 ? 'Resource handler returned message: "Topic limit exceeded"' : ''
      })
    )
  }
  events.push(stackEvent('ROLLBACK_COMPLETE', 4000))
  return events
}

describe("the job summary stays under GitHub's 1 MiB whatever the input", () => {
  it('10,000 events over three nested levels: findings first, the event log cut with a line saying how many', () => {
    const report = reportOf(hugeNestedOperation())
    expect(report.events).toHaveLength(10_001)
    const markdown = renderSummaryMarkdown(report)
    expect(bytes(markdown)).toBeLessThan(STEP_SUMMARY_MAX_BYTES)
    expect(markdown).toMatch(/\| Topic3332 \| AWS::SQS::Queue \| CREATE\\_FAILED \|/)
    const left =
      /(\d+) of 10001 events were left out to stay under GitHub's 1 MiB summary limit; the JSON report/.exec(
        markdown
      )
    expect(left).not.toBeNull()
    const shown = markdown.split('```text')[1]!.split('```')[0]!.trim().split('\n').length
    expect(shown + Number(left![1])).toBe(10_001)
  })

  it('four such stacks in one step: each report takes only what is left of the step', () => {
    let written = 0
    for (let stack = 0; stack < 4; stack++) {
      const markdown = renderSummaryMarkdown(reportOf(hugeNestedOperation()), {
        maxBytes: STEP_SUMMARY_MAX_BYTES - written - 16 * 1024
      })
      written += bytes(markdown)
      expect(markdown).toContain('#### Root cause')
    }
    expect(written).toBeLessThan(STEP_SUMMARY_MAX_BYTES)
  })

  it('twelve 100 KB reasons: each is cut in the summary, the whole reason stays in the report', () => {
    const reason = `Resource handler returned message: "${'x'.repeat(KB100)}"`
    const report = reportOf(createOperation(12, { fail: () => reason }))
    expect(report.rootCauses).toHaveLength(12)
    const markdown = renderSummaryMarkdown(report)
    expect(bytes(markdown)).toBeLessThan(200 * 1024)
    expect(report.rootCauses[0]!.reason).toHaveLength(reason.length)
    expect(markdown.match(/^\| Queue\d+ \|/gm)).toHaveLength(12)
  })

  it('a small budget is kept: sections that do not fit are named, not silently dropped', () => {
    const reason = 'y'.repeat(900)
    const report = reportOf(createOperation(60, { fail: () => reason }))
    const markdown = renderSummaryMarkdown(report, { maxBytes: 20 * 1024 })
    expect(bytes(markdown)).toBeLessThanOrEqual(20 * 1024)
    expect(markdown).toContain('### ❌ deploy-guard: BigStack')
    expect(markdown).toMatch(/Left out to stay under GitHub's 1 MiB summary limit: \d+ lines/)
  })

  it('caps a long list with a line saying how many more the JSON report has', () => {
    const report = reportOf(createOperation(80, { fail: () => 'Resource handler returned message: "boom"' }))
    const markdown = renderSummaryMarkdown(report)
    expect(markdown.match(/^\| Queue\d+ \|/gm)).toHaveLength(50)
    expect(markdown).toContain(
      '… and 30 more root causes; the JSON report (`report-path` output) has them all.'
    )
  })
})

describe('annotations, log and outputs stay small', () => {
  const report = reportOf(
    createOperation(200, { fail: i => `Resource handler returned message: "quota ${i}"` })
  )

  it('one error annotation per root cause, most likely first, every one neutralised and bounded', () => {
    const annotations = renderAnnotations(report)
    expect(annotations).toHaveLength(200)
    expect(annotations[0]).toMatchObject({ level: 'error', title: 'BigStack: Queue0 CREATE_FAILED' })
    for (const annotation of annotations) expect(annotation.message.length).toBeLessThanOrEqual(2000)
  })

  it('failed-resources is a bounded list and the log paragraph says how many root causes there are', () => {
    const outputs = reportOutputs(report)
    expect(JSON.parse(outputs['failed-resources']!)).toHaveLength(FAILED_RESOURCES_MAX)
    expect(bytes(outputs['failed-resources']!)).toBeLessThan(16 * 1024)
    expect(renderLogSummary(report)).toContain('200 root causes in all')
  })

  it('a 100 KB reason leaves outputs and the log paragraph small', () => {
    const huge = reportOf(
      createOperation(1, { fail: () => `Resource handler returned message: "${'z'.repeat(KB100)}"` })
    )
    expect(bytes(reportOutputs(huge)['failed-resources']!)).toBeLessThan(2 * 1024)
    expect(bytes(reportOutputs(huge)['root-cause']!)).toBeLessThanOrEqual(3 * 1000)
    expect(renderLogSummary(huge).length).toBeLessThanOrEqual(8000)
  })
})

describe('the cascade check is linear over 100 KB reasons', () => {
  const filler = 'cancel '.repeat(KB100 / 7)
  it.each([
    [
      'a handler message that names a cancellation, closed',
      `Resource handler returned message: "${filler} was cancelled ${filler}"`,
      true
    ],
    [
      'the same without its closing quote',
      `Resource handler returned message: "${filler} was cancelled ${filler}`,
      false
    ],
    [
      '"canceled", American spelling',
      `Resource handler returned message: "${filler}Operation canceled"`,
      true
    ],
    [
      'a handler message with no cancellation',
      `Resource handler returned message: "${'a'.repeat(KB100)}"`,
      false
    ],
    [
      'a long reason that only starts like a cascade elsewhere',
      `${'x'.repeat(KB100)} Resource creation cancelled`,
      false
    ],
    ['Resource creation cancelled', `Resource creation cancelled${'.'.repeat(KB100)}`, true]
  ])('%s', (_name, reason, expected) => {
    expect(isCascade(reason)).toBe(expected)
  })
})
