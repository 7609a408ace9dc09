import { escapeMarkdown, neutraliseForLog } from '../untrusted.js'

/**
 * Markdown for the job summary, which GitHub renders with cmark-gfm (extensions table, strikethrough, autolink,
 * tagfilter) and then sanitises. Text from AWS is escaped so it stays text in its cell, its autolinks are defused, and
 * only URLs on AWS's own hosts become links; link targets are percent-encoded so nothing leaves the `( )`.
 */

/**
 * Hosts whose URLs in AWS text become links: AWS's documentation, consoles and sites (`docs.aws.amazon.com`,
 * `<region>.console.aws.amazon.com`, `aws.amazon.com`) and re:Post. Not `amazonaws.com`: S3 buckets and API Gateway
 * endpoints under it are anyone's.
 */
const AWS_HOSTS = ['aws.amazon.com', 'repost.aws']

/** `https:` on one of AWS_HOSTS or a subdomain (e.g. `us-east-1.console.aws.amazon.com`), no credentials in it. */
export function isAwsUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false
  const host = parsed.hostname.toLowerCase()
  return AWS_HOSTS.some(allowed => host === allowed || host.endsWith(`.${allowed}`))
}

/**
 * A URL as a markdown link target: every character outside RFC 3986's unreserved and the structural `:/?#&=%+,;@$`
 * is percent-encoded — including `( ) * ! ' ~ [ ] < >` and spaces, which encodeURIComponent leaves or which end a
 * target or open a title. Existing `%XX` escapes are kept.
 */
export function linkTarget(url: string): string {
  let out = ''
  for (const char of url) {
    if (/[A-Za-z0-9\-._:/?#&=%+,;@$]/.test(char)) out += char
    else
      out += [...new TextEncoder().encode(char)]
        .map(byte => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('')
  }
  return out
}

/** `[label](target)`; the label is escaped (no link inside a link), the target encoded. */
export function link(label: string, url: string): string {
  return `[${text(label)}](${linkTarget(url)})`
}

/** Cuts text to `max` characters (not bytes), marking the cut; the JSON report keeps the whole text. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/**
 * GFM's autolink extension turns `scheme://…`, `www.…` and `name@host.tld` into links even inside escaped text.
 * Entities break the first two (the autolinker never sees the literal `:` or `.`; the reader sees the same text). An
 * address is found after entities are decoded, so `@` is followed by a zero-width space, which no domain starts with.
 */
function defuseAutolinks(escaped: string): string {
  return escaped
    .replace(/:(?=\/\/)/g, '&#58;')
    .replace(/(www)\./gi, '$1&#46;')
    .replace(/@/g, '@\u200b')
}

/** Untrusted text for a table cell or a line: clipped, neutralised, escaped, with no live link in it. */
export function text(raw: string | undefined, max = 1000): string {
  return defuseAutolinks(escapeMarkdown(clip(raw ?? '', max)))
}

const URL_IN_TEXT = /https?:\/\/[^\s<>"'`|\\]+/g
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', '*', '_', '~'])

/**
 * Untrusted prose with its URLs: one on AWS's hosts becomes a link, any other is shown as defused text. Linear in
 * the length (one scan; the URL pattern is a single character-class run).
 */
export function prose(raw: string | undefined, max = 1000): string {
  const source = clip(raw ?? '', max)
  let out = ''
  let at = 0
  for (const match of source.matchAll(URL_IN_TEXT)) {
    let url = match[0]
    let end = url.length
    while (end > 0 && TRAILING_PUNCTUATION.has(url[end - 1]!)) end--
    url = url.slice(0, end)
    out += text(source.slice(at, match.index), max)
    out += isAwsUrl(url) ? link(url, url) : text(url, max)
    at = match.index + url.length
  }
  return out + text(source.slice(at), max)
}

/**
 * A line inside a fenced ```text block: markdown is inert there, so only the fence and HTML must not get through
 * (a backtick run could close the fence; `<` could open a tag on some renderers).
 */
export function codeLine(raw: string, max = 600): string {
  return neutraliseForLog(clip(raw, max)).replace(/`/g, "'").replace(/</g, '‹').replace(/>/g, '›')
}

/** UTF-8 length in bytes (GitHub's summary limit counts bytes), without Buffer so the core stays runtime-free. */
export function utf8Bytes(line: string): number {
  let bytes = 0
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
