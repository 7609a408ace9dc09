import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { nodeFor, ROOT_DIR } from '../../src/sim/runner.js'

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** The bundled CLI as a person runs it: its own process, only the environment given (plus PATH). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return new Promise(resolve => {
    const child = spawn(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'cli', 'index.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', chunk => (stdout += chunk))
    child.stderr.on('data', chunk => (stderr += chunk))
    child.on('close', code => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin ?? '')
  })
}
