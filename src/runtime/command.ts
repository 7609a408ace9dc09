import { spawn } from 'node:child_process'
import { constants } from 'node:os'

export interface CommandOptions {
  /** Cancels the command: SIGINT first (as GitHub does), SIGTERM if it is still running after `graceMs`. */
  signal?: AbortSignal
  graceMs?: number
  env?: NodeJS.ProcessEnv
  cwd?: string
}

/**
 * Runs the deploy command with inherited stdio, in its own process group so a cancellation reaches the whole tree
 * (cdk → node → …), and resolves with its exit code (128 + signal number when a signal ended it).
 */
export function runCommand(file: string, args: string[], options: CommandOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      stdio: 'inherit',
      detached: true,
      env: options.env ?? process.env,
      cwd: options.cwd
    })
    let escalation: NodeJS.Timeout | undefined
    const signalGroup = (name: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, name)
      } catch {
        // The group is already gone.
      }
    }
    const cancel = () => {
      signalGroup('SIGINT')
      escalation = setTimeout(() => signalGroup('SIGTERM'), options.graceMs ?? 7_500)
      escalation.unref()
    }
    if (options.signal?.aborted) cancel()
    else options.signal?.addEventListener('abort', cancel, { once: true })
    child.once('error', error => {
      options.signal?.removeEventListener('abort', cancel)
      reject(new Error(`Could not start the deploy command "${file}": ${error.message}`))
    })
    child.once('exit', (code, signalName) => {
      options.signal?.removeEventListener('abort', cancel)
      if (escalation) clearTimeout(escalation)
      // A cancelled deploy must not leave its background processes running after the step ends.
      if (options.signal?.aborted) signalGroup('SIGTERM')
      resolve(code ?? 128 + signalNumber(signalName))
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

/**
 * Turns SIGINT/SIGTERM into an AbortSignal (GitHub cancels a job with SIGINT, SIGTERM 7.5 s later, a kill 2.5 s
 * after that): the work in progress stops, and cleanup — releasing the lock — still runs.
 */
export function cancellationSignal(onCancel?: (signal: NodeJS.Signals) => void): AbortSignal {
  const controller = new AbortController()
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    process.on(name, () => {
      onCancel?.(name)
      controller.abort(new Error(`Cancelled by ${name}`))
    })
  }
  return controller.signal
}
