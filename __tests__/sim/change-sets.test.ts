import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand
} from '@aws-sdk/client-cloudformation'
import { MINUTE } from '../../src/sim/script.js'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, people, rejection, simWith, STACK } from './sim-clients.js'

let sim: Sim
beforeEach(async () => {
  sim = await simWith()
})
afterEach(() => sim.close())

const TABLE_TEMPLATE = {
  Resources: {
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { BillingMode: 'PAY_PER_REQUEST' } },
    Queue: { Type: 'AWS::SQS::Queue' }
  }
}
/** CDK sends templates as YAML. */
const YAML_TEMPLATE = 'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n'

const createChangeSet = (
  template: unknown,
  type: 'CREATE' | 'UPDATE' = 'CREATE',
  name = 'cdk-deploy-change-set'
) =>
  clientsFor(sim).cfn.send(
    new CreateChangeSetCommand({
      StackName: STACK,
      ChangeSetName: name,
      ChangeSetType: type,
      TemplateBody: typeof template === 'string' ? template : JSON.stringify(template)
    })
  )

const status = async () =>
  (await clientsFor(sim).cfn.send(new DescribeStacksCommand({ StackName: STACK }))).Stacks![0]!.StackStatus

describe('change sets, as cdk deploy uses them', () => {
  it('a CREATE change set makes a REVIEW_IN_PROGRESS stack; executing it plays the template resource by resource', async () => {
    const { Id, StackId } = await createChangeSet(TABLE_TEMPLATE)
    expect(await status()).toBe('REVIEW_IN_PROGRESS')
    const described = await clientsFor(sim).cfn.send(new DescribeChangeSetCommand({ ChangeSetName: Id }))
    expect(described).toMatchObject({
      StackId,
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      Changes: [
        { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'Table' } },
        { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'Queue' } }
      ]
    })

    await clientsFor(sim).cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }))
    sim.clock.advance(10 * MINUTE)
    expect(await status()).toBe('CREATE_COMPLETE')
    const { StackEvents } = await clientsFor(sim).cfn.send(
      new DescribeStackEventsCommand({ StackName: STACK })
    )
    expect(StackEvents!.map(e => `${e.LogicalResourceId} ${e.ResourceStatus}`).reverse()).toEqual([
      `${STACK} REVIEW_IN_PROGRESS`,
      `${STACK} CREATE_IN_PROGRESS`,
      'Table CREATE_IN_PROGRESS',
      'Table CREATE_IN_PROGRESS',
      'Table CREATE_COMPLETE',
      'Queue CREATE_IN_PROGRESS',
      'Queue CREATE_IN_PROGRESS',
      'Queue CREATE_COMPLETE',
      `${STACK} CREATE_COMPLETE`
    ])
    const { TemplateBody } = await clientsFor(sim).cfn.send(new GetTemplateCommand({ StackName: STACK }))
    expect(JSON.parse(TemplateBody!)).toEqual(TABLE_TEMPLATE)
  })

  it('an update changes what differs; an unchanged template is a FAILED change set that cannot be executed', async () => {
    const { Id } = await createChangeSet(TABLE_TEMPLATE)
    await clientsFor(sim).cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }))
    sim.clock.advance(10 * MINUTE)

    const update = await createChangeSet(YAML_TEMPLATE, 'UPDATE', 'second')
    const { Changes } = await clientsFor(sim).cfn.send(
      new DescribeChangeSetCommand({ ChangeSetName: update.Id })
    )
    expect(Changes!.map(c => `${c.ResourceChange!.Action} ${c.ResourceChange!.LogicalResourceId}`)).toEqual([
      'Modify Table',
      'Remove Queue'
    ])

    const same = await createChangeSet(TABLE_TEMPLATE, 'UPDATE', 'third')
    expect(
      await clientsFor(sim).cfn.send(new DescribeChangeSetCommand({ ChangeSetName: same.Id }))
    ).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: expect.stringMatching(/^The submitted information didn't contain changes\./)
    })
    expect(
      await rejection(clientsFor(sim).cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: same.Id })))
    ).toMatchObject({ name: 'InvalidChangeSetStatusException' })
  })

  it('DeleteChangeSet succeeds for a change set that does not exist; a deleted one is ChangeSetNotFound', async () => {
    const { Id } = await createChangeSet(TABLE_TEMPLATE)
    const cfn = clientsFor(sim).cfn
    await cfn.send(new DeleteChangeSetCommand({ StackName: STACK, ChangeSetName: 'never-created' }))
    await cfn.send(new DeleteChangeSetCommand({ StackName: STACK, ChangeSetName: 'cdk-deploy-change-set' }))
    expect(
      await rejection(cfn.send(new DescribeChangeSetCommand({ StackName: STACK, ChangeSetName: Id })))
    ).toMatchObject({ name: 'ChangeSetNotFoundException', $metadata: { httpStatusCode: 404 } })
  })

  it('a template naming a scenario plays it from its execution on, with the real calls in CloudTrail once', async () => {
    const template = {
      Metadata: { DeployGuardSim: { Scenario: 'create-fails-db-35m', Options: { cleanup: false } } },
      ...TABLE_TEMPLATE
    }
    const { Id } = await createChangeSet(template)
    await clientsFor(sim).cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }))
    sim.clock.advance(2 * 60 * MINUTE)

    expect(await status()).toBe('ROLLBACK_COMPLETE')
    const events = sim.world.stacks[0]!.events
    const started = events.find(e => e.logicalId === STACK && e.status === 'CREATE_IN_PROGRESS')!
    const failed = events.find(e => e.logicalId === 'Database' && e.status === 'CREATE_FAILED')!
    expect(failed.timestamp - started.timestamp).toBeGreaterThanOrEqual(35 * MINUTE)
    expect(events.filter(e => e.status === 'REVIEW_IN_PROGRESS')).toHaveLength(1)
    const calls = sim.world.trail.filter(
      r => r.eventSource === 'cloudformation.amazonaws.com' && !r.invokedBy
    )
    expect(calls.map(r => `${r.eventName} ${r.principal.userName}`)).toEqual([
      `CreateChangeSet ${people.deployer.userName}`,
      `ExecuteChangeSet ${people.deployer.userName}`
    ])
  })

  it('refuses what CloudFormation refuses: an unknown scenario, an update of a ROLLBACK_COMPLETE stack, a second create', async () => {
    const unknown = { Metadata: { DeployGuardSim: { Scenario: 'no-such-thing' } }, ...TABLE_TEMPLATE }
    expect(await rejection(createChangeSet(unknown))).toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('known: create-succeeds, create-fails-db-35m')
    })
    sim.deploy(STACK, 'create-fails-db-35m', { startAt: 'past', options: { cleanup: false } })
    expect(await rejection(createChangeSet(TABLE_TEMPLATE, 'UPDATE'))).toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/is in ROLLBACK_COMPLETE state and can not be updated\.$/)
    })
    expect(await rejection(createChangeSet(TABLE_TEMPLATE, 'CREATE'))).toMatchObject({
      name: 'AlreadyExistsException'
    })
  })
})

describe('STS', () => {
  it('GetCallerIdentity names the principal that signed the request, in the query protocol', async () => {
    const response = await fetch(sim.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `AWS4-HMAC-SHA256 Credential=${people.cdkRole.accessKeyId}/20261130/us-east-1/sts/aws4_request`
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15'
    })
    const body = await response.text()
    expect(response.status).toBe(200)
    expect(body).toContain(`<Arn>${people.cdkRole.arn}</Arn>`)
    expect(body).toContain('<Account>123456789012</Account>')
    expect(sim.calls['STS.GetCallerIdentity']).toBe(1)
  })
})
