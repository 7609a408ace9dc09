import { stableUuid } from '../ids.js'
import { MINUTE, SECOND, timeline } from '../script.js'
import { changeSetCalls, onBehalf, rootStack, type Scenario } from './common.js'

const DAY = 24 * 60 * MINUTE
const REVISION = (n: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/CourtCaseBackend:${n}`
const SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/CourtCaseCluster/BackendService'

/** A stack created yesterday; today's update of the ECS service trips the deployment circuit breaker. */
export const updateRollsBack: Scenario = {
  description:
    'An existing stack (created a day earlier) is updated: task definition 31 replaces 30, BackendService ' +
    'UPDATE_FAILED (circuit breaker), UPDATE_ROLLBACK_IN_PROGRESS … UPDATE_ROLLBACK_COMPLETE.',
  build(ctx) {
    const root = rootStack(ctx)
    const { events, own, resource, created, deleted } = timeline(root)
    own(-DAY, 'CREATE_IN_PROGRESS', 'User Initiated')
    created(-DAY + 2 * SECOND, 'Vpc', 'AWS::EC2::VPC', 20 * SECOND, 'vpc-0c0a5e1d2b3f40001')
    created(-DAY + 25 * SECOND, 'TaskDefinition', 'AWS::ECS::TaskDefinition', 2 * SECOND, REVISION(30))
    created(-DAY + 30 * SECOND, 'BackendService', 'AWS::ECS::Service', 3 * MINUTE, SERVICE)
    own(-DAY + 4 * MINUTE, 'CREATE_COMPLETE')

    own(13 * SECOND, 'UPDATE_IN_PROGRESS', 'User Initiated')
    resource(15 * SECOND, 'TaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_IN_PROGRESS', {
      physicalId: REVISION(30),
      reason: 'Requested update requires the creation of a new physical resource; hence creating one.'
    })
    resource(17 * SECOND, 'TaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_COMPLETE', {
      physicalId: REVISION(31)
    })
    resource(18 * SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', {
      physicalId: SERVICE
    })
    const failedAt = 18 * SECOND + 10 * MINUTE
    const reason =
      `Resource handler returned message: "Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'." ` +
      `(RequestToken: ${stableUuid(`${ctx.seed}#token`)}, HandlerErrorCode: GeneralServiceException)`
    resource(failedAt, 'BackendService', 'AWS::ECS::Service', 'UPDATE_FAILED', {
      physicalId: SERVICE,
      reason
    })
    own(
      failedAt + SECOND,
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'The following resource(s) failed to update: [BackendService]. '
    )
    resource(failedAt + 3 * SECOND, 'TaskDefinition', 'AWS::ECS::TaskDefinition', 'UPDATE_COMPLETE', {
      physicalId: REVISION(30)
    })
    resource(failedAt + 4 * SECOND, 'BackendService', 'AWS::ECS::Service', 'UPDATE_IN_PROGRESS', {
      physicalId: SERVICE
    })
    resource(failedAt + 4 * MINUTE, 'BackendService', 'AWS::ECS::Service', 'UPDATE_COMPLETE', {
      physicalId: SERVICE
    })
    own(failedAt + 4 * MINUTE + SECOND, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS')
    deleted(
      failedAt + 4 * MINUTE + 2 * SECOND,
      'TaskDefinition',
      'AWS::ECS::TaskDefinition',
      SECOND,
      REVISION(31)
    )
    const done = failedAt + 4 * MINUTE + 5 * SECOND
    own(done, 'UPDATE_ROLLBACK_COMPLETE')

    const service = { type: 'AWS::ECS::Service', name: SERVICE }
    const role = ctx.principals.cloudFormation
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      operations: [
        { at: -DAY, type: 'CREATE_STACK' },
        { at: 0, type: 'CREATE_CHANGESET' },
        { at: 12 * SECOND, type: 'UPDATE_STACK' }
      ],
      trail: [
        ...changeSetCalls(ctx, root, 'UPDATE'),
        onBehalf(18 * SECOND, role, 'ecs.amazonaws.com', 'UpdateService', service, {
          requestParameters: { service: 'BackendService', taskDefinition: REVISION(31) }
        }),
        onBehalf(failedAt + 4 * SECOND, role, 'ecs.amazonaws.com', 'UpdateService', service, {
          requestParameters: { service: 'BackendService', taskDefinition: REVISION(30) }
        })
      ],
      deletes: [],
      span: done
    }
  }
}
