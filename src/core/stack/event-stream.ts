import type { StackApi } from './api.js'
import { isOperationStart } from './convert.js'
import type { StackEvent } from './types.js'

export interface EventStreamStart {
  /** Skip everything up to and including this event (run mode: what existed before the deploy began). */
  afterEventId?: string
  /** Skip events older than this (epoch ms): a nested stack is read from the moment its parent touched it. */
  sinceMs?: number
  /** Start at the stack's current operation: page back only to its opening event (watch mode). */
  currentOperation?: boolean
  /** Bounds the first read of a long history. */
  maxPages?: number
}

/**
 * The new events of one stack, oldest first. DescribeStackEvents is newest first, so a poll pages back only until the
 * last event it has already seen: one call when nothing happened, O(new events) otherwise.
 */
export class EventStream {
  private lastSeenId: string | undefined
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
    const fresh: StackEvent[] = []
    const maxPages = this.first ? (this.start.maxPages ?? 50) : Infinity
    let token: string | undefined
    let pages = 0
    reading: do {
      const page = await this.api.eventsPage(this.stackId, this.nestedPath, token)
      pages++
      for (const event of page.events) {
        if (event.eventId === this.lastSeenId) break reading
        if (
          this.lastSeenId === undefined &&
          this.start.sinceMs !== undefined &&
          event.timestamp < this.start.sinceMs
        )
          break reading
        fresh.push(event)
        if (
          this.first &&
          this.lastSeenId === undefined &&
          this.start.currentOperation &&
          isOperationStart(event)
        )
          break reading
      }
      token = page.nextToken
    } while (token && pages < maxPages)
    this.first = false
    if (fresh.length > 0) this.lastSeenId = fresh[0]!.eventId
    return fresh.reverse()
  }

  /** The newest event id now, to start a stream after everything that already happened. */
  static async newestEventId(api: StackApi, stackId: string): Promise<string | undefined> {
    const page = await api.eventsPage(stackId, [])
    return page.events[0]?.eventId
  }
}
