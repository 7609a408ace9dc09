import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type Stack,
  UpdateTerminationProtectionCommand
} from '@aws-sdk/client-cloudformation'
import { StackApi } from '../../../src/core/stack/api.js'
import { FailedCreateError, protectStacks } from '../../../src/core/stack/protection.js'

const arn = (name: string) => `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/id`
const stack = (name: string, overrides: Partial<Stack> = {}): Stack => ({
  StackName: name,
  StackId: arn(name),
  StackStatus: 'UPDATE_COMPLETE',
  CreationTime: new Date(0),
  EnableTerminationProtection: false,
  ...overrides
})

function cloudFormation(stacks: Record<string, Stack>) {
  const cfn = mockClient(CloudFormationClient)
  cfn.on(DescribeStacksCommand).callsFake(input => {
    const found = stacks[input.StackName!]
    if (!found)
      throw Object.assign(new Error(`Stack with id ${input.StackName} does not exist`), {
        name: 'ValidationError'
      })
    return { Stacks: [found] }
  })
  cfn.on(UpdateTerminationProtectionCommand).resolves({})
  return cfn
}

const api = () => new StackApi(new CloudFormationClient({ region: 'us-east-1' }))
const refuse = async () => {
  throw new Error('not expected')
}

describe('protectStacks', () => {
  it.each([
    [
      'an unprotected stack is protected',
      stack('App'),
      { existed: true, protected: true, alreadyProtected: false, nested: false },
      1
    ],
    [
      'an already protected stack is left alone',
      stack('App', { EnableTerminationProtection: true }),
      { existed: true, protected: true, alreadyProtected: true },
      0
    ],
    [
      'a nested stack is skipped (AWS protects the root)',
      stack('App', { ParentId: arn('Root') }),
      { existed: true, protected: false, nested: true },
      0
    ]
  ])('%s', async (_, described, expected, updates) => {
    const cfn = cloudFormation({ App: described })
    const [result] = await protectStacks(api(), ['App'], refuse)
    expect(result).toMatchObject(expected)
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(updates)
    if (updates)
      expect(cfn.commandCalls(UpdateTerminationProtectionCommand)[0]!.args[0].input).toEqual({
        StackName: arn('App'),
        EnableTerminationProtection: true
      })
    cfn.restore()
  })

  it('reports a stack that does not exist yet, for the watcher to protect when it appears', async () => {
    const cfn = cloudFormation({})
    const [result] = await protectStacks(api(), ['NewStack'], refuse)
    expect(result).toEqual({
      stackName: 'NewStack',
      existed: false,
      protected: false,
      alreadyProtected: false,
      nested: false
    })
    cfn.restore()
  })

  it('stops before protecting a stack whose first create failed, with one message that says what to do', async () => {
    const cfn = cloudFormation({ App: stack('App', { StackStatus: 'ROLLBACK_COMPLETE' }) })
    const attempt = protectStacks(api(), ['App'], async failed => {
      throw new FailedCreateError(failed)
    })
    await expect(attempt).rejects.toThrow(
      'Stack App is in ROLLBACK_COMPLETE: its first create failed and was rolled back, and CloudFormation cannot update such a stack — it must be deleted before it can be deployed again (and termination protection would block the deletion a deploy tool attempts). Diagnose it first (deploy-guard diagnose --stack App), then delete it (aws cloudformation delete-stack --stack-name App), or set replace-failed-create: true (CLI: --replace-failed-create) to have deploy-guard record its failure, delete it and deploy.'
    )
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0)
    cfn.restore()
  })
})

describe('a missing CloudFormation permission', () => {
  it('stops with one message naming the denied action and where the policy is', async () => {
    const cfn = mockClient(CloudFormationClient)
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('App')] })
    cfn.on(UpdateTerminationProtectionCommand).rejects(
      Object.assign(
        new Error(
          'User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: cloudformation:UpdateTerminationProtection'
        ),
        {
          name: 'AccessDenied'
        }
      )
    )
    await expect(protectStacks(api(), ['App'], refuse)).rejects.toThrow(
      'cloudformation:UpdateTerminationProtection was denied: User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: cloudformation:UpdateTerminationProtection Grant it to the deploying role (see iam/deploy-guard-policy.json in deploy-guard), or turn off the feature that needs it.'
    )
    cfn.restore()
  })
})
