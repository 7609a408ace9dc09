import { join } from 'node:path'
import { nodeFor, ROOT_DIR } from '../../src/sim/runner.js'
import { runProcess, type ProcessResult } from './process.js'

export type CliResult = ProcessResult

/** The bundled CLI as a person runs it: its own process under Node 24, settings from `env` (plus PATH). */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  stdin?: string
): Promise<CliResult> {
  return runProcess(nodeFor('node24'), [join(ROOT_DIR, 'dist', 'cli', 'index.js'), ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdin
  })
}
