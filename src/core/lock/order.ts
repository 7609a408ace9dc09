import type { LastDeploy, LockHolder } from './types.js'

export type OutOfOrderPolicy = 'fail' | 'warn' | 'allow'
export const OUT_OF_ORDER_POLICIES: readonly OutOfOrderPolicy[] = ['fail', 'warn', 'allow']

/**
 * Is this run older than the deploy already recorded on the lock? (The "task definition 31 → 30" incident: a
 * slower, older pipeline finished last and reverted a release.) Older means: the same repository and workflow with
 * a lower run number, or a commit that is an ancestor of the deployed one. Returns why, or undefined.
 */
export async function findOutOfOrder(
  me: LockHolder,
  previous: LastDeploy | undefined,
  isAncestor?: (olderSha: string, newerSha: string) => Promise<boolean | undefined>
): Promise<string | undefined> {
  if (!previous) return undefined
  const sameWorkflow =
    me.repository && me.repository === previous.repository && me.workflow === previous.workflow
  const deployed = `run #${previous.runNumber ?? '?'} (${previous.sha?.slice(0, 12) ?? 'unknown commit'}, ${previous.status}, started ${new Date(previous.startedAt).toISOString()})`
  if (
    sameWorkflow &&
    me.runNumber !== undefined &&
    previous.runNumber !== undefined &&
    me.runNumber < previous.runNumber
  ) {
    return `run #${me.runNumber} of ${me.workflow} is older than ${deployed}, which already deployed this stack`
  }
  if (
    me.sha &&
    previous.sha &&
    me.sha !== previous.sha &&
    isAncestor &&
    (await isAncestor(me.sha, previous.sha))
  ) {
    return `commit ${me.sha.slice(0, 12)} is an ancestor of ${previous.sha.slice(0, 12)}, deployed by ${deployed}`
  }
  return undefined
}
