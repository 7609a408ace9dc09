import { describe, expect, it } from '@jest/globals'
import { isAwsUrl, link, linkTarget, prose, text } from '../../../src/core/report/markdown.js'
import { renderSummaryMarkdown } from '../../../src/core/report/render.js'
import type { TrailContext, TrailEntry } from '../../../src/core/diagnose/cloudtrail.js'
import { createOperation, reportOf, T0 } from './fixtures.js'

const trailEntry = (eventId: string): TrailEntry => ({
  eventId,
  time: T0,
  eventName: 'ExecuteChangeSet',
  eventSource: 'cloudformation.amazonaws.com',
  principal: 'iseepatterns-iam-user'
})

describe('link targets', () => {
  it('percent-encodes what encodeURIComponent leaves, so an EventId cannot leave its link', () => {
    expect(linkTarget("https://x.console.aws.amazon.com/e/e1)**INJECTED**(!'~ <x>")).toBe(
      'https://x.console.aws.amazon.com/e/e1%29%2A%2AINJECTED%2A%2A%28%21%27%7E%20%3Cx%3E'
    )
  })

  it('the CloudTrail timeline links a hostile EventId inside its own link', () => {
    const trail: TrailContext = {
      timeline: [trailEntry('e1)**INJECTED**')],
      apiErrors: [],
      concurrentChanges: [],
      window: { start: T0, end: T0 + 1 },
      caveats: [],
      lookups: 1
    }
    const markdown = renderSummaryMarkdown(reportOf(createOperation(2), { cloudTrail: trail }))
    const row = markdown.split('\n').find(line => line.includes('ExecuteChangeSet'))!
    expect(row).toContain('#/events/e1%29%2A%2AINJECTED%2A%2A)')
    expect(row).not.toContain('**INJECTED**')
  })

  it('escapes the label', () => {
    expect(link('a](http://evil)', 'https://docs.aws.amazon.com/')).toBe(
      '[a\\]\\(http&#58;//evil\\)](https://docs.aws.amazon.com/)'
    )
  })
})

describe('URLs in AWS text', () => {
  it.each([
    ['https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/troubleshooting.html', true],
    ['https://us-east-1.console.aws.amazon.com/cloudformation/home', true],
    ['https://aws.amazon.com/premiumsupport/knowledge-center/x/', true],
    ['https://repost.aws/knowledge-center/x', true],
    ['http://docs.aws.amazon.com/x', false],
    ['https://evil-bucket.s3.amazonaws.com/x', false],
    ['https://docs.aws.amazon.com.evil.com/x', false],
    ['https://user:pw@docs.aws.amazon.com/x', false],
    ['https://evil.com/?docs.aws.amazon.com', false]
  ])('%s is an AWS link: %s', (url, expected) => {
    expect(isAwsUrl(url)).toBe(expected)
  })

  it("links AWS's documentation and shows any other URL as text GitHub will not autolink", () => {
    const rendered = prose(
      'See https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/x.html. Or https://evil.com/login, www.evil.com, root@evil.com'
    )
    expect(rendered).toContain(
      '[https&#58;//docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/x.html](https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/x.html).'
    )
    expect(rendered).toContain('https&#58;//evil.com/login')
    expect(rendered).toContain('www&#46;evil.com')
    expect(rendered).toContain('root@\u200bevil.com')
  })

  it('is linear over 100 KB of URL-like text', () => {
    const huge = 'https://evil.com/'.repeat(6000)
    expect(prose(huge, 200_000)).not.toContain('](')
    expect(text(huge, 200_000)).not.toContain('https://')
  })
})
