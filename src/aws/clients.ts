import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { NodeHttpHandler, type NodeHttpHandlerOptions } from '@smithy/node-http-handler'

/**
 * One place that builds every AWS client, so region, retries, timeouts and user agent are the same everywhere.
 * Endpoints, credentials and profiles come from the SDK's standard environment (AWS_REGION, AWS_PROFILE,
 * AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_CLOUDFORMATION …), which is also how tests reach local servers.
 * The CloudFormation and CloudTrail factories live in their own modules (cloudformation.ts, cloudtrail.ts) so the
 * lock's start-up path does not load those clients: the entries import them after the lock is taken.
 */
export interface AwsSettings {
  /** Overrides AWS_REGION / the profile's region. */
  region?: string
  /** Appended to the SDK user agent, e.g. `deploy-guard/0.1.0 run/123`. */
  userAgent?: string
  /** SDK attempts per call, including the first (throttling and transient errors are retried with backoff). */
  maxAttempts?: number
  /** Per-request timeout in ms, from sending to the response headers; it aborts the request (a retryable TimeoutError). */
  requestTimeoutMs?: number
  /**
   * Aborts every request of this client in flight, and refuses new ones, once it fires: the run's cancellation
   * (SIGINT, SIGTERM, SIGHUP, a lost lock) and the command's deadline. An aborted call rejects with `AbortError`
   * and is not retried.
   */
  signal?: AbortSignal
}

/** Per request: the TCP/TLS connection must be up within this, in ms. */
export const CONNECTION_TIMEOUT_MS = 3_000
/** Per request, in ms: a CloudFormation, CloudTrail or DynamoDB reply takes well under a second when healthy. */
export const REQUEST_TIMEOUT_MS = 10_000

export function commonConfig(settings: AwsSettings) {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    maxAttempts: settings.maxAttempts ?? 5,
    retryMode: 'standard' as const,
    customUserAgent: settings.userAgent ?? 'deploy-guard',
    requestHandler: requestHandler(settings)
  }
}

/**
 * The SDK's Node handler with timeouts that end a request rather than only log a warning (`throwOnRequestTimeout`;
 * without it @smithy/node-http-handler 4 lets a hung request wait forever), and the client's abort signal passed to
 * every request it sends.
 */
function requestHandler(settings: AwsSettings): NodeHttpHandler {
  const options: NodeHttpHandlerOptions = {
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: settings.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true
  }
  return settings.signal ? new AbortingHandler(options, settings.signal) : new NodeHttpHandler(options)
}

class AbortingHandler extends NodeHttpHandler {
  constructor(
    options: NodeHttpHandlerOptions,
    private readonly signal: AbortSignal
  ) {
    super(options)
  }

  override handle(...[request, options = {}]: Parameters<NodeHttpHandler['handle']>) {
    const own = options.abortSignal as AbortSignal | undefined
    return super.handle(request, {
      ...options,
      abortSignal: own ? AbortSignal.any([this.signal, own]) : this.signal
    })
  }
}

/** Retries for the calls whose callers back off and retry by themselves (a watch's poll, a diagnosis read). */
export const READ_ATTEMPTS = 3

export function createDynamoDbClient(settings: AwsSettings = {}): DynamoDBClient {
  return new DynamoDBClient(commonConfig(settings))
}
