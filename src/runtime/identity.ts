import { hostname, userInfo } from 'node:os'
import type { LockHolder } from '../core/lock/index.js'

type Env = Record<string, string | undefined>

/**
 * Who is deploying. In GitHub Actions: the run's job (repository, run id, attempt, job) with a link to the run;
 * elsewhere: `user@host`. The identity decides who may release a lock without --force.
 */
export function detectHolder(env: Env, reason?: string): LockHolder {
  const why = reason ? { reason } : {}
  if (env.GITHUB_ACTIONS === 'true' && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1')
    const job = env.GITHUB_JOB ?? 'job'
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
    return {
      identity: `github:${env.GITHUB_REPOSITORY} run ${env.GITHUB_RUN_ID} attempt ${attempt} job ${job}`,
      ...optional('actor', env.GITHUB_ACTOR),
      repository: env.GITHUB_REPOSITORY,
      ...optional('workflow', env.GITHUB_WORKFLOW),
      runId: env.GITHUB_RUN_ID,
      ...(env.GITHUB_RUN_NUMBER ? { runNumber: Number(env.GITHUB_RUN_NUMBER) } : {}),
      runAttempt: attempt,
      runUrl: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}/attempts/${attempt}`,
      job,
      ...optional('sha', env.GITHUB_SHA),
      ...optional('ref', env.GITHUB_REF),
      ...why
    }
  }
  const user = env.USER ?? env.USERNAME ?? safeUserName()
  const host = hostname()
  return { identity: `${user}@${host}`, actor: user, host, ...why }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {}
}

function safeUserName(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown-user'
  }
}
