/** What a CloudFormation status reason says beneath its prose: error codes, the service, the request id. */
export interface ParsedReason {
  summary: string
  handlerErrorCode?: string
  errorCode?: string
  service?: string
  statusCode?: number
  requestId?: string
}

export function parseReason(reason: string | undefined): ParsedReason {
  const text = reason ?? ''
  const match = (pattern: RegExp) => pattern.exec(text)?.[1]?.trim()
  const handlerMessage = match(/Resource handler returned message: "([^"]*)"/)
  const customMessage = match(
    /Received response status \[FAILED\] from custom resource\. Message returned: (.*)$/s
  )
  const statusCode = match(/Status Code: (\d{3})/)
  const handlerErrorCode = match(/HandlerErrorCode: (\w+)/)
  const errorCode = match(/Error Code: ([\w.]+)/)
  const service = match(/Service: ([\w ]+?)[,)]/)
  const requestId = match(/Request ID: ([\w-]+)/)
  return {
    summary: (handlerMessage ?? customMessage ?? text).trim(),
    ...(handlerErrorCode ? { handlerErrorCode } : {}),
    ...(errorCode ? { errorCode } : {}),
    ...(service ? { service } : {}),
    ...(statusCode ? { statusCode: Number(statusCode) } : {}),
    ...(requestId ? { requestId } : {})
  }
}

/** Reasons that only echo a failure elsewhere: the root cause is never one of these. */
const CASCADE = [
  /^The following resource\(s\) failed to/i,
  /^Embedded stack .* was not successfully (created|updated|deleted)/i
]
const CANCELLATION = /^Resource (creation|update) cancelled/i
const HANDLER_MESSAGE = /^Resource handler returned message: "/i
const CANCELLED = /cancel(?:l)?ed/gi

export function isCascade(reason: string | undefined): boolean {
  const text = reason ?? ''
  return CASCADE.some(pattern => pattern.test(text)) || isCancellation(text)
}

/**
 * A resource that failed only because CloudFormation cancelled its operation when another resource failed:
 * "Resource creation cancelled", "Resource update cancelled", or a handler message saying it was cancelled.
 */
export function isCancellation(reason: string | undefined): boolean {
  const text = reason ?? ''
  return CANCELLATION.test(text) || handlerReportsCancellation(text)
}

/**
 * `Resource handler returned message: "… cancelled …"`, in linear time: the regular expression
 * `/^…".*cancel(l)?ed.*"/` backtracks quadratically over a long reason without a closing quote (ten 100 KB reasons
 * took 11 s). The first "cancelled" after the opening quote, and any quote after it, is the same match.
 */
function handlerReportsCancellation(text: string): boolean {
  const opening = HANDLER_MESSAGE.exec(text)
  if (!opening) return false
  CANCELLED.lastIndex = opening[0].length
  const cancelled = CANCELLED.exec(text)
  return cancelled !== null && text.lastIndexOf('"') >= CANCELLED.lastIndex
}

/** How much a reason says: codes and a service beat "failed to stabilize". Used to order simultaneous failures. */
export function specificity(reason: string | undefined): number {
  const parsed = parseReason(reason)
  let score = 0
  if (parsed.handlerErrorCode) score += 2
  if (parsed.errorCode) score += 2
  if (parsed.statusCode) score += 1
  if (parsed.requestId) score += 1
  if (/did not stabilize|failed to stabilize|Internal Failure|exceeded|timed out/i.test(reason ?? ''))
    score -= 1
  return score
}

/**
 * Sentences CloudFormation adds to a stack's own rows that say only that something failed elsewhere or who asked:
 * on their own they are never a root cause. Matched as plain text (no regular expression runs over AWS text here).
 */
const GENERIC_SENTENCES = [
  'Rollback requested by user.',
  'User Initiated',
  'Resource creation Initiated',
  'Resource update Initiated'
]
const FAILED_LIST = 'The following resource(s) failed to '
const EMBEDDED = 'Embedded stack '
const NOT_SUCCESSFULLY = ' was not successfully '

/**
 * What a stack's own row says beyond the generic summaries: "No export named X found. Rollback requested by user."
 * → "No export named X found."; an "Embedded stack … was not successfully created: " prefix is dropped and its
 * remainder judged the same way. Empty when nothing specific is left, or only a cascade.
 */
export function specificStackReason(reason: string | undefined): string {
  let text = (reason ?? '').trim()
  if (text.startsWith(EMBEDDED)) {
    const verb = text.indexOf(NOT_SUCCESSFULLY)
    const colon = verb < 0 ? -1 : text.indexOf(': ', verb)
    text = colon < 0 ? '' : text.slice(colon + 2)
  }
  for (;;) {
    const start = text.indexOf(FAILED_LIST)
    if (start < 0) break
    const close = text.indexOf(']', start)
    const end = close < 0 ? text.length : text[close + 1] === '.' ? close + 2 : close + 1
    text = `${text.slice(0, start)} ${text.slice(end)}`
  }
  for (const sentence of GENERIC_SENTENCES) text = text.split(sentence).join(' ')
  text = text.split(/\s+/).join(' ').trim()
  return text === '' || text === '.' || isCascade(text) ? '' : text
}

/**
 * The first "The following resource(s) failed to create: [A, B]" of a stack's reason → `create`, [A, B]; undefined
 * when there is none. Plain text search (no regular expression over AWS text).
 */
export function failedList(reason: string | undefined): { verb: string; logicalIds: string[] } | undefined {
  const text = reason ?? ''
  const start = text.indexOf(FAILED_LIST)
  if (start < 0) return undefined
  const colon = text.indexOf(': [', start)
  const close = colon < 0 ? -1 : text.indexOf(']', colon)
  if (close < 0) return undefined
  const verb = text.slice(start + FAILED_LIST.length, colon)
  if (!['create', 'update', 'delete'].includes(verb)) return undefined
  const logicalIds = text
    .slice(colon + 3, close)
    .split(',')
    .map(id => id.trim())
    .filter(Boolean)
  return logicalIds.length ? { verb, logicalIds } : undefined
}
