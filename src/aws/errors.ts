/**
 * AWS errors are matched by `name` (the service's error code), never by `instanceof`: bundling can load two
 * copies of an SDK class, and the same code must work with errors from mocks and from the wire.
 */
export function awsErrorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const named = error as { name?: unknown; Code?: unknown; code?: unknown }
    for (const value of [named.name, named.Code, named.code])
      if (typeof value === 'string' && value) return value
  }
  return 'Error'
}

export function awsErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceededException',
  'SlowDown'
])

export function isThrottling(error: unknown): boolean {
  return THROTTLING.has(awsErrorName(error))
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED'
])

/** Throttling, 5xx, timeouts and dropped connections: worth another try after a backoff. */
export function isTransient(error: unknown): boolean {
  if (isThrottling(error)) return true
  if (!error || typeof error !== 'object') return false
  const e = error as {
    $metadata?: { httpStatusCode?: number }
    $fault?: string
    code?: string
    name?: string
  }
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined && status >= 500) return true
  if (e.$fault === 'server') return true
  if (e.code && NETWORK_CODES.has(e.code)) return true
  // The SDK sometimes wraps a dropped connection in a plain Error that only its message identifies.
  if (/socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE/.test(awsErrorMessage(error))) return true
  return [
    'TimeoutError',
    'RequestTimeout',
    'RequestTimeoutException',
    'InternalFailure',
    'ServiceUnavailable',
    'InternalServerError'
  ].includes(e.name ?? '')
}

/** A request ended by its caller's abort signal (a deadline or a cancellation): not worth another try. */
export function isAborted(error: unknown): boolean {
  return awsErrorName(error) === 'AbortError'
}

export function isAccessDenied(error: unknown): boolean {
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/.test(awsErrorName(error))
}

export function isMissingCredentials(error: unknown): boolean {
  const name = awsErrorName(error)
  return name === 'CredentialsProviderError' || /Could not load credentials/i.test(awsErrorMessage(error))
}

export function isMissingRegion(error: unknown): boolean {
  return /Region is missing/i.test(awsErrorMessage(error))
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired'])
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException'
])

interface ErrorFields {
  name?: unknown
  code?: unknown
  hostname?: unknown
  address?: unknown
  port?: unknown
  $fault?: unknown
  $metadata?: { httpStatusCode?: number; requestId?: string }
  cause?: unknown
}

/**
 * One line for an AWS or network failure, as the CLI and the actions print it: what deploy-guard was doing, what
 * the service (or the network) said, and what to check — never a stack trace (those are for DEPLOY_GUARD_DEBUG=1).
 * `doing` reads as the start of a sentence, e.g. "deploy-guard diagnose ApiStack". Errors are told apart by name and
 * code, not class (see awsErrorName). The text is AWS's: the caller neutralises it before the log.
 */
export function describeFailure(error: unknown, doing: string): string {
  const fields = (error && typeof error === 'object' ? error : {}) as ErrorFields
  const name = awsErrorName(error)
  const message = oneLine(awsErrorMessage(error)).replace(/\.$/, '')
  const code = typeof fields.code === 'string' ? fields.code : undefined
  const network = code && NETWORK_CODES.has(code) ? code : NETWORK_CODES.has(name) ? name : undefined
  const endpoint = endpointOf(fields, message)
  if (isMissingCredentials(error))
    return `${doing} failed: no AWS credentials were found (${message}). Check the credentials: aws-actions/configure-aws-credentials on a runner, AWS_PROFILE or \`aws sso login\` on a laptop.`
  if (isMissingRegion(error))
    return `${doing} failed: no AWS Region is set. Check AWS_REGION (or --region / the region input).`
  if (network || /^(TimeoutError|AbortError|RequestTimeout)$/.test(name)) {
    const what = network ?? 'no answer in time'
    return `${doing} failed: could not reach ${endpoint ?? 'AWS'} (${what}${message && !message.includes(what) ? `: ${message}` : ''}). Check the network or proxy, the Region (AWS_REGION) and any AWS_ENDPOINT_URL* setting.`
  }
  const status = fields.$metadata?.httpStatusCode
  const said = `AWS answered ${name}${status ? ` (HTTP ${status})` : ''}: ${message}`
  if (isAccessDenied(error))
    return `${doing} failed: ${said}. Check the role's IAM policy against iam/deploy-guard-policy.json.`
  if (EXPIRED.has(name))
    return `${doing} failed: ${said}. The AWS credentials have expired: refresh them (a new session, \`aws sso login\`).`
  if (BAD_CREDENTIALS.has(name))
    return `${doing} failed: ${said}. Check the credentials (key, secret, session token) and that they belong to this partition and Region.`
  if (isThrottling(error))
    return `${doing} failed: ${said}. AWS throttled the calls even after retries: try again later, or lengthen the poll interval.`
  if (fields.$fault === 'server' || (status !== undefined && status >= 500))
    return `${doing} failed: ${said}. The service failed on its side: try again later.`
  if (fields.$metadata || fields.$fault)
    return `${doing} failed: ${said}. Check the stack name, the Region and the input above.`
  return `${doing} failed unexpectedly: ${name === 'Error' ? '' : `${name}: `}${message}. Set DEPLOY_GUARD_DEBUG=1 for the stack trace, and report it if it persists.`
}

/** Debug output (stack traces) was asked for: DEPLOY_GUARD_DEBUG=1, or the runner's step debug logging. */
export function debugRequested(env: Record<string, string | undefined>): boolean {
  return ['DEPLOY_GUARD_DEBUG', 'ACTIONS_STEP_DEBUG', 'RUNNER_DEBUG'].some(name =>
    /^(1|true)$/i.test(env[name] ?? '')
  )
}

function endpointOf(fields: ErrorFields, message: string): string | undefined {
  if (typeof fields.hostname === 'string') return fields.hostname
  if (typeof fields.address === 'string')
    return typeof fields.port === 'number' ? `${fields.address}:${fields.port}` : fields.address
  const cause = fields.cause as ErrorFields | undefined
  if (cause && typeof cause === 'object' && cause !== fields) return endpointOf(cause, '')
  // "getaddrinfo ENOTFOUND host" / "connect ECONNREFUSED 127.0.0.1:1": the last word is the endpoint.
  const last = message.split(' ').at(-1)
  return last && /^[\w.-]+(:\d+)?$/.test(last) && /[.:]/.test(last) ? last : undefined
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim()
}
