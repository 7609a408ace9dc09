import type { StackApi } from './api.js'
import { isOperationStart } from './convert.js'
import type { StackEvent, StackSummary } from './types.js'

export interface EventStreamStart {
  /** Skip everything up to and including this event (run mode: what existed before the deploy began). */
  afterEventId?: string
  /** Skip events older than this (epoch ms): a nested stack is read from the moment its parent touched it. */
  sinceMs?: number
  /** Start at the stack's current operation: page back only to its opening event (watch mode). */
  currentOperation?: boolean
  /**
   * The current deployment's operations (from `currentOperationIds`): the first read asks DescribeEvents for exactly
   * these, which also returns early-validation and hook events DescribeStackEvents lacks.
   */
  operation?: { stackName: string; ids: string[] }
  /** Bounds the first read of a long history. */
  maxPages?: number
}

/**
 * The new events of one stack, oldest first. DescribeStackEvents is newest first, so a poll pages back only until the
 * last event it has already seen: one call when nothing happened, O(new events) otherwise.
 */
export class EventStream {
  private lastSeenId: string | undefined
  /** Nothing older than this can be new: bounds a read even if the last seen id came from DescribeEvents. */
  private lastSeenAt = -Infinity
  private readonly emitted = new Set<string>()
  private first = true

  constructor(
    private readonly api: StackApi,
    readonly stackId: string,
    readonly nestedPath: string[],
    private readonly start: EventStreamStart = {}
  ) {
    this.lastSeenId = start.afterEventId
  }

  async poll(): Promise<StackEvent[]> {
    const viaOperations = this.first ? await this.readOperations() : undefined
    const fresh = viaOperations?.length ? viaOperations : await this.readStackEvents()
    this.first = false
    const unseen = fresh.filter(event => !this.emitted.has(event.eventId))
    for (const event of unseen) this.emitted.add(event.eventId)
    if (fresh.length > 0) {
      this.lastSeenId = fresh[0]!.eventId
      this.lastSeenAt = Math.max(this.lastSeenAt, fresh[0]!.timestamp)
    }
    return unseen.reverse()
  }

  /** Newest first, back to the last seen event (or the start on the first read). */
  private async readStackEvents(): Promise<StackEvent[]> {
    const fresh: StackEvent[] = []
    const maxPages = this.first ? (this.start.maxPages ?? 50) : Infinity
    const fromStart = this.lastSeenId === undefined
    let token: string | undefined
    let pages = 0
    reading: do {
      const page = await this.api.eventsPage(this.stackId, this.nestedPath, token)
      pages++
      for (const event of page.events) {
        if (event.eventId === this.lastSeenId || event.timestamp < this.lastSeenAt) break reading
        if (fromStart && this.start.sinceMs !== undefined && event.timestamp < this.start.sinceMs)
          break reading
        fresh.push(event)
        if (this.first && fromStart && this.start.currentOperation && isOperationStart(event)) break reading
      }
      token = page.nextToken
    } while (token && pages < maxPages)
    return fresh
  }

  /** The current deployment's events from DescribeEvents, newest first; undefined to fall back. */
  private async readOperations(): Promise<StackEvent[] | undefined> {
    const operation = this.start.operation
    if (!operation || operation.ids.length === 0 || this.lastSeenId !== undefined) return undefined
    const fresh: StackEvent[] = []
    for (const id of operation.ids) {
      let token: string | undefined
      let pages = 0
      do {
        const page = await this.api.operationEventsPage(this.stackId, operation.stackName, id, token)
        if (!page) return undefined
        fresh.push(...page.events.map(event => ({ ...event, nestedPath: this.nestedPath })))
        token = page.nextToken
      } while (token && ++pages < (this.start.maxPages ?? 50))
    }
    return fresh.sort((a, b) => b.timestamp - a.timestamp)
  }

  /** The newest event now, to start a stream after everything that already happened. */
  static async newestEvent(api: StackApi, stackId: string): Promise<StackEvent | undefined> {
    const page = await api.eventsPage(stackId, [])
    return page.events[0]
  }
}

/**
 * The operations of the deployment the stack is in now, from DescribeStacks `LastOperations` (newest first): the
 * rollbacks on top, down to the create, update or delete they undo. Empty when the API did not say.
 */
export function currentOperationIds(stack: StackSummary): string[] {
  const ids: string[] = []
  for (const operation of stack.lastOperations ?? []) {
    if (!operation.operationId) break
    ids.push(operation.operationId)
    if (!/ROLLBACK/.test(operation.operationType)) break
  }
  return ids
}
