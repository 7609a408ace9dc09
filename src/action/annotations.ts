import * as core from '@actions/core'
import { ANNOTATIONS_PER_TYPE } from '../core/report/github-limits.js'
import { neutraliseForLog } from '../core/untrusted.js'

type Level = 'error' | 'warning'

/**
 * GitHub shows 10 error and 10 warning annotations per step and drops the rest unseen. This step's annotations go
 * through here: the first nine of a type are annotations, later ones are log lines, and when the step ends one
 * closing annotation says how many more there were (or, if only one, is that one). Callers emit the most important
 * first. State is per process: one process is one step.
 */
const emitted: Record<Level, number> = { error: 0, warning: 0 }
const held: Record<Level, { message: string; title?: string }[]> = { error: [], warning: [] }
let closingRegistered = false

export function annotate(level: Level, message: string, title?: string): void {
  const safe = { message: neutraliseForLog(message), ...(title ? { title: neutraliseForLog(title) } : {}) }
  if (emitted[level] < ANNOTATIONS_PER_TYPE - 1) {
    emitted[level]++
    write(level, safe)
    return
  }
  held[level].push(safe)
  core.info(`${level}: ${safe.title ? `${safe.title}: ` : ''}${safe.message}`)
  if (!closingRegistered) {
    closingRegistered = true
    // 'exit' runs however the step ends; writes to the runner's pipe are synchronous on Linux and macOS.
    process.once('exit', closeAnnotations)
  }
}

/** The tenth annotation of a type: the one held back, or how many were. Called once, when the step ends. */
export function closeAnnotations(): void {
  for (const level of ['error', 'warning'] as const) {
    const rest = held[level]
    if (rest.length === 1) write(level, rest[0]!)
    else if (rest.length > 1)
      write(level, {
        title: `deploy-guard: ${rest.length} more ${level}s`,
        message: `GitHub shows ${ANNOTATIONS_PER_TYPE} ${level}s per step: ${rest.length} more are in this step's log and job summary, and the JSON report has every root cause.`
      })
    held[level] = []
  }
}

/** `core.setFailed` within the limit: the step fails, and its message is one more error annotation. */
export function setFailed(message: string): void {
  process.exitCode = core.ExitCode.Failure
  annotate('error', message)
}

function write(level: Level, annotation: { message: string; title?: string }): void {
  const properties = annotation.title ? { title: annotation.title } : {}
  if (level === 'error') core.error(annotation.message, properties)
  else core.warning(annotation.message, properties)
}
