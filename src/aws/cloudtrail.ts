import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { type AwsSettings, commonConfig, READ_ATTEMPTS } from './clients.js'

/** The CloudTrail client with the common settings (see clients.ts); imported only by a diagnosis. */
export function createCloudTrailClient(settings: AwsSettings = {}): CloudTrailClient {
  return new CloudTrailClient(commonConfig({ maxAttempts: READ_ATTEMPTS, ...settings }))
}
