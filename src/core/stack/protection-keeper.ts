import { awsErrorMessage, isTransient } from '../../aws/errors.js'
import type { Clock } from '../clock.js'
import type { StackApi } from './api.js'
import type { StackSummary } from './types.js'

/** Protection that was on, found off by a later read, and turned back on. Times are epoch ms. */
export interface ProtectionRestore {
  stackName: string
  stackId: string
  /** When it was last known on: turned on by deploy-guard, or read as on. */
  lastKnownOnAt?: number
  /** When a read found it off. */
  foundOffAt: number
  /** When deploy-guard turned it back on. */
  restoredAt: number
  /** Who turned it off, from CloudTrail's UpdateTerminationProtection record (filled in after the watch). */
  turnedOffBy?: string
  turnedOffAt?: number
}

export interface ProtectionKeeperOptions {
  enabled: boolean
  /** Stacks protected (or found protected) before the watch began. */
  protectedAtStart: string[]
  onProtected?: (stackName: string, stackId: string, appeared: boolean) => void
  onRestored?: (restore: ProtectionRestore) => void
  onNotice?: (text: string) => void
}

/**
 * Keeps termination protection on for the watched root stacks, judging only from reads the watcher makes anyway
 * (DescribeStacks' EnableTerminationProtection): it never adds a call of its own to an idle poll. Deploy tools turn
 * protection off as a matter of course — `cdk deploy` sets it to the app's `terminationProtection` (default false)
 * on every deploy of an existing stack (aws-cdk `deploy-stack.ts`, `updateTerminationProtection`).
 */
export class ProtectionKeeper {
  private readonly knownOnAt = new Map<string, number>()
  private readonly restores: ProtectionRestore[] = []

  constructor(
    private readonly api: StackApi,
    private readonly clock: Clock,
    private readonly options: ProtectionKeeperOptions
  ) {
    for (const name of options.protectedAtStart) this.knownOnAt.set(name, clock.now())
  }

  /**
   * Looks at one read of a stack and turns protection on when it is off; returns whether it is on now. A transient
   * error is thrown (the caller retries on its next poll); any other failure to protect is a notice, never a crash.
   */
  async check(stackName: string, stack: StackSummary, appeared = false): Promise<boolean> {
    // AWS sets protection on the root only; a stack being deleted can no longer be protected.
    if (!this.options.enabled || stack.parentId || stack.status.startsWith('DELETE_'))
      return stack.terminationProtection
    const foundAt = this.clock.now()
    if (stack.terminationProtection) {
      this.knownOnAt.set(stackName, foundAt)
      return true
    }
    try {
      await this.api.setTerminationProtection(stack.stackId, true)
    } catch (error) {
      if (isTransient(error)) throw error
      this.options.onNotice?.(
        `Could not turn termination protection on for ${stackName}: ${awsErrorMessage(error)}`
      )
      return false
    }
    stack.terminationProtection = true
    const restoredAt = this.clock.now()
    const lastKnownOnAt = this.knownOnAt.get(stackName)
    this.knownOnAt.set(stackName, restoredAt)
    if (lastKnownOnAt === undefined) {
      this.options.onProtected?.(stackName, stack.stackId, appeared)
      return true
    }
    const restore: ProtectionRestore = {
      stackName,
      stackId: stack.stackId,
      lastKnownOnAt,
      foundOffAt: foundAt,
      restoredAt
    }
    this.restores.push(restore)
    this.options.onRestored?.(restore)
    return true
  }

  restoresOf(stackName: string): ProtectionRestore[] {
    return this.restores.filter(restore => restore.stackName === stackName)
  }
}
