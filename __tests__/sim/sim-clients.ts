import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { ECSClient } from '@aws-sdk/client-ecs'
import { RDSClient } from '@aws-sdk/client-rds'
import { incidentPrincipals, type Principal } from '../../src/sim/principals.js'
import { startSim, type Sim, type SimOptions } from '../../src/sim/server.js'

export const people = incidentPrincipals()
export const STACK = 'CourtCaseManagementStack'

/** The unmodified SDK clients, signed with a principal's access key, pointed at the sim. */
export function clientsFor(sim: Sim, principal: Principal = people.deployer, maxAttempts = 1) {
  const config = {
    endpoint: sim.url,
    region: 'us-east-1',
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: 'sim-secret' },
    maxAttempts
  }
  return {
    cfn: new CloudFormationClient(config),
    trail: new CloudTrailClient(config),
    ecs: new ECSClient(config),
    rds: new RDSClient(config),
    logs: new CloudWatchLogsClient(config)
  }
}

/** A fresh sim per test; CloudTrail's 2 requests/s limit is lifted unless the test sets it. */
export function simWith(options: SimOptions = {}): Promise<Sim> {
  return startSim({ cloudTrailRatePerSecond: Infinity, ...options })
}

export async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise
  } catch (error) {
    return error as Record<string, unknown>
  }
  throw new Error('Expected the call to fail, it succeeded')
}
