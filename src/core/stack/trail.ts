import { type CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail'
import { awsErrorMessage, isAccessDenied } from '../../aws/errors.js'
import { toTrailEntry, type TrailEntry } from '../diagnose/cloudtrail.js'
import type { ProtectionRestore } from './protection-keeper.js'

/** One CloudFormation call on a stack, as CloudTrail recorded it: who, when, and the two harmless parameters kept. */
export interface StackCall extends TrailEntry {
  /** UpdateTerminationProtection's `enableTerminationProtection`. */
  enable?: boolean
  /** The `clientRequestToken` of the call that started an operation (it tags every event of that operation). */
  clientRequestToken?: string
}

export interface StackCalls {
  calls: StackCall[]
  /** Why CloudTrail could not say (denied, not delivered yet): shown, never fatal. */
  caveat?: string
}

/** Calls that start a stack operation, by the operation their first event opens. */
const STARTERS = [
  'ExecuteChangeSet',
  'CreateStack',
  'UpdateStack',
  'DeleteStack',
  'ContinueUpdateRollback',
  'RollbackStack',
  'ImportStacksToStackSet'
]
const MAX_PAGES = 2

/**
 * CloudFormation calls on one stack from CloudTrail (LookupEvents by the stack's ARN, then by its name when the ARN
 * finds nothing), oldest first, within `[start, end]` (epoch ms). At most two pages of 50 per attribute, each paced.
 * Only identity, time, error and the two parameters above are read: request parameters can hold secrets.
 */
export async function lookupStackCalls(
  trail: CloudTrailClient,
  request: { stackId: string; stackName: string; start: number; end: number },
  pace: () => Promise<void>
): Promise<StackCalls> {
  try {
    for (const value of [request.stackId, request.stackName]) {
      const calls: StackCall[] = []
      let token: string | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        await pace()
        const reply = await trail.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: value }],
            StartTime: new Date(request.start),
            EndTime: new Date(request.end),
            MaxResults: 50,
            ...(token ? { NextToken: token } : {})
          })
        )
        for (const event of reply.Events ?? []) {
          const entry = toTrailEntry(event)
          if (entry.eventSource === 'cloudformation.amazonaws.com')
            calls.push({ ...entry, ...keptParameters(event.CloudTrailEvent) })
        }
        token = reply.NextToken
        if (!token) break
      }
      if (calls.length > 0) return { calls: calls.sort((a, b) => a.time - b.time) }
    }
    return {
      calls: [],
      caveat: 'CloudTrail has no record of it yet (it delivers events about 5–15 minutes after the call).'
    }
  } catch (error) {
    return {
      calls: [],
      caveat: isAccessDenied(error)
        ? 'cloudtrail:LookupEvents was denied; grant it to see who called what on the stack.'
        : `CloudTrail could not be read: ${awsErrorMessage(error)}`
    }
  }
}

function keptParameters(record: string | undefined): Pick<StackCall, 'enable' | 'clientRequestToken'> {
  try {
    const parameters = (JSON.parse(record ?? '{}') as { requestParameters?: Record<string, unknown> })
      .requestParameters
    const enable = parameters?.enableTerminationProtection
    const token = parameters?.clientRequestToken
    return {
      ...(typeof enable === 'boolean' ? { enable } : {}),
      ...(typeof token === 'string' ? { clientRequestToken: token } : {})
    }
  } catch {
    return {}
  }
}

/**
 * Names who turned protection off before each restore: the latest calls that turned it off, matched to the restores in
 * order (every restore follows its own "off" call, and deploy-guard's own calls only ever turn it on).
 */
export function attributeProtectionChanges(
  restores: ProtectionRestore[],
  calls: StackCall[]
): ProtectionRestore[] {
  const offs = calls.filter(
    call => call.eventName === 'UpdateTerminationProtection' && call.enable === false && !call.errorCode
  )
  const matched = offs.slice(-restores.length)
  const skipped = restores.length - matched.length
  return restores.map((restore, index) => {
    const off = index >= skipped ? matched[index - skipped] : undefined
    return off ? { ...restore, turnedOffBy: off.principal, turnedOffAt: off.time } : restore
  })
}

/** The call that started an operation whose first event is at `startedAt` (AWS time): the latest starter before it. */
export function operationStarter(
  calls: StackCall[],
  startedAt: number,
  clientRequestToken?: string
): StackCall | undefined {
  const starters = calls.filter(call => STARTERS.includes(call.eventName) && !call.errorCode)
  const byToken = clientRequestToken
    ? starters.find(call => call.clientRequestToken === clientRequestToken)
    : undefined
  return byToken ?? starters.filter(call => call.time <= startedAt + 5_000).at(-1)
}

/** "role aws-cdk-showboat (session …) at 11:26:57Z", or the token when CloudTrail cannot say yet. */
export function describeStarter(call: StackCall | undefined, clientRequestToken?: string): string {
  const token = clientRequestToken ? describeToken(clientRequestToken) : undefined
  if (call) return `${call.principal} (${call.eventName} at ${new Date(call.time).toISOString()})`
  return token ?? 'someone unknown'
}

/** What a ClientRequestToken says about where an operation came from. */
function describeToken(token: string): string {
  if (token.startsWith('Console-')) return `the AWS console (client request token ${token})`
  if (token.startsWith('exec')) return `a CDK deploy (client request token ${token})`
  return `client request token ${token}`
}
