import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { COMMAND_STOP_GRACE_MS } from '../core/lock/drain.js'
import { type CommandGroup, describeGroup, signalGroup } from './process-group.js'
import { startWatchdog } from './watchdog.js'

export interface CommandOptions {
  /**
   * Cancels the command: SIGINT first (as GitHub does), SIGTERM if it is still running after `graceMs`
   * (COMMAND_STOP_GRACE_MS by default), SIGKILL KILL_AFTER_TERM_MS after that: a forced release's drain counts on it.
   */
  signal?: AbortSignal
  graceMs?: number
  env?: NodeJS.ProcessEnv
  cwd?: string
  /** Called as soon as the command runs, with its process group (the action records it for the post step). */
  onStart?: (group: CommandGroup) => void
  /** Where the one line for a command that could not start goes (default: stderr, as a shell says it). */
  onStartFailed?: (line: string) => void
}

/** SIGTERM → SIGKILL for a command that will not stop (ms): GitHub's runner waits 2.5 s (docs: "Canceling a workflow"). */
export const KILL_AFTER_TERM_MS = 2_500

/** A shell's exit codes for a command it could not run. */
const NOT_FOUND = 127
const NOT_EXECUTABLE = 126

/**
 * Runs the deploy command with inherited stdio, in its own process group so a cancellation reaches the whole tree
 * (cdk → node → …), and resolves with its exit code (128 + signal number when a signal ended it; 127 when the file
 * does not exist and 126 when it cannot be executed, as a shell says). A watchdog stops the group if this process
 * dies before the command ends, so the command never outlives the lock it runs under.
 */
export function runCommand(file: string, args: string[], options: CommandOptions = {}): Promise<number> {
  return new Promise(resolve => {
    const child = spawn(file, args, {
      stdio: 'inherit',
      detached: true,
      env: options.env ?? process.env,
      cwd: options.cwd
    })
    const watchdog = child.pid ? startWatchdog(child.pid) : undefined
    if (child.pid) options.onStart?.(describeGroup(child.pid))
    let escalation: NodeJS.Timeout | undefined
    const signalCommand = (name: NodeJS.Signals) => {
      if (child.pid) signalGroup(child.pid, name)
    }
    // A stopped command must be gone before a lost or force-released lock can pass on (the drain counts on it): a
    // command that ignores SIGTERM is killed KILL_AFTER_TERM_MS later, as GitHub's runner kills a cancelled step.
    const escalate = (name: NodeJS.Signals, afterMs: number, next?: () => void) => {
      escalation = setTimeout(() => {
        signalCommand(name)
        next?.()
      }, afterMs)
      escalation.unref()
    }
    const cancel = () => {
      signalCommand('SIGINT')
      escalate('SIGTERM', options.graceMs ?? COMMAND_STOP_GRACE_MS, () =>
        escalate('SIGKILL', KILL_AFTER_TERM_MS)
      )
    }
    if (options.signal?.aborted) cancel()
    else options.signal?.addEventListener('abort', cancel, { once: true })
    const finish = (code: number) => {
      options.signal?.removeEventListener('abort', cancel)
      if (escalation) clearTimeout(escalation)
      resolve(code)
    }
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return
      const notFound = error.code === 'ENOENT'
      const line = `deploy-guard: ${file}: ${notFound ? 'command not found' : `cannot execute (${error.code ?? error.message})`}`
      ;(options.onStartFailed ?? (text => process.stderr.write(`${text}\n`)))(line)
      finish(notFound ? NOT_FOUND : NOT_EXECUTABLE)
    })
    child.once('exit', (code, signalName) => {
      // A cancelled deploy must not leave its background processes running after the step ends.
      if (options.signal?.aborted) signalCommand('SIGTERM')
      watchdog?.disarm()
      finish(code ?? 128 + signalNumber(signalName))
    })
  })
}

/** A shell command line, run as GitHub runs `run:` steps: bash with -e and pipefail. */
export function runShell(script: string, options: CommandOptions = {}): Promise<number> {
  return runCommand('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], options)
}

function signalNumber(name: NodeJS.Signals | null): number {
  return (name && constants.signals[name]) || constants.signals.SIGTERM
}

/** The signals that end a guarded run in order: GitHub's cancellation (SIGINT, SIGTERM) and a closed terminal. */
const CANCELLING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * One cancellation for the whole run: SIGINT/SIGTERM (GitHub cancels a job with SIGINT, SIGTERM 7.5 s later, a kill
 * 2.5 s after that) and SIGHUP (the terminal closed) abort it, and so may anything else that must stop the run — a
 * lost lock calls `abort` with its own reason. The work in progress stops; cleanup (releasing the lock) still runs.
 */
export function runCancellation(onSignal?: (signal: NodeJS.Signals) => void): AbortController {
  const controller = new AbortController()
  for (const name of CANCELLING_SIGNALS) {
    process.on(name, () => {
      // After a hang-up the terminal is gone: a failed write must not crash the guard before it releases.
      if (name === 'SIGHUP')
        for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)
      onSignal?.(name)
      if (!controller.signal.aborted) controller.abort(new Error(`Cancelled by ${name}`))
    })
  }
  return controller
}

/** The run's cancellation as a signal only, for callers that never abort it themselves. */
export function cancellationSignal(onCancel?: (signal: NodeJS.Signals) => void): AbortSignal {
  return runCancellation(onCancel).signal
}
