import { stableUuid, stackArn } from './ids.js'
import { iso, required, type CallContext, type QueryHandler } from './query.js'
import { diffTemplates, parseTemplate } from './templates.js'
import { SimError, type SimChangeSet, type SimStack } from './world.js'

const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set."
const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]{0,127}$/

/** A status a change set cannot be created or executed against (CloudFormation's own wording). */
function refuseBusy(stack: SimStack, status: string): void {
  const busy = status.endsWith('_IN_PROGRESS') || status === 'ROLLBACK_COMPLETE' || status.endsWith('_FAILED')
  if (busy && status !== 'UPDATE_ROLLBACK_FAILED')
    throw new SimError('ValidationError', `Stack:${stack.id} is in ${status} state and can not be updated.`)
}

/** By ARN anywhere; by name within the named stack. A deleted change set is gone, as in CloudFormation. */
function findChangeSet(params: URLSearchParams, ctx: CallContext): SimChangeSet {
  const nameOrArn = required(params, 'ChangeSetName')
  let found: SimChangeSet | undefined
  if (nameOrArn.startsWith('arn:')) {
    found = ctx.world.stacks.flatMap(s => s.changeSets).find(c => c.id === nameOrArn)
  } else {
    const stackName = params.get('StackName')
    if (!stackName)
      throw new SimError(
        'ValidationError',
        'StackName must be specified if ChangeSetName is not specified as an ARN.'
      )
    const stack = ctx.world.require(stackName, ctx.now)
    found = stack.changeSets.findLast(c => c.name === nameOrArn)
  }
  if (!found || found.status === 'DELETE_COMPLETE')
    throw new SimError('ChangeSetNotFound', `ChangeSet [${nameOrArn}] does not exist`, 404)
  return found
}

function changeSetShape(c: SimChangeSet) {
  return {
    ChangeSetName: c.name,
    ChangeSetId: c.id,
    StackId: c.stackId,
    StackName: c.stackName,
    Description: c.description,
    CreationTime: iso(c.createdAt),
    ExecutionStatus: c.executionStatus,
    Status: c.status,
    StatusReason: c.statusReason,
    NotificationARNs: [],
    Capabilities: [],
    IncludeNestedStacks: true,
    Changes: c.changes.map(change => ({
      Type: 'Resource',
      ResourceChange: {
        Action: change.action,
        LogicalResourceId: change.logicalId,
        PhysicalResourceId: change.physicalId,
        ResourceType: change.type,
        ...(change.action === 'Modify' ? { Replacement: 'False' } : {}),
        Scope: [],
        Details: []
      }
    }))
  }
}

