import { describe, expect, it } from '@jest/globals'
import type { TrailContext, TrailEntry } from '../../../src/core/diagnose/cloudtrail.js'
import { isAwsUrl } from '../../../src/core/report/markdown.js'
import { renderSummaryMarkdown, STEP_SUMMARY_MAX_BYTES } from '../../../src/core/report/render.js'
import { HOSTILE_TEXT } from '../../../src/sim/scenarios/index.js'
import { htmlProblems, renderLikeGitHub, tableRows } from '../../support/github-render.js'
import { mermaidBlocks, parseWithMermaid } from '../../support/mermaid.js'
import { createOperation, event, reportOf, T0 } from './fixtures.js'

const entry = (i: number, text: string): TrailEntry => ({
  eventId: `e${i})**INJECTED**`,
  time: T0 + i * 1000,
  eventName: i % 2 ? 'DeleteStack' : `CreateQueue ${text}`,
  eventSource: 'sqs.amazonaws.com',
  principal: `intruder ${text}`,
  errorCode: `AccessDenied ${text}`,
  errorMessage: text
})

/** Every place the summary shows AWS text, filled with the hostile corpus. */
function hostileReport() {
  const events = createOperation(HOSTILE_TEXT.length, {
    fail: i => `Resource handler returned message: "${HOSTILE_TEXT[i]}"`
  })
  events.push(
    event('Service', 'CREATE_IN_PROGRESS', 2, { resourceType: 'Custom::Evil' }),
    event('Service', 'CREATE_FAILED', 299, {
      resourceType: 'Custom::Evil',
      resourceStatusReason: `Resource creation cancelled ${HOSTILE_TEXT[8]}`
    })
  )
  const entries = HOSTILE_TEXT.map((text, i) => entry(i, text))
  const cloudTrail: TrailContext = {
    timeline: entries,
    apiErrors: entries,
    concurrentChanges: entries,
    window: { start: T0, end: T0 + 3_600_000 },
    caveats: HOSTILE_TEXT,
    lookups: 3
  }
  return reportOf(events, { cloudTrail, notes: HOSTILE_TEXT })
}

/** Console links deploy-guard builds, and documentation links found in AWS text. */
const allowedLink = (href: string) => isAwsUrl(href)

describe('the summary as GitHub renders it (cmark-gfm with table, strikethrough, autolink, tagfilter)', () => {
  it('hostile text everywhere: no element, attribute or link escapes, tables keep their columns', () => {
    const markdown = renderSummaryMarkdown(hostileReport())
    const html = renderLikeGitHub(markdown)
    expect(htmlProblems(html, allowedLink)).toEqual([])
    const causes = tableRows(html).filter(row => row.length === 5)
    expect(causes.map(row => row[0]).sort()).toEqual(HOSTILE_TEXT.map((_, i) => `Queue${i}`).sort())
    expect(causes.find(row => row[0] === 'Queue9')![3]).toContain('| extra | cells |')
    expect(html).toContain(
      '<a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html">'
    )
    // eslint-disable-next-line no-control-regex -- the hidden characters are the point
    expect(html).not.toMatch(/[\u0085\u202e\u2066\u2069\u009b\u001b]/)
    expect(html).toContain('\\u202E')
    expect(Buffer.byteLength(html)).toBeLessThan(STEP_SUMMARY_MAX_BYTES)
  })

  it("the hostile scenario's chart is read by Mermaid's parser, one bar per resource", () => {
    const markdown = renderSummaryMarkdown(hostileReport())
    const [parsed] = parseWithMermaid(mermaidBlocks(markdown))
    expect(parsed!.ok).toBe(true)
    expect(parsed!.tasks).toHaveLength(HOSTILE_TEXT.length + 1)
    expect(parsed!.tasks.filter(task => task.crit)).toHaveLength(HOSTILE_TEXT.length)
    expect(parsed!.tasks.filter(task => task.done)).toHaveLength(1)
  })

  it('the HTML check itself finds injected elements, attributes and foreign links', () => {
    const html = renderLikeGitHub(
      '<img src=x onerror=alert(1)> [a](https://evil.example) https://evil.example\n\n| a | b |\n| --- | --- |\n| 1 |\n'
    )
    expect(htmlProblems(html, allowedLink)).toEqual([
      'element <img>: <img src=x onerror=alert(1)>',
      'attribute src on <img>',
      'attribute onerror on <img>',
      'link to https://evil.example',
      'link to https://evil.example'
    ])
  })

  it('a summary cut to fit still renders whole: the event log fence and details close', () => {
    const markdown = renderSummaryMarkdown(reportOf(createOperation(3000)), { maxBytes: 64 * 1024 })
    const html = renderLikeGitHub(markdown)
    expect(htmlProblems(html, allowedLink)).toEqual([])
    expect(html).toMatch(/left out to stay under GitHub's 1 MiB summary limit/)
    expect(html.match(/<details>/g)?.length).toBe(html.match(/<\/details>/g)?.length)
  })
})
