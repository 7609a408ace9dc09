import type { Clock } from '../clock.js'
import { isCascade } from '../diagnose/reason.js'
import { formatDuration } from '../duration.js'
import { describeResource } from '../stack/format.js'
import type { StackEvent } from '../stack/types.js'
import { collectEvidence, evidenceKindOf, targetFor, waitingLine } from './collect.js'
import type { Evidence, EvidenceReaders } from './types.js'

export interface MonitorOptions {
  readers: EvidenceReaders
  region: string
  clock: Clock
  /** Explain a resource once it has been in progress this long; undefined: never. */
  slowAfterMs?: number
  info: (line: string) => void
  warn: (line: string) => void
}

const key = (event: Pick<StackEvent, 'stackId' | 'logicalResourceId'>) =>
  `${event.stackId}|${event.logicalResourceId}`
const where = (event: Pick<StackEvent, 'nestedPath' | 'logicalResourceId' | 'resourceType'>) =>
  describeResource(event)

/**
 * Watches the streamed events of the resources deploy-guard can explain (ECS services, databases, custom
 * resources). A slow one explains what it waits for every few minutes, so a stuck deploy explains itself before it
 * times out; a failed one has its evidence collected at once, while its service, tasks and logs still exist.
 */
export class ResourceMonitor {
  private readonly events: StackEvent[] = []
  private readonly inProgress = new Map<string, StackEvent>()
  private readonly explainedAt = new Map<string, number>()
  private readonly captures = new Map<string, Promise<Evidence>>()

  constructor(private readonly options: MonitorOptions) {}

  /** How often a still-slow resource is explained again: every threshold, between one and five minutes. */
  get repeatMs(): number {
    return Math.min(5 * 60_000, Math.max(60_000, this.options.slowAfterMs ?? 0))
  }

  observe(event: StackEvent): void {
    if (!evidenceKindOf(event.resourceType)) return
    this.events.push(event)
    const id = key(event)
    if (event.resourceStatus.endsWith('_IN_PROGRESS')) {
      if (!this.inProgress.has(id)) this.inProgress.set(id, event)
      return
    }
    this.inProgress.delete(id)
    this.explainedAt.delete(id)
    if (
      !event.resourceStatus.endsWith('_FAILED') ||
      isCascade(event.resourceStatusReason) ||
      this.captures.has(id)
    )
      return
    const target = targetFor(event, this.events, event.timestamp, event.resourceStatusReason)
    this.captures.set(
      id,
      collectEvidence(this.options.readers, target, this.options.region).then(evidence => {
        if (evidence.verdict) this.options.warn(`${where(event)}: ${evidence.verdict}`)
        return evidence
      })
    )
  }

  /** Explains each resource past the threshold that was not explained within `repeatMs`. */
  async explainSlow(): Promise<void> {
    const { slowAfterMs, clock } = this.options
    if (slowAfterMs === undefined) return
    const now = clock.now()
    for (const [id, first] of this.inProgress) {
      const last = this.explainedAt.get(id)
      if (now - first.timestamp < slowAfterMs) continue
      if (last !== undefined && clock.monotonic() - last < this.repeatMs) continue
      this.explainedAt.set(id, clock.monotonic())
      const target = targetFor(first, this.events, now)
      const line = await waitingLine(this.options.readers, target, now)
      this.options.info(
        `⏳ ${where(first)} ${first.resourceStatus} for ${formatDuration(now - target.since)}: ${line}`
      )
    }
  }

  /** Checks for slow resources until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.options.slowAfterMs === undefined) return
    const every = Math.min(15_000, Math.max(1_000, this.options.slowAfterMs / 2))
    while (!signal.aborted) {
      await this.options.clock.sleep(every, signal)
      if (!signal.aborted) await this.explainSlow()
    }
  }

  /** The evidence captured for failed resources (each settles: a capture never throws). */
  collected(): Promise<Evidence[]> {
    return Promise.all(this.captures.values())
  }
}
