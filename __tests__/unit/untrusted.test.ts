import { describe, expect, it } from '@jest/globals'
import { escapeMarkdown, jsonForLog, neutraliseForLog } from '../../src/core/untrusted.js'
import { readAsRunner } from '../support/workflow-commands.js'

/** Hostile text as AWS or another team's lock reason could carry it; every command names PWNED. */
const HOSTILE = [
  'Rate exceeded ##[set-output name=deployed;]PWNED',
  '##[add-mask]PWNED',
  'x ##[error]PWNED ##[warning]PWNED',
  '::add-mask::PWNED',
  '  ::set-output name=deployed::PWNED',
  '\u3000::warning::PWNED',
  '\u0085::error::PWNED',
  'failed\n::error::PWNED',
  'failed\r::error::PWNED',
  '::stop-commands::PWNED',
  'ok\u2028::notice::PWNED',
  '##[stop-commands]PWNED',
  '::ERROR::PWNED',
  '###[group]PWNED'
]

describe('neutraliseForLog', () => {
  it.each(HOSTILE)('leaves nothing the runner reads as a command in %j', hostile => {
    const line = neutraliseForLog(hostile)
    expect(line).not.toMatch(/[\r\n]/)
    expect(readAsRunner(line).commands).toEqual([])
    expect(readAsRunner(`prefix ${line}`).commands).toEqual([])
  })

  it('breaks the older form anywhere in a line, not only at its start', () => {
    expect(neutraliseForLog('Rate exceeded ##[set-output name=deployed;]true')).toBe(
      'Rate exceeded #\u200b#[set-output name=deployed;]true'
    )
  })

  it('keeps resource types readable and copyable', () => {
    expect(neutraliseForLog('AWS::RDS::DBInstance CREATE_FAILED')).toBe('AWS::RDS::DBInstance CREATE_FAILED')
  })

  it.each([
    ['NEL', '\u0085', '\\u0085'],
    ['C1 CSI', '\u009b', '\\u009B'],
    ['right-to-left override', '\u202e', '\\u202E'],
    ['left-to-right embedding', '\u202a', '\\u202A'],
    ['first-strong isolate', '\u2068', '\\u2068'],
    ['pop directional isolate', '\u2069', '\\u2069'],
    ['escape', '\u001b', '\\u001B'],
    ['line separator', '\u2028', '\\u2028']
  ])('shows %s escaped', (_name, char, shown) => {
    expect(neutraliseForLog(`a${char}b`)).toBe(`a${shown}b`)
    expect(escapeMarkdown(`a${char}b`)).toBe(`a\\${shown}b`)
  })

  it('is linear: a 100 KB hostile reason is handled whole', () => {
    const huge = '##[add-mask]x ::error::y \u202e'.repeat(4000)
    const line = neutraliseForLog(huge)
    expect(line).not.toContain('##[')
    expect(line.split('#\u200b#[')).toHaveLength(4001)
  })
})

describe('escapeMarkdown', () => {
  it('escapes HTML and markdown so a reason cannot add markup, links or table cells', () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> | [link](http://evil) **bold**')).toBe(
      '&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\[link\\]\\(http://evil\\) \\*\\*bold\\*\\*'
    )
  })
})

describe('jsonForLog', () => {
  it('prints the same value with no command and no hidden character in the text', () => {
    const value = {
      reason: 'Rate exceeded ##[set-output name=deployed;]true \u0085 \u202e',
      list: ['::add-mask::x']
    }
    const printed = jsonForLog(value)
    expect(JSON.parse(printed)).toEqual(value)
    expect(printed).not.toContain('##[')
    expect(printed).not.toMatch(/[\u0085\u202e]/)
    expect(readAsRunner(printed).commands).toEqual([])
  })
})

describe('readAsRunner (the test-support parser of the runner rules)', () => {
  it('reads both forms, case-insensitively, the older one anywhere in a line', () => {
    const reading = readAsRunner(
      '::error title=A%3AB::bad%0Aline\nsome text ##[set-output name=deployed;]true\n  ::WARNING::w\n::unknown::x'
    )
    expect(
      reading.commands.map(command => [command.form, command.name, command.properties, command.data])
    ).toEqual([
      ['::', 'error', { title: 'A:B' }, 'bad\nline'],
      ['##[', 'set-output', { name: 'deployed' }, 'true'],
      ['::', 'warning', {}, 'w']
    ])
  })

  it('honours stop-commands until its token comes back, and reports a stop that never ends', () => {
    const reading = readAsRunner(
      '::stop-commands::tok\n::error::hidden\n##[add-mask]hidden\n::tok::\n::debug::seen'
    )
    expect(reading.commands.map(command => command.name)).toEqual(['stop-commands', 'tok', 'debug'])
    expect(reading.stoppedBy).toBeUndefined()
    expect(readAsRunner('::stop-commands::never\n::error::x').stoppedBy).toBe('never')
  })
})
