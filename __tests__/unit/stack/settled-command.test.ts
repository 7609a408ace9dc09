import { afterEach, describe, expect, it } from '@jest/globals'
import { deployWatched } from '../../../src/core/deploy.js'
import type { WatchSettings } from '../../../src/core/settings.js'
import { FakeCloudFormation, STACK } from './fake-cloudformation.js'

const MINUTE = 60
let cloud: FakeCloudFormation

afterEach(() => cloud.restore())

/** The stack's update starts 1 minute into the deploy and completes at 3 minutes. */
function updateDoneAtThreeMinutes(): FakeCloudFormation {
  return new FakeCloudFormation()
    .stack(STACK)
    .status(STACK, 'CREATE_IN_PROGRESS', -86_400)
    .status(STACK, 'CREATE_COMPLETE', -86_000)
    .status(STACK, 'UPDATE_IN_PROGRESS', MINUTE)
    .status(STACK, 'UPDATE_COMPLETE', 3 * MINUTE)
}

const settings = (overrides: Partial<WatchSettings>): WatchSettings => ({
  stacks: [STACK],
  terminationProtection: false,
  replaceFailedCreate: false,
  pollMinMs: 3_000,
  pollMaxMs: 30_000,
  startTimeoutMs: 10 * 60_000,
  commandGraceMs: 5 * 60_000,
  stopAfterStackSettles: false,
  ...overrides
})

/** A deploy tool that goes on after the stack settled (an asset upload that hangs), until stopped or `runsMs`. */
function lingeringCommand(runsMs: number) {
  return async (stop: AbortSignal) => {
    const started = cloud.clock.monotonic()
    while (!stop.aborted && cloud.clock.monotonic() - started < runsMs) await cloud.clock.sleep(1_000)
    return stop.aborted ? 130 : 0
  }
}

async function deploy(overrides: Partial<WatchSettings>, runsMs: number) {
  const warnings: string[] = []
  const log = { info: () => undefined, warn: (line: string) => warnings.push(line), error: () => undefined }
  const result = await deployWatched(
    { cfn: cloud.client, clock: cloud.clock, log },
    settings(overrides),
    lingeringCommand(runsMs)
  )
  return { result, warnings }
}

describe('a deploy command that goes on after every guarded stack reached a final state', () => {
  it('is reported once command-grace has passed, and keeps running by default', async () => {
    cloud = updateDoneAtThreeMinutes()
    const { result, warnings } = await deploy({}, 60 * 60_000)
    expect(warnings.join('\n')).toContain(
      `The deploy command is still running 5m after every guarded stack (${STACK}) reached a final state, and it still holds the lock.`
    )
    expect(warnings.join('\n')).toContain('Set stop-after-stack-settles: true')
    expect(result).toMatchObject({ exitCode: 0, stoppedAfterSettle: false, failed: false })
  })

  it('is stopped as a cancellation would with stop-after-stack-settles, and the deploy fails', async () => {
    cloud = updateDoneAtThreeMinutes()
    const { result, warnings } = await deploy({ stopAfterStackSettles: true }, 60 * 60_000)
    expect(warnings.join('\n')).toContain('Stopping it (stop-after-stack-settles)')
    expect(result).toMatchObject({ exitCode: 130, stoppedAfterSettle: true, failed: true })
  })

  it('is not mentioned when the command ends before the stacks settle', async () => {
    cloud = updateDoneAtThreeMinutes()
    const { result, warnings } = await deploy({ stopAfterStackSettles: true }, 2 * 60_000)
    expect(warnings.filter(line => line.includes('still running'))).toEqual([])
    expect(result).toMatchObject({ exitCode: 0, stoppedAfterSettle: false })
  })
})
