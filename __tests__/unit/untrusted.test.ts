import { describe, expect, it } from '@jest/globals'
import { escapeMarkdown, neutraliseForLog } from '../../src/core/untrusted.js'

describe('neutraliseForLog', () => {
  it.each([
    ['::add-mask::hunter2', ':\u200b:add-mask::hunter2'],
    ['  ::set-output name=x::y', '  :\u200b:set-output name=x::y'],
    ['failed\n::error::injected', 'failed :\u200b:error::injected'],
    ['##[group]hidden', '#\u200b#[group]hidden'],
    ['::stop-commands::token', ':\u200b:stop-commands::token']
  ])('defuses the workflow command in %p', (text, expected) => {
    expect(neutraliseForLog(text)).toBe(expected)
  })

  it('keeps resource types readable', () => {
    expect(neutraliseForLog('AWS::RDS::DBInstance CREATE_FAILED')).toBe('AWS::RDS::DBInstance CREATE_FAILED')
  })

  it('never leaves a line that the runner would read as a command', () => {
    for (const hostile of [
      '::warning::x',
      '\n::error file=a::b',
      '\r\n  ::notice::c',
      '\u001b[31m::debug::d'
    ]) {
      const line = neutraliseForLog(hostile)
      expect(line).not.toMatch(/^\s*::[a-z-]+/)
      expect(line).not.toContain('\n')
    }
  })
})

describe('escapeMarkdown', () => {
  it('escapes HTML and markdown so a reason cannot add markup, links or table cells', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | [link](http://evil) **bold**')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\[link\\]\\(http://evil\\) \\*\\*bold\\*\\*'
    )
  })
})
