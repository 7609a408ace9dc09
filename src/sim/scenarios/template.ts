import { stableUuid } from '../ids.js'
import { SECOND, timeline, type Script } from '../script.js'
import type { Template } from '../templates.js'
import type { SimResourceChange } from '../world.js'
import { EXECUTE_AT, rootStack, type ScenarioContext } from './common.js'

/** How long the sim takes over each resource of a template it plays (simulated time), unless `resourceMinutes` says. */
const DEFAULT_RESOURCE_TAKES = 20 * SECOND
/** Deleting a resource the update removed. */
const DELETE_TAKES = 10 * SECOND

/**
 * The change set of a template that names no scenario, played as CloudFormation would: the stack goes
 * CREATE_IN_PROGRESS (or UPDATE_IN_PROGRESS), each added resource is created and each modified one updated, one after
 * the other, removed ones are deleted in the cleanup phase, and the stack completes. Physical ids are stable per
 * stack and logical id, so an update keeps them. Option `resourceMinutes`: how long each resource takes
 * to create or update.
 */
export function playTemplate(
  ctx: ScenarioContext,
  change: { type: 'CREATE' | 'UPDATE'; template: Template; changes: SimResourceChange[] }
): Script {
  const root = rootStack(ctx)
  const { events, own, resource, created, deleted } = timeline(root)
  const physical = (logicalId: string) =>
    `${ctx.stackName}-${logicalId}-${stableUuid(`${root.id}#${logicalId}`).slice(0, 12).toUpperCase()}`
  const minutes = Number(ctx.options.resourceMinutes)
  const takes = minutes > 0 ? minutes * 60 * SECOND : DEFAULT_RESOURCE_TAKES
  const verb = change.type === 'CREATE' ? 'CREATE' : 'UPDATE'
  let t = EXECUTE_AT + SECOND
  own(t, `${verb}_IN_PROGRESS`, 'User Initiated')
  t += SECOND
  for (const c of change.changes) {
    if (c.action === 'Add') created(t, c.logicalId, c.type, takes, physical(c.logicalId))
    if (c.action === 'Modify') {
      resource(t, c.logicalId, c.type, 'UPDATE_IN_PROGRESS', { physicalId: physical(c.logicalId) })
      resource(t + takes, c.logicalId, c.type, 'UPDATE_COMPLETE', { physicalId: physical(c.logicalId) })
    }
    if (c.action !== 'Remove') t += takes + SECOND
  }
  const removed = change.changes.filter(c => c.action === 'Remove')
  if (verb === 'UPDATE') {
    own(t, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS')
    t += SECOND
    for (const c of removed) {
      deleted(t, c.logicalId, c.type, DELETE_TAKES, physical(c.logicalId))
      t += DELETE_TAKES + SECOND
    }
  }
  own(t, `${verb}_COMPLETE`)
  return {
    region: ctx.region,
    account: ctx.account,
    stacks: [root],
    events,
    operations: [{ at: EXECUTE_AT, type: verb === 'CREATE' ? 'CREATE_STACK' : 'UPDATE_STACK' }],
    trail: [],
    deletes: [],
    span: t
  }
}
