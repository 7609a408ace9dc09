import type { Clock } from '../clock.js'
import { DeployGuardError } from '../errors.js'
import type { StackApi } from './api.js'
import { EventStream } from './event-stream.js'
import { isStuckStatus, stuckStack, type StuckStack } from '../diagnose/stuck.js'
import type { StackEvent, StackSummary } from './types.js'

export interface ProtectionResult {
  stackName: string
  stackId?: string
  existed: boolean
  status?: string
  /** Protection is on now. */
  protected: boolean
  /** It was on before we looked. */
  alreadyProtected: boolean
  /** Nested stacks are skipped: AWS sets protection on the root only. */
  nested: boolean
}

/** A stack whose first create failed: CloudFormation cannot update it, it must be deleted before a redeploy. */
export class FailedCreateError extends DeployGuardError {
  constructor(readonly failedStack: StackSummary) {
    super(
      `Stack ${failedStack.stackName} is in ROLLBACK_COMPLETE: its first create failed and was rolled back, and CloudFormation ` +
        'cannot update such a stack — it must be deleted before it can be deployed again (and termination protection ' +
        `would block the deletion a deploy tool attempts). Diagnose it first (deploy-guard diagnose --stack ${failedStack.stackName}), ` +
        `then delete it (aws cloudformation delete-stack --stack-name ${failedStack.stackName}), or set replace-failed-create: true ` +
        '(CLI: --replace-failed-create) to have deploy-guard record its failure, delete it and deploy.'
    )
  }
}

/**
 * A stack stuck in a failed rollback or deletion (UPDATE_ROLLBACK_FAILED, ROLLBACK_FAILED, DELETE_FAILED):
 * CloudFormation refuses every deploy until someone acts, so the run stops before the command, with the blocking
 * resources and the way out in the diagnosis' own wording (`wayOut`, diagnose/stuck.ts).
 */
export class StackStuckError extends DeployGuardError {
  constructor(
    readonly stuckStack: StackSummary,
    readonly stuck: StuckStack
  ) {
    super(
      `${stuck.wayOut} The deploy command was not run. Details: deploy-guard diagnose --stack ${stuckStack.stackName}.`
    )
  }
}

/**
 * Turns termination protection on (with `enable`) for every named stack that exists: a deletion must then be deliberate.
 * A stack in ROLLBACK_COMPLETE is reported, not protected: `onFailedCreate` decides (throw, or replace it). A stack
 * stuck in a failed rollback or deletion throws StackStuckError: no deploy can start until someone acts.
 */
export async function protectStacks(
  api: StackApi,
  stackNames: string[],
  onFailedCreate: (stack: StackSummary) => Promise<void>,
  enable = true
): Promise<ProtectionResult[]> {
  const results: ProtectionResult[] = []
  for (const stackName of stackNames) {
    const stack = await api.describeStack(stackName)
    if (!stack || stack.status === 'DELETE_COMPLETE') {
      results.push({ stackName, existed: false, protected: false, alreadyProtected: false, nested: false })
      continue
    }
    if (isStuckStatus(stack.status)) {
      // The operation that left it stuck, back to its start (a few pages): what blocks it now.
      const events = await new EventStream(api, stack.stackId, [], {
        currentOperation: true,
        maxPages: 10
      }).poll()
      throw new StackStuckError(stack, stuckStack(stackName, stack.status, events)!)
    }
    if (stack.status === 'ROLLBACK_COMPLETE') {
      await onFailedCreate(stack)
      results.push({
        stackName,
        existed: false,
        status: 'DELETE_COMPLETE',
        protected: false,
        alreadyProtected: false,
        nested: false
      })
      continue
    }
    const nested = stack.parentId !== undefined
    const protect = enable && !nested && !stack.terminationProtection
    if (protect) await api.setTerminationProtection(stack.stackId, true)
    results.push({
      stackName,
      stackId: stack.stackId,
      existed: true,
      status: stack.status,
      protected: protect || stack.terminationProtection,
      alreadyProtected: stack.terminationProtection,
      nested
    })
  }
  return results
}

export interface ReplacedStack {
  stackId: string
  /** Every event of the failed create, kept for the diagnosis before the stack goes. */
  events: StackEvent[]
}

/**
 * Replaces a stack whose first create failed: records its events first (what diagnosis needs), then turns protection
 * off, deletes it by ARN and waits until it is gone.
 */
export async function replaceFailedCreate(
  api: StackApi,
  clock: Clock,
  stack: StackSummary,
  options: { pollMs?: number; timeoutMs?: number; onNotice?: (text: string) => void } = {}
): Promise<ReplacedStack> {
  const events = await new EventStream(api, stack.stackId, [], { maxPages: 100 }).poll()
  if (stack.terminationProtection) await api.setTerminationProtection(stack.stackId, false)
  await api.deleteStack(stack.stackId)
  options.onNotice?.(
    `Deleting ${stack.stackName} (ROLLBACK_COMPLETE) so it can be created again; its ${events.length} events were recorded.`
  )
  const deadline = clock.monotonic() + (options.timeoutMs ?? 30 * 60_000)
  for (;;) {
    const current = await api.describeStack(stack.stackId)
    if (!current || current.status === 'DELETE_COMPLETE') return { stackId: stack.stackId, events }
    if (current.status === 'DELETE_FAILED') {
      throw new DeployGuardError(
        `Could not delete ${stack.stackName} to replace its failed create: ${current.statusReason ?? 'DELETE_FAILED'}. Delete it by hand, then deploy.`
      )
    }
    if (clock.monotonic() > deadline)
      throw new DeployGuardError(`Timed out waiting for ${stack.stackName} to be deleted.`)
    await clock.sleep(options.pollMs ?? 5_000)
  }
}
