import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

describe('the sim as its own process', () => {
  it('prints its URL as one JSON line and answers the control API until SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-transform-types',
        '--disable-warning=ExperimentalWarning',
        '--import',
        './scripts/ts.mjs',
        'src/sim/cli.ts'
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
      const { url } = JSON.parse(line) as { url: string }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const state = (await (await fetch(`${url}/_sim/state`)).json()) as { stacks: unknown[] }
      expect(state.stacks).toEqual([])
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })
})
