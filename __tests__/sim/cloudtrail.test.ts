import { afterEach, describe, expect, it } from '@jest/globals'
import { DeleteStackCommand, UpdateTerminationProtectionCommand } from '@aws-sdk/client-cloudformation'
import { LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail'
import { SIM_DB_PASSWORD } from '../../src/sim/scenarios/index.js'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, people, rejection, simWith, STACK } from './sim-clients.js'

let sim: Sim
afterEach(() => sim.close())

const lookup = (input: LookupEventsCommandInput) => clientsFor(sim).trail.send(new LookupEventsCommand(input))
const byName = (value: string) => ({
  LookupAttributes: [{ AttributeKey: 'EventName' as const, AttributeValue: value }]
})

async function playedIncident(options = {}) {
  sim = await simWith(options)
  const deploy = sim.deploy(STACK, 'create-fails-db-35m', { options: { cleanup: false } })
  sim.clock.advance(deploy.span)
  return deploy
}

describe('CloudTrail LookupEvents over JSON 1.1, through the real SDK client', () => {
  it('returns the deployer change-set calls with principal, resources and a CloudTrailEvent document', async () => {
    const { stackId } = await playedIncident()
    const { Events } = await lookup(byName('ExecuteChangeSet'))
    expect(Events).toHaveLength(1)
    expect(Events![0]).toMatchObject({
      EventSource: 'cloudformation.amazonaws.com',
      Username: 'iseepatterns-iam-user',
      Resources: [{ ResourceType: 'AWS::CloudFormation::Stack', ResourceName: stackId }]
    })
    expect(Events![0].EventTime).toBeInstanceOf(Date)
    const record = JSON.parse(Events![0].CloudTrailEvent!)
    expect(record.userIdentity).toMatchObject({ type: 'IAMUser', userName: 'iseepatterns-iam-user' })
    expect(record.eventID).toBe(Events![0].EventId)
  })

  it('calls made on the stack behalf carry invokedBy, the error, and the request parameters with the password', async () => {
    await playedIncident()
    const { Events } = await lookup({
      LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'rds.amazonaws.com' }]
    })
    const failed = Events!.map(e => JSON.parse(e.CloudTrailEvent!)).find(r => r.errorCode)
    expect(failed).toMatchObject({
      eventName: 'CreateDBInstance',
      errorCode: 'InvalidVPCNetworkStateFault',
      userIdentity: { type: 'AssumedRole', invokedBy: 'cloudformation.amazonaws.com' }
    })
    expect(failed.requestParameters.masterUserPassword).toBe(SIM_DB_PASSWORD)
  })

  it('the stack event reason quotes the request id of the failing RDS call', async () => {
    const { stackId } = await playedIncident()
    const { Events } = await lookup(byName('CreateDBInstance'))
    const failed = Events!.map(e => JSON.parse(e.CloudTrailEvent!)).find(r => r.errorCode)
    const stack = sim.world.find(stackId, sim.clock.now())!
    const dbFailure = stack.events.find(e => e.logicalId === 'Database' && e.status === 'CREATE_FAILED')
    expect(dbFailure?.reason).toContain(`Request ID: ${failed.requestID}`)
  })

  it('refuses more than one lookup attribute', async () => {
    await playedIncident()
    const error = await rejection(
      lookup({
        LookupAttributes: [
          { AttributeKey: 'EventName', AttributeValue: 'DeleteStack' },
          { AttributeKey: 'Username', AttributeValue: 'iseepatterns_user' }
        ]
      })
    )
    expect(error.name).toBe('InvalidLookupAttributesException')
  })

  it('refuses MaxResults above 50', async () => {
    await playedIncident()
    expect((await rejection(lookup({ MaxResults: 51 }))).name).toBe('InvalidMaxResultsException')
  })

  it('pages newest first with MaxResults and NextToken, without repeats', async () => {
    await playedIncident()
    const first = await lookup({ MaxResults: 2 })
    const second = await lookup({ MaxResults: 2, NextToken: first.NextToken })
    const events = [...first.Events!, ...second.Events!]
    expect(events.map(e => e.EventName)).toEqual([
      'CreateDBInstance',
      'CreateDBInstance',
      'CreateDBSubnetGroup',
      'ExecuteChangeSet'
    ])
    expect(new Set(events.map(e => e.EventId)).size).toBe(4)
  })

  it('keeps to the StartTime/EndTime window', async () => {
    const { startedAt } = await playedIncident()
    const { Events } = await lookup({ StartTime: new Date(startedAt), EndTime: new Date(startedAt + 30_000) })
    expect(Events!.map(e => e.EventName)).toEqual(['ExecuteChangeSet', 'CreateChangeSet'])
  })

  it('throttles the third request within a second for one account', async () => {
    sim = await simWith({ cloudTrailRatePerSecond: 2, wallNow: () => 1_700_000_000_000 })
    await lookup({})
    await lookup({})
    const error = await rejection(lookup({}))
    expect(error.name).toBe('ThrottlingException')
    expect(error.$metadata).toMatchObject({ httpStatusCode: 400 })
  })

  it('records the UpdateTerminationProtection and refused DeleteStack calls made to the sim, with their caller', async () => {
    await playedIncident()
    await clientsFor(sim, people.deployer).cfn.send(
      new UpdateTerminationProtectionCommand({ StackName: STACK, EnableTerminationProtection: true })
    )
    await rejection(clientsFor(sim, people.cdkRole).cfn.send(new DeleteStackCommand({ StackName: STACK })))
    const deletes = await lookup(byName('DeleteStack'))
    expect(deletes.Events!.map(e => e.Username)).toEqual(['aws-cdk-showboat'])
    expect(JSON.parse(deletes.Events![0].CloudTrailEvent!).errorCode).toBe('ValidationError')
    const protections = await lookup(byName('UpdateTerminationProtection'))
    expect(protections.Events!.map(e => e.Username)).toEqual(['iseepatterns-iam-user'])
  })

  it('hides records younger than the delivery delay, as CloudTrail delivers them minutes late', async () => {
    await playedIncident({ cloudTrailDeliveryDelayMs: 60 * 60_000 })
    expect((await lookup({})).Events).toEqual([])
  })
})
