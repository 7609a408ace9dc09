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

export class StackNotFoundError extends DeployGuardError {
  constructor(readonly stackName: string) {
    super(`Stack ${stackName} does not exist.`)
  }
}
