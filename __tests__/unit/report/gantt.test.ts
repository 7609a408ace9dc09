import { describe, expect, it } from '@jest/globals'
import {
  ALWAYS_SLOWEST,
  ganttBars,
  MAX_BARS,
  mermaidLabel,
  renderGantt
} from '../../../src/core/report/gantt.js'
import { renderSummaryMarkdown } from '../../../src/core/report/render.js'
import { mermaidBlocks, parseWithMermaid } from '../../support/mermaid.js'
import { createOperation, event, reportOf, ROOT, stackEvent } from './fixtures.js'

const NESTED = `${ROOT}-data`

/** Incident-like: a database fails after 15 minutes, the service is cancelled, the rollback deletes both. */
function incident() {
  return [
    stackEvent('CREATE_IN_PROGRESS', 0),
    event('Vpc', 'CREATE_IN_PROGRESS', 1, { resourceType: 'AWS::EC2::VPC' }),
    event('Vpc', 'CREATE_COMPLETE', 20, { resourceType: 'AWS::EC2::VPC' }),
    event('DataStack', 'CREATE_IN_PROGRESS', 21, {
      resourceType: 'AWS::CloudFormation::Stack',
      physicalResourceId: NESTED
    }),
    stackEvent('CREATE_IN_PROGRESS', 22, NESTED, ['DataStack']),
    event('Database', 'CREATE_IN_PROGRESS', 23, {
      resourceType: 'AWS::RDS::DBInstance',
      stackId: NESTED,
      nestedPath: ['DataStack']
    }),
    event('Service', 'CREATE_IN_PROGRESS', 24, { resourceType: 'AWS::ECS::Service' }),
    event('Database', 'CREATE_FAILED', 923, {
      resourceType: 'AWS::RDS::DBInstance',
      stackId: NESTED,
      nestedPath: ['DataStack'],
      resourceStatusReason: 'Resource handler returned message: "DB subnet group does not cover enough AZs"'
    }),
    event('Service', 'CREATE_FAILED', 925, {
      resourceType: 'AWS::ECS::Service',
      resourceStatusReason: 'Resource creation cancelled'
    }),
    event('Database', 'DELETE_COMPLETE', 990, {
      resourceType: 'AWS::RDS::DBInstance',
      stackId: NESTED,
      nestedPath: ['DataStack']
    }),
    stackEvent('ROLLBACK_COMPLETE', 1000)
  ]
}

describe('the gantt bars', () => {
  it('one bar per resource from its first *_IN_PROGRESS to its final event; failed, cascade and ok told apart', () => {
    const bars = ganttBars(incident())
    expect(bars.map(bar => [bar.logicalResourceId, bar.kind, (bar.end - bar.start) / 1000])).toEqual([
      ['Vpc', 'ok', 19],
      ['DataStack', 'unfinished', 0],
      ['Database', 'failed', 967],
      ['Service', 'cascade', 901]
    ])
  })

  it('caps the chart, always drawing every failure and the ten slowest, and counts the rest', () => {
    const events = createOperation(300, {
      seconds: i => (i % 37 === 0 ? 1000 + i : 10),
      fail: i => (i === 299 ? 'Resource handler returned message: "boom"' : undefined)
    })
    const chart = renderGantt('BigStack', events)!
    expect(chart.drawn).toHaveLength(MAX_BARS)
    expect(chart.omitted).toBe(300 - MAX_BARS)
    const drawn = new Set(chart.drawn.map(bar => bar.logicalResourceId))
    const slowest = ganttBars(events)
      .sort((a, b) => b.end - b.start - (a.end - a.start))
      .slice(0, ALWAYS_SLOWEST)
    for (const bar of slowest) expect(drawn).toContain(bar.logicalResourceId)
    expect(drawn).toContain('Queue299')
  })

  it.each([
    ['Foo: bar', 'Foo_ bar'],
    ['a#59;b', 'a_59_b'],
    ['x;y', 'x_y'],
    ['%%{init: {}}%%', '___init_ _____'],
    ['line\nsection Evil', 'line_section Evil'],
    ['`fence`', '_fence_'],
    ['<b>hi</b>', '_b_hi_/b_']
  ])('a label from AWS text is safe for Mermaid: %j → %j', (raw, expected) => {
    expect(mermaidLabel(raw)).toBe(expected)
  })
  it("leaves out the stack's own rows of a log copied without PhysicalResourceId (named by the stack's name)", () => {
    const copied = [
      event('BigStack', 'UPDATE_IN_PROGRESS', 0, { resourceType: 'AWS::CloudFormation::Stack' }),
      event('Queue', 'UPDATE_IN_PROGRESS', 1),
      event('Queue', 'UPDATE_COMPLETE', 5),
      event('BigStack', 'UPDATE_COMPLETE', 6, { resourceType: 'AWS::CloudFormation::Stack' })
    ]
    expect(ganttBars(copied).map(bar => bar.logicalResourceId)).toEqual(['Queue'])
  })
})

describe("Mermaid's own parser reads the chart as drawn", () => {
  it('the incident: sections per stack, crit for the failure, done for the cascade, times in ms', () => {
    const report = reportOf(incident())
    const markdown = renderSummaryMarkdown(report)
    const [chart] = mermaidBlocks(markdown)
    const [parsed] = parseWithMermaid([chart!])
    expect(parsed).toMatchObject({ ok: true, type: 'gantt', sections: ['BigStack', 'DataStack'] })
    expect(parsed!.tasks.map(task => [task.section, task.name.trim(), task.crit, task.done])).toEqual([
      ['BigStack', '✓ Vpc (EC2 VPC)', false, false],
      ['BigStack', '… DataStack (CloudFormation Stack)', false, false],
      ['BigStack', '↺ Service (ECS Service)', false, true],
      ['DataStack', '✗ Database (RDS DBInstance)', true, false]
    ])
    const database = parsed!.tasks.find(task => task.name.includes('Database'))!
    expect(database.end - database.start).toBe(967_000)
  })

  it('hostile logical ids and nested paths become labels, never Mermaid syntax', () => {
    const hostileIds = [
      'click Foo call alert()',
      'section Evil',
      '%%{init: {"theme":"dark"}}%%',
      'a:crit, 0, 1',
      'x#35;y;z',
      'title PWNED',
      '2026-01-01',
      'dateFormat YYYY'
    ]
    const events = [
      stackEvent('CREATE_IN_PROGRESS', 0),
      ...hostileIds.flatMap((id, i) => [
        event(id, 'CREATE_IN_PROGRESS', 1 + i, { nestedPath: [`Nested: ${id}`], stackId: `${ROOT}-${i}` }),
        event(id, 'CREATE_COMPLETE', 10 + i, { nestedPath: [`Nested: ${id}`], stackId: `${ROOT}-${i}` })
      ]),
      stackEvent('CREATE_COMPLETE', 30)
    ]
    const chart = renderGantt('BigStack', events)!
    const [parsed] = parseWithMermaid([chart.mermaid])
    expect(parsed!.ok).toBe(true)
    expect(parsed!.tasks).toHaveLength(hostileIds.length)
    expect(parsed!.sections).toHaveLength(hostileIds.length)
    for (const task of parsed!.tasks) expect(task.name.trim()).toMatch(/^✓ [A-Za-z0-9 _\-./()+,@[\]…]+$/)
  })

  it('a successful operation folds its chart', () => {
    const markdown = renderSummaryMarkdown(reportOf(createOperation(3)))
    expect(markdown).toContain('<details><summary>The operation, resource by resource</summary>')
    expect(parseWithMermaid(mermaidBlocks(markdown))[0]!.tasks).toHaveLength(3)
  })
})
