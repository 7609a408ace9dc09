import type { LockHolder } from '../../src/core/lock/index.js'

/** A GitHub run's identity, as the action builds it. */
export function ciHolder(runNumber: number, overrides: Partial<LockHolder> = {}): LockHolder {
  return {
    identity: `github:acme/court-cases run ${9000 + runNumber} attempt 1 job deploy`,
    actor: 'iseepatterns-iam-user',
    repository: 'acme/court-cases',
    workflow: 'deploy',
    runId: String(9000 + runNumber),
    runNumber,
    runAttempt: 1,
    runUrl: `https://github.com/acme/court-cases/actions/runs/${9000 + runNumber}`,
    job: 'deploy',
    ...overrides
  }
}

export function laptopHolder(user = 'alice', host = 'alice-mbp'): LockHolder {
  return { identity: `${user}@${host}`, actor: user, host }
}
