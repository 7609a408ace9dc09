import { execFileSync } from 'node:child_process'

/**
 * Renders markdown as GitHub does for a job summary: cmark-gfm with the GFM extensions GitHub enables (table,
 * strikethrough, autolink, tagfilter), raw HTML passed through (`--unsafe`) as it is to GitHub's own sanitiser, so
 * the test sees every element the markdown asked for. cmark-gfm comes from Debian (`bash .ci/run` installs it).
 */
export function renderLikeGitHub(markdown: string): string {
  try {
    return execFileSync(
      'cmark-gfm',
      ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '-t', 'html'],
      { input: markdown, maxBuffer: 64 << 20 }
    ).toString()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(
        "cmark-gfm (GitHub's markdown renderer) is not installed: run `apt-get update && apt-get install -y cmark-gfm` " +
          '(bash .ci/run does this before npm test).'
      )
    throw error
  }
}

/** The elements deploy-guard's summary is made of; anything else came from the input. */
const ALLOWED = new Set([
  'a',
  'blockquote',
  'code',
  'del',
  'details',
  'em',
  'h3',
  'h4',
  'li',
  'p',
  'pre',
  'strong',
  'summary',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul'
])

/**
 * What is wrong with the rendered summary: foreign elements or attributes, links off AWS. cmark-gfm
 * escapes text, so every `<` in its output opens a tag it wrote or raw HTML it passed through.
 */
export function htmlProblems(html: string, isAllowedLink: (href: string) => boolean): string[] {
  const problems: string[] = []
  for (const [tagText, tag, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const name = tag!.toLowerCase()
    if (!ALLOWED.has(name)) problems.push(`element <${name}>: ${tagText.slice(0, 120)}`)
    for (const [, attribute, value] of attributes!.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      const fine =
        (name === 'a' && attribute === 'href') ||
        (name === 'code' && attribute === 'class' && value!.startsWith('language-')) ||
        (name === 'pre' && attribute === 'lang') ||
        ((name === 'th' || name === 'td') && attribute === 'align')
      if (!fine) problems.push(`attribute ${attribute} on <${name}>`)
      if (name === 'a' && attribute === 'href' && !isAllowedLink(decodeEntities(value ?? '')))
        problems.push(`link to ${value}`)
    }
  }
  return problems
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

/** The cells of each body row of each table: GFM pads or drops cells to the header's count, so compare contents. */
export function tableRows(html: string): string[][] {
  return html
    .split('<tbody>')
    .slice(1)
    .flatMap(body => body.split('</tbody>')[0]!.split('<tr>').slice(1))
    .map(row => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(cell => cell[1]!))
}