/** Change sets (the way `cdk deploy` deploys) and GetTemplate (how it decides whether there is anything to deploy). */
export const changeSetActions: Record<string, QueryHandler> = {
  CreateChangeSet(params, ctx) {
    const stackName = required(params, 'StackName')
    const name = required(params, 'ChangeSetName')
    const type = params.get('ChangeSetType') ?? 'UPDATE'
    if (!CHANGE_SET_NAME.test(name))
      throw new SimError(
        'ValidationError',
        `1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`
      )
    if (type !== 'CREATE' && type !== 'UPDATE')
      throw new SimError(
        'ValidationError',
        `ChangeSetType ${type} is not supported by the sim; use CREATE or UPDATE.`
      )
    if (params.get('TemplateURL'))
      throw new SimError(
        'ValidationError',
        'The sim reads templates from TemplateBody only, not TemplateURL.'
      )
    const existing = ctx.world.find(stackName, ctx.now)
    const existingStatus = existing && ctx.world.status(existing, ctx.now)
    if (type === 'CREATE' && existing && existingStatus !== 'REVIEW_IN_PROGRESS')
      throw new SimError(
        'AlreadyExistsException',
        `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`
      )
    if (type === 'UPDATE') {
      if (!existing) throw new SimError('ValidationError', `Stack [${stackName}] does not exist`)
      refuseBusy(existing, existingStatus!)
    }
    if (existing?.changeSets.some(c => c.name === name && c.status !== 'DELETE_COMPLETE'))
      throw new SimError('AlreadyExistsException', `ChangeSet [${name}] already exists`)

    const body =
      params.get('UsePreviousTemplate') === 'true' && existing
        ? ctx.world.template(existing, ctx.now)
        : required(params, 'TemplateBody')
    const template = parseTemplate(body)
    const previous =
      existing && existingStatus !== 'REVIEW_IN_PROGRESS'
        ? parseTemplate(ctx.world.template(existing, ctx.now))
        : undefined
    const changes = diffTemplates(previous, template)
    const stackRef = existing ?? {
      id: stackArn(
        ctx.region,
        ctx.principal.accountId,
        stackName,
        `${stackName}#${ctx.world.generation(stackName)}`
      ),
      name: stackName
    }
    const draft: Omit<SimChangeSet, 'id' | 'createdAt'> = {
      name,
      stackId: stackRef.id,
      stackName,
      type,
      template: body,
      ...(params.get('Description') ? { description: params.get('Description')! } : {}),
      status: changes ? 'CREATE_COMPLETE' : 'FAILED',
      ...(changes ? {} : { statusReason: NO_CHANGES }),
      executionStatus: changes ? 'AVAILABLE' : 'UNAVAILABLE',
      changes: changes ?? []
    }
    const now = changes ? ctx.stage.prepare(stackRef, draft) : ctx.now
    const stack =
      existing ??
      ctx.world.createReviewStack(
        { id: stackRef.id, name: stackName, region: ctx.region, account: ctx.principal.accountId },
        now
      )
    const changeSet: SimChangeSet = {
      ...draft,
      id: `arn:aws:cloudformation:${stack.region}:${stack.account}:changeSet/${name}/${stableUuid(`${stack.id}#${name}#${now}`)}`,
      createdAt: now
    }
    stack.changeSets.push(changeSet)
    ctx.world.apiCall(now, 'CreateChangeSet', ctx.principal, stack, {
      stackName,
      changeSetName: name,
      changeSetType: type
    })
    return { Id: changeSet.id, StackId: stack.id }
  },

  DescribeChangeSet(params, ctx) {
    return changeSetShape(findChangeSet(params, ctx))
  },

  ListChangeSets(params, ctx) {
    const stack = ctx.world.require(required(params, 'StackName'), ctx.now)
    return {
      Summaries: stack.changeSets
        .filter(c => c.status !== 'DELETE_COMPLETE')
        .map(c => {
          const {
            Changes: _changes,
            NotificationARNs: _arns,
            Capabilities: _caps,
            ...summary
          } = changeSetShape(c)
          return summary
        })
    }
  },

  ExecuteChangeSet(params, ctx) {
    const changeSet = findChangeSet(params, ctx)
    if (changeSet.status !== 'CREATE_COMPLETE' || changeSet.executionStatus !== 'AVAILABLE')
      throw new SimError(
        'InvalidChangeSetStatus',
        `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${changeSet.executionStatus}]`
      )
    const stack = ctx.world.require(changeSet.stackId, ctx.now)
    const status = ctx.world.status(stack, ctx.now)
    if (status !== 'REVIEW_IN_PROGRESS') refuseBusy(stack, status)
    ctx.world.apiCall(ctx.now, 'ExecuteChangeSet', ctx.principal, stack, {
      stackName: changeSet.stackName,
      changeSetName: changeSet.id
    })
    for (const other of stack.changeSets)
      if (other !== changeSet && other.executionStatus === 'AVAILABLE') other.executionStatus = 'OBSOLETE'
    changeSet.executionStatus = 'EXECUTE_COMPLETE'
    ctx.stage.play(stack, changeSet)
    return {}
  },

  /** Succeeds whenever the stack exists, even for a change set that does not: `cdk deploy` relies on that. */
  DeleteChangeSet(params, ctx) {
    const nameOrArn = required(params, 'ChangeSetName')
    const stackName = params.get('StackName')
    const stack = stackName
      ? ctx.world.find(stackName, ctx.now)
      : ctx.world.stacks.find(s => s.changeSets.some(c => c.id === nameOrArn))
    if (!stack) throw new SimError('ValidationError', `Stack [${stackName ?? nameOrArn}] does not exist`)
    const changeSet = stack.changeSets.findLast(
      c => (c.id === nameOrArn || c.name === nameOrArn) && c.status !== 'DELETE_COMPLETE'
    )
    ctx.world.apiCall(ctx.now, 'DeleteChangeSet', ctx.principal, stack, {
      stackName: stackName ?? stack.name,
      changeSetName: nameOrArn
    })
    if (changeSet) changeSet.status = 'DELETE_COMPLETE'
    return {}
  },

  GetTemplate(params, ctx) {
    const stack = ctx.world.require(required(params, 'StackName'), ctx.now)
    const changeSetName = params.get('ChangeSetName')
    const body = changeSetName ? findChangeSet(params, ctx).template : ctx.world.template(stack, ctx.now)
    return { TemplateBody: body, StagesAvailable: ['Original', 'Processed'] }
  }
}
