import { describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import { marshall } from '@aws-sdk/util-dynamodb'
import { ConditionFailed, LockTable } from '../../../src/core/lock/table.js'

const item = {
  LockID: 'deploy-guard/us-east-1/CourtCaseManagementStack',
  kind: 'deploy',
  owner: 'token-of-run-31',
  fence: 31,
  leaseMs: 300_000,
  leaseExpiresAt: 2_000_000,
  heartbeatAt: 1_700_000,
  acquiredAt: 1_600_000,
  released: false,
  holder: { identity: 'github:acme/court-cases run 31 attempt 1 job deploy', runNumber: 31 }
}

function conditionalCheckFailed(withItem: boolean) {
  return Object.assign(new Error('The conditional request failed'), {
    name: 'ConditionalCheckFailedException',
    ...(withItem ? { Item: marshall(item) } : {})
  })
}

const write = {
  update: 'SET #owner = :owner',
  condition: 'attribute_not_exists(#key)',
  values: { ':owner': 'me' }
}

describe('LockTable conditional writes', () => {
  it('takes the holder from ReturnValuesOnConditionCheckFailure (ALL_OLD) without another read', async () => {
    const db = mockClient(DynamoDBClient)
    db.on(UpdateItemCommand).rejects(conditionalCheckFailed(true))
    const table = new LockTable(new DynamoDBClient({ region: 'us-east-1' }), {
      tableName: 'locks',
      keyAttribute: 'LockID'
    })
    const failure = await table.update(item.LockID, write).catch(error => error)
    expect(failure).toBeInstanceOf(ConditionFailed)
    expect((failure as ConditionFailed).current).toMatchObject({
      owner: 'token-of-run-31',
      fence: 31,
      released: false
    })
    expect(db.commandCalls(GetItemCommand)).toHaveLength(0)
    expect(db.commandCalls(UpdateItemCommand)[0]?.args[0].input).toMatchObject({
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ReturnValues: 'ALL_NEW',
      ExpressionAttributeNames: { '#owner': 'owner', '#key': 'LockID' }
    })
    db.restore()
  })

  it('falls back to one consistent read when the server does not return the old item', async () => {
    const db = mockClient(DynamoDBClient)
    db.on(UpdateItemCommand).rejects(conditionalCheckFailed(false))
    db.on(GetItemCommand).resolves({ Item: marshall(item) })
    const table = new LockTable(new DynamoDBClient({ region: 'us-east-1' }), {
      tableName: 'locks',
      keyAttribute: 'LockID'
    })
    const failure = (await table.update(item.LockID, write).catch(error => error)) as ConditionFailed
    expect(failure.current?.fence).toBe(31)
    expect(db.commandCalls(GetItemCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true })
    db.restore()
  })
})

describe('LockTable set-up errors', () => {
  const table = () =>
    new LockTable(new DynamoDBClient({ region: 'eu-west-2' }), {
      tableName: 'deploy-locks',
      keyAttribute: 'LockID'
    })

  it.each([
    [
      'missing credentials',
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError'
      }),
      'No AWS credentials were found. In GitHub Actions add aws-actions/configure-aws-credentials before this step; on a laptop set AWS_PROFILE or run `aws sso login`.'
    ],
    [
      'a denied permission',
      Object.assign(
        new Error(
          'User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: dynamodb:UpdateItem'
        ),
        {
          name: 'AccessDeniedException'
        }
      ),
      'Access to lock table deploy-locks was denied: User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: dynamodb:UpdateItem Grant dynamodb:GetItem, dynamodb:UpdateItem and dynamodb:Scan on the table (see the IAM policy in the README).'
    ],
    [
      'a missing table',
      Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' }),
      'Lock table deploy-locks does not exist in eu-west-2. Create it with: aws dynamodb create-table --region eu-west-2 --table-name deploy-locks'
    ]
  ])('turns %s into one actionable message', async (_, error, message) => {
    const db = mockClient(DynamoDBClient)
    db.on(GetItemCommand).rejects(error)
    await expect(table().read('k')).rejects.toThrow(message)
    db.restore()
  })
})
