import type { LogLine, LogsReader } from './types.js'
import { consoleUrl } from '../console-url.js'

/** A CloudWatch Logs filter pattern (any term matches) for the lines worth showing, and the same rule locally. */
export const ERROR_LINES_PATTERN =
  '?ERROR ?Error ?error ?Exception ?FATAL ?Fatal ?panic ?Traceback ?"Task timed out"'
const ERROR_LINE = /\b(?:ERROR|Error|error|Exception|FATAL|Fatal|panic|Traceback)\b|Task timed out/

/** The report shows at most this many log lines per resource, each cut to this length. */
export const MAX_LOG_LINES = 5
const MAX_LINE_LENGTH = 400

export function isErrorLine(message: string): boolean {
  return ERROR_LINE.test(message)
}

/**
 * Error lines can still quote configuration: credentials in URLs, `password=…`, access keys and bearer tokens are
 * masked before a line reaches the report. This is defence in depth; only error lines are ever shown at all.
 */
export function redactSecrets(message: string): string {
  return message
    .replace(/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1***@')
    .replace(
      /\b((?:[A-Za-z0-9_-]*?)(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|credential)s?)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
      '$1$2***'
    )
    .replace(/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '***')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 ***')
}

/** The last error lines of a stream or log group in the window: trimmed, redacted, oldest first. */
export async function lastErrorLines(
  logs: LogsReader,
  query: { group: string; stream?: string; startMs: number; endMs: number }
): Promise<LogLine[]> {
  const lines = await logs.recentLines({ ...query, pattern: ERROR_LINES_PATTERN, limit: 100 })
  return (
    lines
      .filter(line => isErrorLine(line.message))
      .slice(-MAX_LOG_LINES)
      // Cut before redacting: a log line can be 256 KB, and the redaction patterns scan back and forth within words.
      .map(line => ({
        ...line,
        message: clip(redactSecrets(line.message.trim().slice(0, 4 * MAX_LINE_LENGTH)))
      }))
  )
}

function clip(text: string): string {
  return text.length > MAX_LINE_LENGTH ? `${text.slice(0, MAX_LINE_LENGTH - 1)}…` : text
}

/** The CloudWatch console encodes path parts twice, with `$` for `%` (its own URL scheme). */
function consolePart(text: string): string {
  return encodeURIComponent(encodeURIComponent(text)).replace(/%/g, '$')
}

export function logGroupUrl(region: string, group: string, stream?: string): string {
  const base = consoleUrl(
    region,
    `cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${consolePart(group)}`
  )
  return stream ? `${base}/log-events/${consolePart(stream)}` : base
}
