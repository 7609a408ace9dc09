import { awsErrorMessage, awsErrorName, isThrottling, isTransient } from '../../aws/errors.js'
import { fullJitterBackoff, type Clock } from '../clock.js'
import { LockStateUnknownError } from './errors.js'

/**
 * Every DynamoDB call of the lock protocol carries an AbortSignal that fires at the caller's deadline or on
 * cancellation (GitHub's SIGINT), so no request can outlive the wait it belongs to (issue 13 §1).
 */
export interface CallOptions {
  signal?: AbortSignal
}

/**
 * The signal for one request: aborts after `budgetMs` (at least `floorMs`, so a request always gets a fair chance
 * even at a deadline of 0) or when `cancel` aborts, whichever comes first.
 */
export function requestSignal(budgetMs: number, cancel?: AbortSignal, floorMs = 0): AbortSignal {
  // Timers hold at most 2^31−1 ms (~24.8 days); a longer budget is no budget at all.
  const timeout = AbortSignal.timeout(
    Math.min(2 ** 31 - 1, Math.max(1, Math.ceil(Math.max(budgetMs, floorMs))))
  )
  return cancel ? AbortSignal.any([timeout, cancel]) : timeout
}

/**
 * A point on the monotonic clock that loops run until. `remaining()` never goes negative.
 */
export interface Deadline {
  readonly at: number
  remaining(): number
  passed(): boolean
}

export function deadlineIn(clock: Clock, ms: number): Deadline {
  const at = clock.monotonic() + ms
  return {
    at,
    remaining: () => Math.max(0, at - clock.monotonic()),
    passed: () => clock.monotonic() >= at
  }
}

/** The delay before retry number `attempt` (0-based) of a failed call: full jitter, capped by the deadline. */
export function retryDelay(
  attempt: number,
  deadline: Deadline,
  random: () => number = Math.random,
  baseMs = 100,
  capMs = 5_000
): number {
  return Math.min(deadline.remaining(), Math.max(1, fullJitterBackoff(attempt, baseMs, capMs, random)))
}

/**
 * How long a release may take in all, retries included: GitHub sends SIGINT, SIGTERM 7.5 s later and SIGKILL 2.5 s
 * after that, so a release begun when the command stops must end well inside those 10 s.
 */
export const RELEASE_DEADLINE_MS = 6_000

/**
 * A call that got no usable answer: throttled, a 5xx, a dropped or refused connection, a timeout, or aborted at its
 * deadline. Worth another try within the deadline; what it means for the lock is unknown.
 */
export function isUnanswered(error: unknown): boolean {
  return isTransient(error) || ['AbortError', 'TimeoutError'].includes(awsErrorName(error))
}

/**
 * Whether a failed write may still have been applied: only when the request may have reached DynamoDB and its
 * answer was lost. A refused connection or a throttled request was never applied.
 */
export function mayHaveApplied(error: unknown): boolean {
  if (isThrottling(error)) return false
  const code = (error as { code?: unknown } | undefined)?.code
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(awsErrorMessage(error))) return false
  return isUnanswered(error)
}

/** One line for an error in a message: the SDK's text, never its stack. */
export function errorLine(error: unknown): string {
  const text = awsErrorMessage(error).split('\n')[0] ?? ''
  const name = awsErrorName(error)
  return name !== 'Error' && !text.includes(name) ? `${name}: ${text}` : text
}

/**
 * Runs `call` until it answers, retrying unanswered attempts with full jitter until `deadline`, each attempt aborted
 * at the deadline (or by `cancel`). `what` names the question for the error, e.g. "read lock deploy-guard/…/A".
 *
 * @throws LockStateUnknownError when no attempt was answered in time (the state is unknown, not "free" or "held");
 *   any other error of `call` at once
 */
export async function retryUntil<T>(
  clock: Clock,
  deadline: Deadline,
  what: string,
  call: (options: CallOptions) => Promise<T>,
  cancel?: AbortSignal
): Promise<T> {
  // The last attempt is usually aborted by the deadline itself; the reason worth showing is what came before it
  // (refused, throttled, 500).
  let reason: unknown
  for (let attempt = 0; ; attempt++) {
    try {
      return await call({ signal: requestSignal(deadline.remaining(), cancel, 500) })
    } catch (error) {
      if (awsErrorName(error) !== 'AbortError') reason = error
      if (!isUnanswered(error) || cancel?.aborted || deadline.passed()) {
        if (isUnanswered(error))
          throw new LockStateUnknownError(
            `Could not ${what}: DynamoDB gave no answer (${errorLine(reason ?? error)}); the lock's state is unknown.`,
            { cause: error }
          )
        throw error
      }
      await clock.sleep(retryDelay(attempt, deadline), cancel)
    }
  }
}
