import { execFile } from 'node:child_process'

/**
 * `git merge-base --is-ancestor older newer` in `cwd`: true, false, or undefined when git cannot tell (no git,
 * not a checkout, or a shallow clone without the other commit), so out-of-order protection never guesses.
 */
export function gitIsAncestor(cwd: string) {
  return (olderSha: string, newerSha: string): Promise<boolean | undefined> =>
    new Promise(resolve => {
      execFile(
        'git',
        ['merge-base', '--is-ancestor', olderSha, newerSha],
        { cwd, timeout: 10_000 },
        error => {
          if (!error) return resolve(true)
          resolve((error as { code?: unknown }).code === 1 ? false : undefined)
        }
      )
    })
}
