import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { localAwsEnv, nodeFor, ROOT_DIR } from '../src/sim/runner.js'

/** The CLI a bench drives: the bundled one, or another build's (DEPLOY_GUARD_BENCH_CLI) to compare before/after. */
export const BENCH_CLI = process.env.DEPLOY_GUARD_BENCH_CLI ?? join(ROOT_DIR, 'dist', 'cli', 'index.js')

export interface GuardedRun {
  child: ChildProcess
  /** Resolves with the exit code and stderr, each stderr line prefixed with the ms (Date.now()) it arrived. */
  done: Promise<{ code: number | null; lines: { at: number; text: string }[] }>
}

/**
 * `deploy-guard run` as a person runs it, guarding a shell command that appends `start <ms>` and `end <ms>` lines
 * (its own clock) to `log` under `name`, so a bench can tell exactly when each guarded command ran.
 */
export function startGuardedRun(options: {
  name: string
  log: string
  stack: string
  table: string
  lease: string
  waitTimeout: string
  commandMs: number
  dynamodb: string
  sim: string
}): GuardedRun {
  const script =
    `echo "${options.name} start $(date +%s%3N)" >> ${options.log}; ` +
    `trap 'echo "${options.name} end $(date +%s%3N)" >> ${options.log}; exit 130' INT TERM; ` +
    `sleep ${options.commandMs / 1000} & wait; echo "${options.name} end $(date +%s%3N)" >> ${options.log}`
  const child = spawn(
    nodeFor('node24'),
    [
      BENCH_CLI,
      'run',
      '--stack',
      options.stack,
      '--table',
      options.table,
      '--lease',
      options.lease,
      '--wait-timeout',
      options.waitTimeout,
      '--',
      'bash',
      '-c',
      script
    ],
    {
      env: {
        PATH: process.env.PATH,
        USER: options.name,
        ...localAwsEnv({ dynamodb: options.dynamodb, sim: options.sim })
      },
      stdio: ['ignore', 'ignore', 'pipe']
    }
  )
  const lines: { at: number; text: string }[] = []
  let partial = ''
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString()
    const parts = text.split('\n')
    partial = parts.pop() ?? ''
    for (const line of parts) lines.push({ at: Date.now(), text: line })
  })
  const done = new Promise<{ code: number | null; lines: { at: number; text: string }[] }>(resolve =>
    child.on('close', code => resolve({ code, lines }))
  )
  return { child, done }
}

/** The start and end of every guarded command in the log, by run name. */
export function commandTimes(log: string): Map<string, { start?: number; end?: number }> {
  const times = new Map<string, { start?: number; end?: number }>()
  let text = ''
  try {
    text = readFileSync(log, 'utf8')
  } catch {
    return times
  }
  for (const line of text.split('\n')) {
    const [name, what, at] = line.split(' ')
    if (!name || (what !== 'start' && what !== 'end')) continue
    const entry = times.get(name) ?? {}
    entry[what] = Number(at)
    times.set(name, entry)
  }
  return times
}

/** How many pairs of guarded commands ran at the same time. */
export function overlaps(times: Map<string, { start?: number; end?: number }>): number {
  const spans = [...times.values()].filter(span => span.start !== undefined)
  let count = 0
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i]!
      const b = spans[j]!
      const aEnd = a.end ?? Number.POSITIVE_INFINITY
      const bEnd = b.end ?? Number.POSITIVE_INFINITY
      if (a.start! < bEnd && b.start! < aEnd) count++
    }
  return count
}
