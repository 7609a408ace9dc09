import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudFormationClient, UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import type { Clock } from '../../src/core/clock.js'
import { deployWatched } from '../../src/core/deploy.js'
import type { Log } from '../../src/core/log.js'
import { parseWatchSettings } from '../../src/core/settings.js'
import { incidentPrincipals } from '../../src/sim/principals.js'
import { startSim, type Sim } from '../../src/sim/server.js'

const STACK = 'CourtCaseManagementStack'
let sim: Sim

afterEach(async () => {
  await sim?.close()
})

/** The guard's clock: the sim's time, and every sleep fast-forwards the sim by as much. */
function simClock(target: Sim): Clock {
  let monotonic = 0
  return {
    now: () => target.clock.now(),
    monotonic: () => monotonic,
    sleep: async ms => {
      monotonic += ms
      target.clock.advance(ms)
      await new Promise(resolve => setImmediate(resolve))
    }
  }
}

const credentials = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'sim' })

function guard() {
  const lines: string[] = []
  const log: Log = {
    info: text => lines.push(`info ${text}`),
    warn: text => lines.push(`warn ${text}`),
    error: text => lines.push(`error ${text}`)
  }
  const key = incidentPrincipals().deployer.accessKeyId
  const deps = {
    cfn: new CloudFormationClient({ endpoint: sim.url, region: 'us-east-1', credentials: credentials(key) }),
    trail: new CloudTrailClient({ endpoint: sim.url, region: 'us-east-1', credentials: credentials(key) }),
    clock: simClock(sim),
    log
  }
  const settings = parseWatchSettings({ 'stack-name': STACK, 'poll-interval': '3s' })
  return { deps, settings, lines }
}

const stackStatus = () => sim.state().stacks.find(stack => stack.name === STACK)?.status

describe('deployWatched against the local CloudFormation and CloudTrail endpoints', () => {
  it("keeps protection on through CDK's UpdateTerminationProtection and names CDK's role from CloudTrail", async () => {
    sim = await startSim()
    sim.deploy(STACK, 'existing-stack-update', { options: { updateAfterMinutes: 5 } })
    const { deps, settings, lines } = guard()
    const cdkRole = new CloudFormationClient({
      endpoint: sim.url,
      region: 'us-east-1',
      credentials: credentials(incidentPrincipals().cdkRole.accessKeyId)
    })
    const deploy = await deployWatched(
      deps,
      settings,
      async () => {
        // What cdk deploy does to an existing stack of an app without terminationProtection, then its update.
        await cdkRole.send(
          new UpdateTerminationProtectionCommand({ StackName: STACK, EnableTerminationProtection: false })
        )
        for (let step = 0; step < 200 && stackStatus() !== 'UPDATE_COMPLETE'; step++) {
          sim.clock.advance(10_000)
          await new Promise(resolve => setTimeout(resolve, 5))
        }
        return 0
      },
      undefined,
      { commandLine: 'npx cdk deploy CourtCaseManagementStack' }
    )
    expect(deploy.failed).toBe(false)
    expect(deploy.protectionRestored).toEqual([
      expect.objectContaining({
        stackName: STACK,
        turnedOffBy: 'role aws-cdk-showboat (session aws-cdk-showboat)'
      })
    ])
    expect(lines.filter(line => line.includes('cdk deploy turned termination protection off'))).toHaveLength(
      1
    )
    expect(deploy.foreignOperations).toEqual([])
    expect(sim.state().stacks.find(stack => stack.name === STACK)?.terminationProtection).toBe(true)
  })

  it('flags live an operation that started on the guarded stack after the command ended, naming its caller', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'existing-stack-update', { options: { updateAfterMinutes: 5 } })
    const { deps, settings, lines } = guard()
    const deploy = await deployWatched(deps, settings, async () => {
      // The command changes nothing; the update that starts once the watch has looked is someone else's.
      while (!sim.calls['CloudFormation.DescribeStackEvents'])
        await new Promise(resolve => setTimeout(resolve, 5))
      sim.clock.advance(5 * 60_000 + 2_000)
      return 0
    })
    expect(deploy.foreignOperations).toEqual([
      expect.objectContaining({
        stackName: STACK,
        status: 'UPDATE_IN_PROGRESS',
        why: 'it started after the deploy command had ended',
        startedBy: expect.stringMatching(/^iseepatterns-iam-user \(ExecuteChangeSet at /)
      })
    ])
    expect(
      lines.some(line =>
        /^warn CourtCaseManagementStack: an operation that is not this run's deploy/.test(line)
      )
    ).toBe(true)
  })

  it('flags live an operation started from the console while the command runs, even as the first on the stack', async () => {
    sim = await startSim()
    // The operator's console update begins 5 minutes after the scenario is placed: inside the command.
    sim.deploy(STACK, 'busy-with-others-update', { options: { updateAfterMinutes: 5 } })
    const { deps, settings, lines } = guard()
    const deploy = await deployWatched(deps, settings, async () => {
      while (!sim.calls['CloudFormation.DescribeStackEvents'])
        await new Promise(resolve => setTimeout(resolve, 5))
      sim.clock.advance(5 * 60_000 + 2_000)
      while (!lines.some(line => line.includes('UPDATE_COMPLETE')))
        await new Promise(resolve => setTimeout(resolve, 5))
      return 0
    })
    expect(deploy.foreignOperations).toEqual([
      expect.objectContaining({
        stackName: STACK,
        status: 'UPDATE_IN_PROGRESS',
        why: expect.stringMatching(/^it was started from the AWS console \(client request token Console-/),
        startedBy: expect.stringMatching(/^iseepatterns_user \(ExecuteChangeSet at /)
      })
    ])
    expect(
      lines.filter(line =>
        line.startsWith("warn CourtCaseManagementStack: an operation that is not this run's")
      )
    ).toHaveLength(1)
  })

  it('waits for an update someone else started, then runs the command', async () => {
    sim = await startSim()
    sim.deploy(STACK, 'busy-with-others-update')
    sim.clock.advance(30_000)
    const { deps, settings, lines } = guard()
    let statusWhenRun: string | undefined
    const deploy = await deployWatched(
      deps,
      settings,
      async () => {
        statusWhenRun = stackStatus()
        return 0
      },
      undefined,
      { busyTimeoutMs: 30 * 60_000 }
    )
    expect(statusWhenRun).toBe('UPDATE_COMPLETE')
    expect(deploy.waitedFor).toEqual([
      expect.objectContaining({
        status: 'UPDATE_IN_PROGRESS',
        finalStatus: 'UPDATE_COMPLETE',
        startedBy: expect.stringMatching(/^iseepatterns_user \(ExecuteChangeSet at /)
      })
    ])
    expect(lines.some(line => line.includes('BackendService AWS::ECS::Service UPDATE_COMPLETE'))).toBe(true)
  })
})
