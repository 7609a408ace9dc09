import { describe, expect, it } from '@jest/globals'
import { DeployGuardError } from '../../../src/core/errors.js'
import { unanswered } from '../../../src/runtime/deadlines.js'

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
const aborted = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })

function deadline(state: { fired: boolean; cancelled: boolean }) {
  const cancel = new AbortController()
  const signal = new AbortController()
  if (state.cancelled) cancel.abort()
  if (state.fired || state.cancelled) signal.abort()
  return { signal: signal.signal, cancel: cancel.signal, ms: 60_000 }
}

describe('unanswered: a read that AWS did not answer in time, worded like every AWS failure', () => {
  it('passes an error before the deadline through, for the one-line formatter', () => {
    expect(unanswered(refused, 'deploy-guard status', deadline({ fired: false, cancelled: false }))).toBe(
      refused
    )
  })

  it('says the deadline when it fired, with what was being done and what to check', () => {
    const error = unanswered(
      aborted,
      'deploy-guard diagnose ApiStack',
      deadline({ fired: true, cancelled: false })
    )
    expect(error).toBeInstanceOf(DeployGuardError)
    expect((error as Error).message).toBe(
      'deploy-guard diagnose ApiStack failed: no answer from AWS within 1m (The operation was aborted). Check the network or proxy, the Region (AWS_REGION) and any AWS_ENDPOINT_URL* setting.'
    )
  })

  it('says a cancellation as one, not as a network failure', () => {
    const error = unanswered(aborted, 'deploy-guard status', deadline({ fired: false, cancelled: true }))
    expect((error as Error).message).toBe(
      'deploy-guard status was cancelled before AWS answered; nothing was changed.'
    )
  })
})
