import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
// @ts-expect-error plain ES module script without types
import { ACTIONS, renderActionDocs } from '../../scripts/action-docs.mjs'

interface Step {
  uses?: string
  with?: Record<string, unknown>
}
const inputsOf = (dir: string) =>
  (
    parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, { required?: boolean; default?: string }>
    }
  ).inputs ?? {}

describe('documentation that tests keep true', () => {
  it('docs/actions.md lists exactly the inputs and outputs of every action.yml (run `npm run docs`)', () => {
    expect(readFileSync('docs/actions.md', 'utf8')).toBe(renderActionDocs())
  })

  it('documents every action directory there is', () => {
    const documented = (ACTIONS as string[][]).map(([dir]) => dir).sort()
    const present = [
      '.',
      ...readdirSync('.').filter(dir => {
        try {
          readFileSync(join(dir, 'action.yml'))
          return true
        } catch {
          return false
        }
      })
    ]
    expect([...new Set(present)].sort()).toEqual(documented)
  })

  it.each(readdirSync('examples').filter(name => name.endsWith('.yml')))(
    'examples/%s uses only real inputs, and every required one',
    file => {
      const workflow = parse(readFileSync(join('examples', file), 'utf8')) as {
        jobs: Record<string, { steps: Step[] }>
      }
      const guarded = Object.values(workflow.jobs)
        .flatMap(job => job.steps)
        .filter(step => step.uses?.startsWith('OWNER/deploy-guard'))
      expect(guarded.length).toBeGreaterThan(0)
      for (const step of guarded) {
        const dir = /^OWNER\/deploy-guard(?:\/(\w+))?@/.exec(step.uses!)?.[1] ?? '.'
        const inputs = inputsOf(dir)
        for (const key of Object.keys(step.with ?? {})) expect(Object.keys(inputs)).toContain(key)
        for (const [name, input] of Object.entries(inputs)) {
          if (
            input.required &&
            input.default === undefined &&
            !(name === 'stack-name' && step.with?.['lock-key'])
          ) {
            expect(Object.keys(step.with ?? {})).toContain(name)
          }
        }
      }
    }
  )
})
