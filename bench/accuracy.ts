import {
  cdkRule,
  diagnoseCase,
  dumpsFor,
  explainCase,
  firstFailedRule,
  judgeBaseline,
  judgeReport,
  readCases,
  VARIANTS,
  variantsOf,
  type RealFailureCase,
  type Variant,
  type Verdict
} from '../__tests__/fixtures/real-failures/corpus.js'
import type { BenchRow } from './table.js'

type Answerer = (testCase: RealFailureCase, variant: Variant) => Promise<Verdict>

/** An answer that throws is a wrong answer: the user got an error, not a root cause. */
async function safely(answer: () => Promise<Verdict>): Promise<Verdict> {
  try {
    return await answer()
  } catch {
    return { right: false, got: [] }
  }
}

const answerers: [string, Answerer][] = [
  ['deploy-guard explain', async (c, v) => judgeReport(await explainCase(c, v), c.expected)],
  ['deploy-guard diagnose (sim)', async (c, v) => judgeReport(await diagnoseCase(c, v), c.expected)],
  [
    'baseline: first *_FAILED event',
    async (c, v) => judgeBaseline(firstFailedRule(await dumpsFor(c, v)), c.expected)
  ],
  [
    'baseline: CDK rule (first failed, not cancelled, not the stack)',
    async (c, v) => judgeBaseline(cdkRule(await dumpsFor(c, v)), c.expected)
  ]
]

/**
 * Root-cause accuracy on the real-failures corpus (__tests__/fixtures/real-failures), per variant, for deploy-guard
 * and the two baseline rules; the note names the cases deploy-guard gets wrong.
 */
export async function accuracy(): Promise<BenchRow[]> {
  const cases = readCases()
  const rows: BenchRow[] = []
  for (const variant of VARIANTS) {
    const applicable = cases.filter(testCase => variantsOf(testCase).includes(variant))
    for (const [label, answer] of answerers) {
      const wrong: string[] = []
      for (const testCase of applicable) {
        const verdict = await safely(() => answer(testCase, variant))
        if (!verdict.right) wrong.push(testCase.id)
      }
      const right = applicable.length - wrong.length
      rows.push({
        metric: `accuracy ${variant}: ${label}`,
        value: applicable.length ? (100 * right) / applicable.length : NaN,
        unit: '%',
        note:
          `${right}/${applicable.length} cases` +
          (label.startsWith('deploy-guard') && wrong.length ? `; wrong: ${wrong.join(', ')}` : '')
      })
    }
  }
  return rows
}
