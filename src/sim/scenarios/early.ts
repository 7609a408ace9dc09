import { SECOND, timeline } from '../script.js'
import { changeSetCalls, rootStack, type Scenario } from './common.js'

const BUCKET = { id: 'DocumentsBucket', type: 'AWS::S3::Bucket' }

/** CloudFormation's early validation fails the change set before anything is provisioned. */
export const earlyValidationFails: Scenario = {
  description:
    'CreateChangeSet fails early validation (the bucket name already exists): the stack stays REVIEW_IN_PROGRESS ' +
    'and the reason is visible only through DescribeEvents (EventType VALIDATION_ERROR).',
  build(ctx) {
    const root = rootStack(ctx)
    const { events, own, resource } = timeline(root)
    own(0, 'REVIEW_IN_PROGRESS', 'User Initiated')
    resource(4 * SECOND, BUCKET.id, BUCKET.type, 'CREATE_FAILED', {
      eventType: 'VALIDATION_ERROR',
      describeEventsOnly: true,
      validation: {
        name: 'NAME_CONFLICT_VALIDATION',
        status: 'FAILED',
        reason: 'Resource of type AWS::S3::Bucket with identifier court-case-documents already exists.',
        path: '/Resources/DocumentsBucket/Properties/BucketName',
        failureMode: 'FAIL'
      }
    })
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      operations: [{ at: 0, type: 'CREATE_CHANGESET' }],
      trail: changeSetCalls(ctx, root, 'CREATE').slice(0, 1),
      deletes: [],
      span: 5 * SECOND
    }
  }
}

/** A proactive-control hook rejects a resource before it is provisioned; the stack rolls back. */
export const hookFails: Scenario = {
  description:
    'A Guard hook (PRE_PROVISION, FAIL mode) rejects the unencrypted DocumentsBucket: HOOK_COMPLETE_FAILED, ' +
    'CREATE_FAILED, ROLLBACK_COMPLETE; DescribeEvents shows it as HOOK_INVOCATION_ERROR.',
  build(ctx) {
    const root = rootStack(ctx)
    const { events, own, resource } = timeline(root)
    const hook = {
      type: 'Private::Guard::S3Encryption',
      invocationPoint: 'PRE_PROVISION',
      failureMode: 'FAIL'
    }
    own(0, 'REVIEW_IN_PROGRESS', 'User Initiated')
    own(13 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
    resource(15 * SECOND, BUCKET.id, BUCKET.type, 'CREATE_IN_PROGRESS', {
      hook: { ...hook, status: 'HOOK_IN_PROGRESS', reason: 'Invoking hook' }
    })
    resource(17 * SECOND, BUCKET.id, BUCKET.type, 'CREATE_IN_PROGRESS', {
      eventType: 'HOOK_INVOCATION_ERROR',
      hook: {
        ...hook,
        status: 'HOOK_COMPLETE_FAILED',
        reason: 'Template failed validation, the following rule(s) failed: S3_BUCKET_SSE_ENABLED.'
      }
    })
    resource(18 * SECOND, BUCKET.id, BUCKET.type, 'CREATE_FAILED', {
      reason: 'The following hook(s)/validation failed: [Private::Guard::S3Encryption].'
    })
    own(
      19 * SECOND,
      'ROLLBACK_IN_PROGRESS',
      'The following resource(s) failed to create: [DocumentsBucket]. '
    )
    own(22 * SECOND, 'ROLLBACK_COMPLETE')
    return {
      region: ctx.region,
      account: ctx.account,
      stacks: [root],
      events,
      operations: [
        { at: 0, type: 'CREATE_CHANGESET' },
        { at: 12 * SECOND, type: 'CREATE_STACK' }
      ],
      trail: changeSetCalls(ctx, root, 'CREATE'),
      deletes: [],
      span: 22 * SECOND
    }
  }
}
