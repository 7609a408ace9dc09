import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import type { Log } from './log.js'

export interface SettledCommandOptions {
  clock: Clock
  log: Log
  /** The guarded stacks, every one of them in a final state now. */
  stacks: string[]
  graceMs: number
  stop: boolean
  /** Aborted when the command ends: nothing left to report. */
  commandDone: AbortSignal
  stopCommand: () => void
}

/**
 * A deploy command still running `graceMs` after every guarded stack reached a final state holds the lock for
 * nothing CloudFormation does: report it, and with `stop` (stop-after-stack-settles) stop it. Resolves true when it
 * was stopped.
 */
export async function superviseSettledCommand(options: SettledCommandOptions): Promise<boolean> {
  const { clock, log, graceMs } = options
  await clock.sleep(graceMs, options.commandDone)
  if (options.commandDone.aborted) return false
  const what =
    `The deploy command is still running ${formatDuration(graceMs)} after every guarded stack ` +
    `(${options.stacks.join(', ')}) reached a final state, and it still holds the lock.`
  if (!options.stop) {
    log.warn(
      `${what} Set stop-after-stack-settles: true (CLI: --stop-after-stack-settles) to stop it then, or raise command-grace.`
    )
    return false
  }
  log.warn(
    `${what} Stopping it (stop-after-stack-settles): SIGINT to its process group, as a cancellation does.`
  )
  options.stopCommand()
  return true
}
