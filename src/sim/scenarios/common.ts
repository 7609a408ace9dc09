import { stableUuid, stackArn } from '../ids.js'
import type { IncidentPrincipals, Principal } from '../principals.js'
import { cloudFormationCall, type Script, type ScriptStack, type ScriptTrail } from '../script.js'

export interface ScenarioContext {
  stackName: string
  region: string
  account: string
  principals: IncidentPrincipals
  /** Differs per deploy of the same name, so each deploy gets fresh ARNs and ids. */
  seed: string
  options: Record<string, unknown>
  /** Set when a change set plays the scenario on a stack that already exists: the root keeps that stack's ARN. */
  stackId?: string
}

/**
 * When a scenario's change set executes, in ms from its start (its CreateChangeSet). Played through a real
 * ExecuteChangeSet, only what a scenario scripts from this moment on happens: the rest already did, for real.
 */
export const EXECUTE_AT = 12_000

export interface Scenario {
  description: string
  build(ctx: ScenarioContext): Script
}

export function rootStack(ctx: ScenarioContext): ScriptStack {
  return {
    key: '',
    name: ctx.stackName,
    id: ctx.stackId ?? stackArn(ctx.region, ctx.account, ctx.stackName, ctx.seed)
  }
}

/** CloudFormation names nested stacks `<parent>-<logical id>-<random suffix>`. */
export function nestedStack(ctx: ScenarioContext, parent: ScriptStack, logicalId: string): ScriptStack {
  const suffix = stableUuid(`${ctx.seed}#${logicalId}`).slice(0, 12).toUpperCase().replace(/-/g, '')
  const name = `${parent.name}-${logicalId}-${suffix}`
  return {
    key: logicalId,
    name,
    id: stackArn(ctx.region, ctx.account, name, ctx.seed),
    parentKey: parent.key
  }
}

/** What `cdk deploy` does first: create a change set, then execute it, as the deployer. */
export function changeSetCalls(
  ctx: ScenarioContext,
  stack: ScriptStack,
  type: 'CREATE' | 'UPDATE'
): ScriptTrail[] {
  const deployer = ctx.principals.deployer
  const changeSetName = 'cdk-deploy-change-set'
  return [
    cloudFormationCall(0, 'CreateChangeSet', deployer, stack, {
      requestParameters: {
        stackName: stack.name,
        changeSetName,
        changeSetType: type,
        capabilities: ['CAPABILITY_IAM']
      },
      responseElements: {
        id: `arn:aws:cloudformation:${ctx.region}:${ctx.account}:changeSet/${changeSetName}/${stableUuid(ctx.seed)}`,
        stackId: stack.id
      }
    }),
    cloudFormationCall(EXECUTE_AT, 'ExecuteChangeSet', deployer, stack, {
      requestParameters: { stackName: stack.name, changeSetName }
    })
  ]
}

/** A call CloudFormation made with the deploy role on the stack's behalf. */
export function onBehalf(
  at: number,
  principal: Principal,
  eventSource: string,
  eventName: string,
  resource: { type: string; name: string },
  extra: Partial<ScriptTrail> = {}
): ScriptTrail {
  return {
    at,
    eventName,
    eventSource,
    principal,
    invokedBy: 'cloudformation.amazonaws.com',
    responseElements: null,
    resources: [resource],
    ...extra
  }
}

export const rdsHandlerMessage = (message: string, requestId: string, token: string, code: string) =>
  `Resource handler returned message: "${message} (Service: Rds, Status Code: 400, Request ID: ${requestId})" ` +
  `(RequestToken: ${token}, HandlerErrorCode: ${code})`
