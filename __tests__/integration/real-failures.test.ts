import { describe, expect, it } from '@jest/globals'
import {
  NOT_YET_COVERED,
  diagnoseCase,
  explainCase,
  judgeReport,
  readCases,
  variantsOf,
  wayOutProblems,
  type RealFailureCase,
  type Variant
} from '../fixtures/real-failures/corpus.js'
import type { Report } from '../../src/core/report/report.js'

const cases = readCases()

/** The operation's final status is the recorded one, except after the deletion this variant adds. */
function expectAnswer(report: Report, testCase: RealFailureCase, variant: Variant) {
  const { expected } = testCase
  expect(judgeReport(report, expected).got.sort()).toEqual([...expected.rootCauses].sort())
  if (variant !== 'deleted afterwards') {
    if (expected.status) expect(report.stack.finalStatus).toBe(expected.status)
    expect(wayOutProblems(report, expected)).toEqual([])
  }
}

describe('the real-failures corpus', () => {
  it('holds at least 30 cases from public sources, each with its source and expected root causes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30)
    for (const testCase of cases) {
      expect(testCase.source).toMatch(/^https:\/\//)
      expect(testCase.expected.rootCauses.length).toBeGreaterThan(0)
      expect(testCase.StackEvents.length).toBeGreaterThan(0)
    }
  })

  it('covers every kind the issue names, except the gaps README.md declares', () => {
    const kinds = new Set<string>(cases.flatMap(testCase => [testCase.kind, ...testCase.traits]))
    const missing = [
      'create',
      'update',
      'delete',
      'nested-2',
      'nested-3',
      'stack-level',
      'simultaneous',
      'rollback-failed',
      'update-rollback-failed',
      'delete-failed'
    ].filter(kind => !kinds.has(kind))
    expect(missing).toEqual([...NOT_YET_COVERED])
  })
})

describe.each(cases.map(testCase => [testCase.id, testCase] as const))('%s', (_id, testCase) => {
  it.each(variantsOf(testCase))(`explain, %s: ${testCase.expected.rootCauses.join(', ')}`, async variant => {
    expectAnswer(await explainCase(testCase, variant), testCase, variant)
  })

  it.each(variantsOf(testCase))(
    `diagnose on the sim, %s: ${testCase.expected.rootCauses.join(', ')}`,
    async variant => {
      expectAnswer(await diagnoseCase(testCase, variant), testCase, variant)
    }
  )
})
