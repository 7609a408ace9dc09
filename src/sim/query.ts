import type { Principal } from './principals.js'
import { SimError, type SimChangeSet, type SimStack, type World } from './world.js'

/**
 * What a CloudFormation change set needs from the sim beyond the world: the scenario it plays and simulated time to
 * play it in. Kept out of the handlers so they stay free of the clock and the scenario catalogue.
 */
export interface Stage {
  /**
   * Called when a change set is created: checks the scenario it names and makes room on the clock for it, before the
   * change set's creation time is taken, so the events of its execution are never older than that time (CDK shows
   * only events newer than its change set). Returns the sim's present after any shift, in epoch ms.
   * @throws SimError naming the valid scenarios when the template names an unknown one
   */
  prepare(stack: { id: string; name: string }, changeSet: Omit<SimChangeSet, 'id' | 'createdAt'>): number
  /** Called when a change set executes: the operation it starts plays from the sim's present. */
  play(stack: SimStack, changeSet: SimChangeSet): void
}

export interface CallContext {
  world: World
  now: number
  principal: Principal
  requestId: string
  /** Region of the request's SigV4 scope: where a new stack lives. */
  region: string
  stage: Stage
}

export type QueryHandler = (params: URLSearchParams, ctx: CallContext) => Record<string, unknown> | undefined

export const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

/** `Name.member.1`, `Name.member.2` … as the SDK serialises awsQuery lists. */
export function listParam(params: URLSearchParams, name: string): string[] {
  const values: string[] = []
  for (let i = 1; params.has(`${name}.member.${i}`); i++) values.push(params.get(`${name}.member.${i}`)!)
  return values
}

export function required(params: URLSearchParams, name: string): string {
  const value = params.get(name)
  if (!value)
    throw new SimError(
      'ValidationError',
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`
    )
  return value
}
