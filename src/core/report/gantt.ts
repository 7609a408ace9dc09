import { isCascade } from '../diagnose/reason.js'
import { isStackLevelEvent } from '../stack/convert.js'
import type { StackEvent } from '../stack/types.js'

/** How a bar is drawn: Mermaid's `crit` (red) for a resource that failed on its own, `done` (grey) for a cascade. */
export type BarKind = 'failed' | 'cascade' | 'unfinished' | 'ok'

/** One resource's span in the operation: epoch ms from its first `*_IN_PROGRESS` to its final event. */
export interface GanttBar {
  /** Logical ids of the nested stacks down to the one holding the resource ([] for the root stack). */
  nestedPath: string[]
  logicalResourceId: string
  resourceType: string
  start: number
  end: number
  finalStatus: string
  kind: BarKind
}

export interface GanttChart {
  /** The Mermaid source, without the fence. */
  mermaid: string
  drawn: GanttBar[]
  /** Resources not drawn to keep the chart readable; the report's event log and JSON have them. */
  omitted: number
}

/** GitHub renders big charts too small to read on a phone; the slowest ones and every failure come first. */
export const MAX_BARS = 40
export const ALWAYS_SLOWEST = 10
const MAX_LABEL = 48
const MIN_BAR_MS = 1000

/** One bar per resource (stack-level events excluded), in the order each resource first appeared. */
export function ganttBars(events: StackEvent[]): GanttBar[] {
  const bars = new Map<string, GanttBar>()
  const ordered = [...events].sort((a, b) => a.timestamp - b.timestamp)
  for (const event of ordered) {
    if (isStackLevelEvent(event)) continue
    const key = `${event.stackId}\u0000${event.logicalResourceId}`
    let bar = bars.get(key)
    if (!bar) {
      if (!event.resourceStatus.endsWith('_IN_PROGRESS')) continue
      bar = {
        nestedPath: event.nestedPath,
        logicalResourceId: event.logicalResourceId,
        resourceType: event.resourceType,
        start: event.timestamp,
        end: event.timestamp,
        finalStatus: event.resourceStatus,
        kind: 'unfinished'
      }
      bars.set(key, bar)
    }
    bar.end = event.timestamp
    bar.finalStatus = event.resourceStatus
    // A resource that failed on its own stays a failure even if the rollback later deletes it cleanly.
    if (event.resourceStatus.endsWith('_FAILED'))
      bar.kind = bar.kind === 'failed' || !isCascade(event.resourceStatusReason) ? 'failed' : 'cascade'
    else if (bar.kind === 'unfinished' && !event.resourceStatus.endsWith('_IN_PROGRESS')) bar.kind = 'ok'
  }
  return [...bars.values()]
}

/**
 * Which bars to draw when there are more than `max`: every failure, then the slowest `ALWAYS_SLOWEST`, then the
 * cascades, then the slowest of the rest; drawn back in start order.
 */
export function pickBars(bars: GanttBar[], max = MAX_BARS): GanttBar[] {
  if (bars.length <= max) return bars
  const byDuration = [...bars].sort((a, b) => b.end - b.start - (a.end - a.start))
  const chosen = new Set<GanttBar>()
  const take = (candidates: GanttBar[], limit = max) => {
    for (const bar of candidates) {
      if (chosen.size >= limit) break
      chosen.add(bar)
    }
  }
  take(byDuration.slice(0, ALWAYS_SLOWEST))
  take(
    bars.filter(bar => bar.kind === 'failed'),
    max
  )
  take(bars.filter(bar => bar.kind === 'cascade' || bar.kind === 'unfinished'))
  take(byDuration)
  return bars.filter(bar => chosen.has(bar))
}

/**
 * Text from AWS made safe for a Mermaid gantt line: Mermaid reads `:` (task data), `#…;` (entities), `;`, `%%`
 * (comments), newlines and keywords at a line's start (`section`, `click`, `title` …), and the fence reads backticks;
 * so only letters, digits and ` _-./()+,@[]` pass, anything else becomes `_`, and the length is capped.
 */
export function mermaidLabel(raw: string, max = MAX_LABEL): string {
  let out = ''
  for (const char of raw) {
    if (out.length >= max) {
      out = `${out.slice(0, max - 1)}…`
      break
    }
    out += /[A-Za-z0-9 _\-./()+,@[\]]/.test(char) ? char : '_'
  }
  return out.replace(/\s+/g, ' ').trim() || '_'
}

const BAR_TAGS: Record<BarKind, string> = {
  failed: 'crit, ',
  cascade: 'done, ',
  unfinished: 'active, ',
  ok: ''
}
const BAR_ICON: Record<BarKind, string> = { failed: '✗', cascade: '↺', unfinished: '…', ok: '✓' }

/** `RDS DBInstance` for `AWS::RDS::DBInstance`: short enough for a bar, with no `:` for Mermaid to trip on. */
function shortType(resourceType: string): string {
  return resourceType
    .replace(/^AWS::/, '')
    .split('::')
    .join(' ')
}

/**
 * A Mermaid `gantt` of the operation: one section per stack (root first, nested by path), one bar per resource,
 * each label led by an icon so no label can start with a Mermaid keyword. Times are epoch ms (`dateFormat x`).
 */
export function renderGantt(stackName: string, events: StackEvent[], max = MAX_BARS): GanttChart | undefined {
  const bars = ganttBars(events)
  if (bars.length === 0) return undefined
  const drawn = pickBars(bars, max)
  const sections = new Map<string, GanttBar[]>()
  for (const bar of drawn) {
    const section = bar.nestedPath.length ? bar.nestedPath.join('/') : stackName
    sections.set(section, [...(sections.get(section) ?? []), bar])
  }
  const lines = ['gantt', '  dateFormat x', '  axisFormat %H:%M', '  todayMarker off']
  for (const [section, sectionBars] of sections) {
    lines.push(`  section ${mermaidLabel(section)}`)
    for (const bar of sectionBars) {
      const label = mermaidLabel(`${bar.logicalResourceId} (${shortType(bar.resourceType)})`)
      const end = Math.max(bar.end, bar.start + MIN_BAR_MS)
      lines.push(`    ${BAR_ICON[bar.kind]} ${label} :${BAR_TAGS[bar.kind]}${bar.start}, ${end}`)
    }
  }
  return { mermaid: lines.join('\n'), drawn, omitted: bars.length - drawn.length }
}
