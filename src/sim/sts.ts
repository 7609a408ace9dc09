import type { Principal } from './principals.js'
import { queryErrorResponse, toXml } from './xml.js'
import { SimError } from './world.js'

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

/**
 * STS's query protocol, GetCallerIdentity only: who signed the request, from its access key. `cdk deploy` asks it for
 * the default account before anything else.
 */
export function handleSts(
  params: URLSearchParams,
  ctx: { principal: Principal; requestId: string }
): { status: number; body: string } {
  const action = params.get('Action') ?? ''
  const metadata = `<ResponseMetadata><RequestId>${ctx.requestId}</RequestId></ResponseMetadata>`
  try {
    if (action !== 'GetCallerIdentity')
      throw new SimError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`)
    const { arn, accountId, principalId } = ctx.principal
    const result = toXml({ Arn: arn, UserId: principalId, Account: accountId })
    return {
      status: 200,
      body: `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result>${metadata}</${action}Response>`
    }
  } catch (error) {
    if (!(error instanceof SimError)) throw error
    return stsError(error, ctx.requestId)
  }
}

export function stsError(error: SimError, requestId: string): { status: number; body: string } {
  return queryErrorResponse(NAMESPACE, error, requestId)
}
