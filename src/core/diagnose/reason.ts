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
  /^Resource creation cancelled/i,
  /^Resource update cancelled/i,
  /^The following resource\(s\) failed to/i,
  /^Embedded stack .* was not successfully (created|updated|deleted)/i,
  /^Resource handler returned message: ".*cancel(l)?ed.*"/i
]

export function isCascade(reason: string | undefined): boolean {
  return CASCADE.some(pattern => pattern.test(reason ?? ''))
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
