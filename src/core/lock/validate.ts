import type { DeployStatus, LastDeploy, LockHolder, LockRecord, QueueTicket } from './types.js'

/** A lock item that is not what deploy-guard writes (hand-edited, half-written by another tool, …). */
export interface MalformedLock {
  key: string
  /** What is wrong, one phrase each, e.g. `fence is a string ("7"), not a number`. */
  problems: string[]
  /**
   * The highest number readable in the item's fence-like attributes (numbers stored as strings included), or 0:
   * a forced clean-up restarts the fence above it, so no fence is ever handed out twice.
   */
  highestFence: number
  /** The `fence` attribute exactly as stored (any type, or undefined): a forced clean-up is conditioned on it. */
  storedFence: unknown
}

/** An item read from the table: a valid lock record, or a malformed one with what is wrong with it. */
export type LockEntry = { record: LockRecord } | { malformed: MalformedLock }

const DEPLOY_STATUSES: readonly DeployStatus[] = ['started', 'succeeded', 'failed', 'cancelled', 'unknown']

/**
 * Validates one unmarshalled item against the lock item schema (DESIGN §3): `owner` a non-empty string, `fence` and
 * the lease times numbers, `released` a boolean, `holder` a map with an `identity`. Nothing is guessed: an item that
 * does not fit is returned as malformed, so a waiter never waits on "unknown since 1970".
 */
export function parseLockItem(key: string, item: Record<string, unknown>): LockEntry {
  const problems: string[] = []
  const number = (name: string, value: unknown, required = true): number => {
    if (typeof value === 'number' && Number.isFinite(value)) return value
    if (value === undefined) {
      if (required) problems.push(`${name} is missing`)
    } else problems.push(`${name} is ${describeValue(value)}, not a number`)
    return 0
  }
  const owner = item.owner
  if (typeof owner !== 'string' || owner === '')
    problems.push(owner === undefined ? 'owner is missing' : `owner is ${describeValue(owner)}, not a token`)
  const fence = number('fence', item.fence)
  if (typeof item.fence === 'number' && (!Number.isSafeInteger(fence) || fence < 0))
    problems.push(`fence is ${fence}, not a whole number ≥ 0`)
  const leaseMs = number('leaseMs', item.leaseMs)
  const leaseExpiresAt = number('leaseExpiresAt', item.leaseExpiresAt)
  const heartbeatAt = number('heartbeatAt', item.heartbeatAt)
  const acquiredAt = number('acquiredAt', item.acquiredAt)
  if (typeof item.released !== 'boolean')
    problems.push(
      item.released === undefined
        ? 'released is missing'
        : `released is ${describeValue(item.released)}, not true/false`
    )
  const kind = item.kind ?? 'deploy'
  if (kind !== 'deploy' && kind !== 'freeze')
    problems.push(`kind is ${describeValue(kind)}, not deploy or freeze`)
  const holder = item.holder as LockHolder | undefined
  if (!isMap(holder) || typeof holder.identity !== 'string')
    problems.push(holder === undefined ? 'holder is missing' : 'holder has no identity')
  const lastDeploy = item.lastDeploy
  if (lastDeploy !== undefined && !isLastDeploy(lastDeploy))
    problems.push('lastDeploy is not a deploy record (fence, status)')
  const deploys = item.deploys
  if (deploys !== undefined && (!isMap(deploys) || !Object.values(deploys).every(isLastDeploy)))
    problems.push('deploys is not a map of deploy records')
  const lastDeployFence = number('lastDeployFence', item.lastDeployFence, false)
  const queue = item.queue
  if (queue !== undefined && (!isMap(queue) || !Object.values(queue).every(isTicket)))
    problems.push('queue is not a map of tickets')
  number('releasedAt', item.releasedAt, false)
  const ticketSeq = number('ticketSeq', item.ticketSeq, false)

  if (problems.length > 0)
    return { malformed: { key, problems, highestFence: highestFence(item), storedFence: item.fence } }
  return {
    record: {
      key,
      kind: kind as LockRecord['kind'],
      owner: owner as string,
      fence,
      leaseMs,
      leaseExpiresAt,
      heartbeatAt,
      acquiredAt,
      released: item.released as boolean,
      ...(item.releasedAt !== undefined ? { releasedAt: item.releasedAt as number } : {}),
      ...(typeof item.releasedBy === 'string' ? { releasedBy: item.releasedBy } : {}),
      holder: holder!,
      ...(lastDeploy !== undefined ? { lastDeploy: lastDeploy as LastDeploy } : {}),
      ...(deploys !== undefined ? { deploys: deploys as Record<string, LastDeploy> } : {}),
      ...(item.lastDeployFence !== undefined ? { lastDeployFence } : {}),
      ...(isMap(item.forced) ? { forced: item.forced as unknown as LockRecord['forced'] & object } : {}),
      ...(queue !== undefined ? { queue: queue as Record<string, QueueTicket> } : {}),
      ...(item.ticketSeq !== undefined ? { ticketSeq } : {})
    }
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Set)
}

function isLastDeploy(value: unknown): boolean {
  return (
    isMap(value) &&
    typeof value.fence === 'number' &&
    DEPLOY_STATUSES.includes(value.status as DeployStatus) &&
    typeof value.startedAt === 'number'
  )
}

function isTicket(value: unknown): boolean {
  return (
    isMap(value) &&
    typeof value.number === 'number' &&
    typeof value.heartbeatAt === 'number' &&
    isMap(value.holder) &&
    typeof value.holder.identity === 'string'
  )
}

/** `a string ("7")`, `a map`, … for "what is wrong" lines; string values are cut short. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return `a string (${JSON.stringify(value.slice(0, 40))})`
  if (typeof value === 'number') return `the number ${value}`
  if (typeof value === 'boolean') return `the boolean ${value}`
  if (value instanceof Set) return 'a set'
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  return 'a map'
}

function readableNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN
  return Number.isSafeInteger(n) && n > 0 ? n : 0
}

function highestFence(item: Record<string, unknown>): number {
  const candidates = [item.fence, item.lastDeployFence]
  for (const nested of [item.lastDeploy, item.forced]) if (isMap(nested)) candidates.push(nested.fence)
  if (isMap(item.deploys))
    for (const deploy of Object.values(item.deploys)) if (isMap(deploy)) candidates.push(deploy.fence)
  return Math.max(0, ...candidates.map(readableNumber))
}
