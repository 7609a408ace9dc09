import { DynamoDBClient } from '@aws-sdk/client-dynamodb'

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
  /** Per-request socket timeout, so a dropped connection or a hung server cannot stall a poll. */
  requestTimeoutMs?: number
}

export function commonConfig(settings: AwsSettings) {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    maxAttempts: settings.maxAttempts ?? 5,
    retryMode: 'standard' as const,
    customUserAgent: settings.userAgent ?? 'deploy-guard',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: settings.requestTimeoutMs ?? 20_000 }
  }
}

export function createDynamoDbClient(settings: AwsSettings = {}): DynamoDBClient {
  return new DynamoDBClient(commonConfig(settings))
}
