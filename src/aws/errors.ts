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
