import { awsErrorMessage } from '../aws/errors.js'
import { formatDuration } from '../core/duration.js'
import { DeployGuardError } from '../core/errors.js'

/**
 * The fixed bounds of the commands that have no deadline of their own. GitHub cancels a job with SIGINT, SIGTERM
 * 7.5 s later and SIGKILL 2.5 s after that (docs: "Canceling a workflow"), so whatever must happen after a
 * cancellation — stopping a leftover command, releasing the lock — has to fit in 7.5 s.
 */
export const DEADLINES = {
  /** `status`: one read per lock (or a scan), each retried within this. */
  statusMs: 20_000,
  /** `diagnose` and the diagnosis in `lock`'s post step: CloudTrail allows 2 lookups a second. */
  diagnoseMs: 60_000,
  /** Stopping a command left running by a killed main, from SIGTERM to SIGKILL. */
  leftoverGraceMs: 2_000,
  /** What a cancelled run may still spend on the diagnosis of a failed stack before it exits (before SIGTERM). */
  afterCancelMs: 5_000,
  /** The whole post step, whatever hangs: then it gives up (the lease ends by itself). */
  postMs: 15_000,
  /** The lock post step: its release, then a diagnosis. */
  lockPostMs: 75_000
} as const

/** A read's deadline: `signal` fires at `ms` or on `cancel`, the run's cancellation. */
export interface ReadDeadline {
  signal: AbortSignal
  cancel: AbortSignal
  ms: number
}

/**
 * One line for a read that AWS did not answer in time or that was cancelled, worded like every other AWS failure
 * (aws/errors.ts describeFailure): `doing` reads as the start of a sentence ("deploy-guard diagnose ApiStack"). Any other error —
 * unreachable, refused, denied — is returned as it is, for the caller's one-line formatter.
 */
export function unanswered(error: unknown, doing: string, deadline: ReadDeadline): unknown {
  // Already worded by the code that gave up (e.g. the lock's "the lock's state is unknown").
  if (error instanceof DeployGuardError) return error
  if (deadline.cancel.aborted)
    return new DeployGuardError(`${doing} was cancelled before AWS answered; nothing was changed.`)
  if (!deadline.signal.aborted) return error
  return new DeployGuardError(
    `${doing} failed: no answer from AWS within ${formatDuration(deadline.ms)} (${awsErrorMessage(error)}). ` +
      'Check the network or proxy, the Region (AWS_REGION) and any AWS_ENDPOINT_URL* setting.'
  )
}

/** A signal that fires after `ms`, or when any of `signals` does; its timer never keeps the process alive. */
export function deadlineSignal(ms: number, ...signals: (AbortSignal | undefined)[]): AbortSignal {
  return AbortSignal.any([AbortSignal.timeout(ms), ...signals.filter(signal => signal !== undefined)])
}

/**
 * The last resort for a step with a fixed bound: after `ms`, `onExpired` says what was given up and the process
 * exits with `exitCode`, even if a request or a library ignored every abort. The timer does not keep the process
 * alive when the work ends in time.
 */
export function exitAfter(ms: number, exitCode: number, onExpired: () => void): void {
  setTimeout(() => {
    onExpired()
    process.exit(exitCode)
  }, ms).unref()
}
