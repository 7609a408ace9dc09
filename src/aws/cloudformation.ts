import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { type AwsSettings, commonConfig, READ_ATTEMPTS } from './clients.js'

/** The CloudFormation client with the common settings (see clients.ts); imported only where a stack is read. */
export function createCloudFormationClient(settings: AwsSettings = {}): CloudFormationClient {
  return new CloudFormationClient(commonConfig({ maxAttempts: READ_ATTEMPTS, ...settings }))
}
