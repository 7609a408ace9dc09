import { spawn } from 'node:child_process'

export interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs a program to its end, collecting its output. Never a *Sync call: dynalite and the sim answer from the test's
 * own process, so blocking its event loop would hang the program under test.
 */
export function runProcess(
  file: string,
  args: string[],
  options: { env: Record<string, string | undefined>; cwd?: string; stdin?: string }
): Promise<ProcessResult> {
  return new Promise(resolve => {
    const child = spawn(file, args, { env: options.env, ...(options.cwd ? { cwd: options.cwd } : {}) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('close', code => resolve({ code, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}
