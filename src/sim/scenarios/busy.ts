import { stableUuid } from '../ids.js'
import type { Principal } from '../principals.js'
import {
  cloudFormationCall,
  MINUTE,
  SECOND,
  timeline,
  type Script,
  type ScriptEvent,
  type ScriptStack
} from '../script.js'
import { rootStack, type Scenario, type ScenarioContext } from './common.js'

const DAY = 24 * 60 * MINUTE
const SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/CourtCaseCluster/BackendService'
const REVISION = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/CourtCaseBackend:${n}`
const circuitBreaker = (ctx: ScenarioContext, step: string) =>
  `Resource handler returned message: "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'." ` +
  `(RequestToken: ${stableUuid(`${ctx.seed}#${step}`)}, HandlerErrorCode: GeneralServiceException)`

/** Yesterday's create of the stack: VPC, task definition 30 and BackendService, all complete. */
function createdYesterday(root: ScriptStack) {
  const parts = timeline(root)
  parts.own(-DAY, 'CREATE_IN_PROGRESS', 'User Initiated')
  parts.created(-DAY + 2 * SECOND, 'Vpc', 'AWS::EC2::VPC', 20 * SECOND, 'vpc-0c0a5e1d2b3f40001')
  parts.created(-DAY + 25 * SECOND, 'TaskDefinition', 'AWS::ECS::TaskDefinition', 2 * SECOND, REVISION(30))
  parts.created(-DAY + 30 * SECOND, 'BackendService', 'AWS::ECS::Service', 3 * MINUTE, SERVICE)
  parts.own(-DAY + 4 * MINUTE, 'CREATE_COMPLETE')
  return parts
}

/** The events of one update of BackendService (task definition 31), all tagged with the starting call's token. */
function update(
  ctx: ScenarioContext,
  root: ScriptStack,
  start: number,
  token: string,
  fails: boolean
): { events: ScriptEvent[]; end: number } {
  const { events, own, resource } = timeline(root)
  own(start, 'UPDATE_IN_PROGRESS', 'User Initiated')
  resource(start + 2 * SECOND, 'TaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_COMPLETE', {
    physicalId: REVISION(31)
  })
  resource(start + 3 * SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', {
    physicalId: SERVICE
  })
  let end = start + 6 * MINUTE
  if (!fails) {
    resource(end - SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', { physicalId: SERVICE })
    own(end, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    own(end + SECOND, 'UPDATE_COMPLETE')
    end += SECOND
  } else {
    resource(end - SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', {
      physicalId: SERVICE,
      reason: circuitBreaker(ctx, 'update')
    })
    own(end, 'UPDATE_ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to update: [BackendService]. ')
    resource(end + 3 * MINUTE, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', {
      physicalId: SERVICE
    })
    end += 3 * MINUTE + SECOND
    own(end, 'UPDATE_ROLLBACK_COMPLETE')
  }
  return { events: events.map(event => ({ ...event, clientRequestToken: token })), end }
}

/**
 * An existing stack updated `start` after the scenario is placed, by `principal` executing `changeSetName`; every
 * event of the update carries the execution's ClientRequestToken, as CloudFormation's do.
 */
function existingStackUpdated(
  ctx: ScenarioContext,
  start: number,
  caller: { principal: Principal; changeSetName: string; token: string }
): Script {
  const root = rootStack(ctx)
  const history = createdYesterday(root)
  const run = update(ctx, root, start, caller.token, ctx.options.fails === true)
  return {
    region: ctx.region,
    account: ctx.account,
    stacks: [root],
    events: [...history.events, ...run.events],
    operations: [
      { at: -DAY, type: 'CREATE_STACK' },
      { at: start, type: 'UPDATE_STACK' }
    ],
    trail: [
      cloudFormationCall(start - SECOND, 'ExecuteChangeSet', caller.principal, root, {
        requestParameters: {
          stackName: root.name,
          changeSetName: caller.changeSetName,
          clientRequestToken: caller.token
        }
      })
    ],
    deletes: [],
    span: run.end
  }
}

/**
 * The stack is mid-update by someone else when a guarded run takes the lock: the operator executed a change set from
 * the console (no lock) a moment before. `{ fails: true }`: that update rolls back.
 */
export const busyWithOthersUpdate: Scenario = {
  description:
    'An existing stack (created a day earlier) is being updated by iseepatterns_user from the console, without the lock: ' +
    'UPDATE_IN_PROGRESS from 1 s (option updateAfterMinutes) for 6 minutes, then UPDATE_COMPLETE (or, with ' +
    '{ fails: true }, UPDATE_ROLLBACK_COMPLETE).',
  build: ctx =>
    existingStackUpdated(
      ctx,
      ctx.options.updateAfterMinutes ? Number(ctx.options.updateAfterMinutes) * MINUTE : SECOND,
      {
        principal: ctx.principals.operator,
        changeSetName: 'console-change',
        token: `Console-ExecuteChangeSet-${stableUuid(`${ctx.seed}#console`)}`
      }
    )
}

/**
 * An existing stack a deploy updates: the update is scripted to begin `updateAfterMinutes` (default 10) after the
 * scenario is placed, so a test or the bench can first do what `cdk deploy` does — set termination protection to the
 * app's setting — before the change set executes (the real CLI does it through the sim's change sets, cdk-*.test.ts).
 */
export const existingStackUpdate: Scenario = {
  description:
    'An existing stack (created a day earlier) whose update by the deployer begins 10 minutes after it is placed ' +
    '(option updateAfterMinutes) and succeeds (or rolls back with { fails: true }).',
  build: ctx =>
    existingStackUpdated(ctx, Number(ctx.options.updateAfterMinutes ?? 10) * MINUTE, {
      principal: ctx.principals.deployer,
      changeSetName: 'cdk-deploy-change-set',
      token: `exec${stableUuid(`${ctx.seed}#cdk`)}`
    })
}

/**
 * An existing stack whose update failed and whose rollback failed too: BackendService could not be rolled back, so
 * the stack is UPDATE_ROLLBACK_FAILED and refuses every update until the rollback is continued.
 */
export const updateRollbackFailed: Scenario = {
  description:
    'An existing stack whose update of BackendService failed (circuit breaker) and whose rollback failed on the same ' +
    'service: UPDATE_ROLLBACK_FAILED, blocked by BackendService.',
  build(ctx) {
    const root = rootStack(ctx)
    const { events, own, resource } = createdYesterday(root)
    own(0, 'UPDATE_IN_PROGRESS', 'User Initiated')
    resource(3 * SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', { physicalId: SERVICE })
    resource(10 * MINUTE, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', {
      physicalId: SERVICE,
      reason: circuitBreaker(ctx, 'update')
    })
    own(
      10 * MINUTE + SECOND,
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'The following resource(s) failed to update: [BackendService]. '
    )
    resource(10 * MINUTE + 3 * SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', {
      physicalId: SERVICE
    })
    resource(20 * MINUTE, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', {
      physicalId: SERVICE,
      reason: circuitBreaker(ctx, 'rollback')
    })
    const end = 20 * MINUTE + SECOND
    own(end, 'UPDATE_ROLLBACK_FAILED', 'The following resource(s) failed to update: [BackendService]. ')
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      operations: [
        { at: -DAY, type: 'CREATE_STACK' },
        { at: 0, type: 'UPDATE_STACK' },
        { at: 10 * MINUTE + SECOND, type: 'ROLLBACK' }
      ],
      trail: [cloudFormationCall(0, 'ExecuteChangeSet', ctx.principals.deployer, root)],
      deletes: [],
      span: end
    }
  }
}
