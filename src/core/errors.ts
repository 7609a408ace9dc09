/**
 * Typed failures of the core. The edges (action, CLI) turn each into one clear message and an exit code;
 * the core never decides how an error is shown.
 */
export class DeployGuardError extends Error {
  /** Process exit code the CLI uses for this failure (2 bad input, 3 lock not obtained, 1 anything else). */
  readonly exitCode: number = 1
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** Bad input: says what was wrong, what is valid and how to fix it. */
export class InputError extends DeployGuardError {
  override readonly exitCode = 2
}

/** A problem with the environment or an AWS resource the user must fix (missing table, credentials, permission). */
export class SetupError extends DeployGuardError {}

/**
 * No live stack of that name, and none deleted within what ListStacks keeps (90 days) or the `since` window:
 * usually a typo or the wrong Region, so the message names the Region looked in.
 */
export class StackNotFoundError extends DeployGuardError {
  constructor(
    readonly stackName: string,
    where: { region?: string; sinceMs?: number } = {}
  ) {
    const region = where.region ? ` in ${where.region}` : ''
    const deleted =
      where.sinceMs !== undefined
        ? `since ${new Date(where.sinceMs).toISOString()}`
        : 'in the last 90 days (as long as ListStacks keeps deleted stacks)'
    super(
      `Stack ${stackName} does not exist${region}, and no stack of that name was deleted ${deleted}. ` +
        'Check the stack name and the Region (the region input, CLI --region, or AWS_REGION).'
    )
  }
}
