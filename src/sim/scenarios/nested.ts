import { stableUuid } from '../ids.js'
import { MINUTE, SECOND, timeline, type Script, type ScriptEvent, type ScriptStack } from '../script.js'
import {
  changeSetCalls,
  nestedStack,
  rdsHandlerMessage,
  rootStack,
  type Scenario,
  type ScenarioContext
} from './common.js'

const STACK = 'AWS::CloudFormation::Stack'
const failedToCreate = (ids: string[]) => `The following resource(s) failed to create: [${ids.join(', ')}]. `
const embedded = (child: ScriptStack, ids: string[]) =>
  `Embedded stack ${child.id} was not successfully created: ${failedToCreate(ids)}`

/** Root → NetworkStack (succeeds) and DataStack, whose Database fails; the root rolls both back. */
export const nestedChildFails: Scenario = {
  description:
    'A root stack with two nested stacks; the Database inside DataStack fails, the parent reports ' +
    '"Embedded stack … was not successfully created", and the root rolls back and deletes both children.',
  build(ctx) {
    const root = rootStack(ctx)
    const network = nestedStack(ctx, root, 'NetworkStack')
    const data = nestedStack(ctx, root, 'DataStack')
    const r = timeline(root)
    const n = timeline(network)
    const d = timeline(data)
    r.own(13 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
    r.created(15 * SECOND, 'NetworkStack', STACK, 2 * MINUTE, network.id)
    n.own(16 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
    n.created(18 * SECOND, 'Vpc', 'AWS::EC2::VPC', 30 * SECOND, 'vpc-0c0a5e1d2b3f40001')
    n.own(2 * MINUTE + 10 * SECOND, 'CREATE_COMPLETE')
    r.resource(2 * MINUTE + 20 * SECOND, 'DataStack', STACK, 'CREATE_IN_PROGRESS')
    r.resource(2 * MINUTE + 21 * SECOND, 'DataStack', STACK, 'CREATE_IN_PROGRESS', {
      physicalId: data.id,
      reason: 'Resource creation Initiated'
    })
    d.own(2 * MINUTE + 21 * SECOND, 'CREATE_IN_PROGRESS', 'User Initiated')
    d.created(
      2 * MINUTE + 23 * SECOND,
      'DatabaseSubnetGroup',
      'AWS::RDS::DBSubnetGroup',
      2 * SECOND,
      'courtcase-db-subnets'
    )
    d.resource(2 * MINUTE + 26 * SECOND, 'Database', 'AWS::RDS::DBInstance', 'CREATE_IN_PROGRESS')
    const failedAt = 2 * MINUTE + 26 * SECOND + 15 * MINUTE
    const reason = rdsHandlerMessage(
      'The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.',
      stableUuid(`${ctx.seed}#rds`),
      stableUuid(`${ctx.seed}#token`),
      'InvalidRequest'
    )
    d.resource(failedAt, 'Database', 'AWS::RDS::DBInstance', 'CREATE_FAILED', { reason })
    d.own(failedAt + SECOND, 'CREATE_FAILED', failedToCreate(['Database']))
    r.resource(failedAt + 2 * SECOND, 'DataStack', STACK, 'CREATE_FAILED', {
      physicalId: data.id,
      reason: embedded(data, ['Database'])
    })
    r.own(failedAt + 3 * SECOND, 'ROLLBACK_IN_PROGRESS', failedToCreate(['DataStack']))
    let t = failedAt + 5 * SECOND
    for (const [child, tl, resources] of [
      [
        data,
        d,
        [
          ['DatabaseSubnetGroup', 'AWS::RDS::DBSubnetGroup', 'courtcase-db-subnets'],
          ['Database', 'AWS::RDS::DBInstance', undefined]
        ]
      ],
      [network, n, [['Vpc', 'AWS::EC2::VPC', 'vpc-0c0a5e1d2b3f40001']]]
    ] as const) {
      r.resource(t, child.key, STACK, 'DELETE_IN_PROGRESS', { physicalId: child.id })
      tl.own(t + SECOND, 'DELETE_IN_PROGRESS', 'User Initiated')
      for (const [id, type, physical] of resources)
        tl.deleted(t + 2 * SECOND, id, type, 10 * SECOND, physical)
      tl.own(t + 15 * SECOND, 'DELETE_COMPLETE')
      r.resource(t + 16 * SECOND, child.key, STACK, 'DELETE_COMPLETE', { physicalId: child.id })
      t += 20 * SECOND
    }
    r.own(t, 'ROLLBACK_COMPLETE')
    return script(ctx, [root, network, data], [...r.events, ...n.events, ...d.events], t)
  }
}

function script(ctx: ScenarioContext, stacks: ScriptStack[], events: ScriptEvent[], span: number): Script {
  return {
    region: ctx.region,
    account: ctx.account,
    stacks,
    events,
    operations: [
      { at: 0, type: 'CREATE_CHANGESET' },
      { at: 12 * SECOND, type: 'CREATE_STACK' }
    ],
    trail: changeSetCalls(ctx, stacks[0], 'CREATE'),
    deletes: [],
    span
  }
}

/**
 * For the benchmark: a root with two nested stacks, each with a nested stack of its own (two levels), every
 * stack creating `resourcesPerStack` resources (3 events each); the last resource of the deepest stack fails.
 * The default of 66 gives about 1,000 events.
 */
export const largeNested: Scenario = {
  description:
    'Generated: ~1,000 events over a root, two nested stacks and two nested-nested stacks; one failure at the bottom.',
  build(ctx) {
    const perStack = Number(ctx.options.resourcesPerStack ?? 66)
    const root = rootStack(ctx)
    const left = nestedStack(ctx, root, 'LeftStack')
    const right = nestedStack(ctx, root, 'RightStack')
    const leftInner = nestedStack(ctx, left, 'LeftInnerStack')
    const rightInner = nestedStack(ctx, right, 'RightInnerStack')
    const stacks = [root, left, right, leftInner, rightInner]
    const lines = new Map(stacks.map(s => [s.key, timeline(s)]))
    const childrenOf = (s: ScriptStack) => stacks.filter(c => c.parentKey === s.key)
    let t = 13 * SECOND
    const failing = rightInner
    const build = (s: ScriptStack): boolean => {
      const tl = lines.get(s.key)!
      tl.own(t, 'CREATE_IN_PROGRESS', 'User Initiated')
      for (let i = 0; i < perStack; i++, t += SECOND) {
        const id = `Queue${String(i).padStart(4, '0')}`
        if (s === failing && i === perStack - 1) {
          tl.resource(t, id, 'AWS::SQS::Queue', 'CREATE_IN_PROGRESS')
          tl.resource(t + SECOND, id, 'AWS::SQS::Queue', 'CREATE_FAILED', {
            reason:
              'Resource handler returned message: "Queue already exists" (HandlerErrorCode: AlreadyExists)'
          })
          t += 2 * SECOND
          tl.own(t, 'CREATE_FAILED', failedToCreate([id]))
          return false
        }
        tl.created(
          t,
          id,
          'AWS::SQS::Queue',
          SECOND,
          `https://sqs.us-east-1.amazonaws.com/123456789012/${s.key}-${id}`
        )
      }
      for (const child of childrenOf(s)) {
        tl.resource(t, child.key, STACK, 'CREATE_IN_PROGRESS', { physicalId: child.id })
        t += SECOND
        const ok = build(child)
        t += SECOND
        if (!ok) {
          tl.resource(t, child.key, STACK, 'CREATE_FAILED', {
            physicalId: child.id,
            reason: embedded(child, [lastResource(child)])
          })
          tl.own(
            t + SECOND,
            s.key === '' ? 'ROLLBACK_IN_PROGRESS' : 'CREATE_FAILED',
            failedToCreate([child.key])
          )
          t += 2 * SECOND
          return false
        }
        tl.resource(t, child.key, STACK, 'CREATE_COMPLETE', { physicalId: child.id })
      }
      tl.own(t, 'CREATE_COMPLETE')
      return true
    }
    const lastResource = (s: ScriptStack) =>
      s === failing ? `Queue${String(perStack - 1).padStart(4, '0')}` : childrenOf(s).at(-1)!.key
    build(root)
    lines.get('')!.own(t + MINUTE, 'ROLLBACK_COMPLETE')
    return script(
      ctx,
      stacks,
      [...lines.values()].flatMap(l => l.events),
      t + MINUTE
    )
  }
}
