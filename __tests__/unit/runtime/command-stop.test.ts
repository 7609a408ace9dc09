import { describe, expect, it } from '@jest/globals'
import { runCommand } from '../../../src/runtime/command.js'

describe('runCommand: a stopped command is gone, whatever it ignores', () => {
  it('kills a command that ignores SIGINT and SIGTERM after the grace and the SIGTERM-to-SIGKILL wait', async () => {
    const stop = new AbortController()
    // Ignores both signals a cancellation sends first: only SIGKILL ends it.
    const exit = runCommand('bash', ['-c', "trap '' INT TERM; while :; do sleep 0.1; done"], {
      signal: stop.signal,
      graceMs: 200
    })
    setTimeout(() => stop.abort(new Error('lock lost')), 300)
    expect(await exit).toBe(128 + 9)
  }, 30_000)

  it('a command that stops on SIGINT ends with its own exit code, no kill needed', async () => {
    const stop = new AbortController()
    const exit = runCommand('bash', ['-c', "trap 'exit 130' INT; while :; do sleep 0.1; done"], {
      signal: stop.signal,
      graceMs: 200
    })
    setTimeout(() => stop.abort(new Error('cancelled')), 300)
    expect(await exit).toBe(130)
  }, 30_000)
})
