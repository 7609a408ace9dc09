import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  ScanCommand,
  UpdateItemCommand
} from '@aws-sdk/client-dynamodb'
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb'
import { awsErrorMessage, awsErrorName, isMissingCredentials, isMissingRegion } from '../../aws/errors.js'
import { SetupError } from '../errors.js'
import type { LockRecord } from './types.js'

export interface LockTableSettings {
  tableName: string
  /** The table's partition key: a string attribute, `LockID` by default so a Terraform lock table can be reused. */
  keyAttribute: string
}

/** A conditional write DynamoDB refused; `current` is the item as it stood (when the server said so or a read told). */
export class ConditionFailed extends Error {
  constructor(readonly current: LockRecord | undefined) {
    super('ConditionalCheckFailedException')
  }
}

export interface ConditionalUpdate {
  update: string
  condition: string
  values: Record<string, unknown>
}

/** Item attributes besides the key; names are aliased (`#owner`) so none collides with a DynamoDB reserved word. */
const ATTRIBUTES = [
  'kind',
  'owner',
  'fence',
  'leaseMs',
  'leaseExpiresAt',
  'heartbeatAt',
  'acquiredAt',
  'released',
  'releasedAt',
  'releasedBy',
  'holder',
  'lastDeploy',
  'lastDeployFence',
  'forced',
  'status',
  'finishedAt'
] as const

/**
 * The lock table: the one place that speaks DynamoDB and converts its items into `LockRecord`s.
 * Every write is one conditional UpdateItem; the protocol lives in the callers.
 */
export class LockTable {
  constructor(
    private readonly db: DynamoDBClient,
    readonly settings: LockTableSettings
  ) {}

  async read(key: string): Promise<LockRecord | undefined> {
    const reply = await this.call(() =>
      this.db.send(
        new GetItemCommand({ TableName: this.settings.tableName, Key: this.keyOf(key), ConsistentRead: true })
      )
    )
    return reply.Item ? this.toRecord(reply.Item) : undefined
  }

  /**
   * Applies `update` when `condition` holds and returns the item after the write.
   * On a failed condition throws `ConditionFailed` with the item as it stood: from the error itself where the server
   * supports ReturnValuesOnConditionCheckFailure, else from a consistent read.
   */
  async update(key: string, write: ConditionalUpdate): Promise<LockRecord> {
    const names: Record<string, string> = { '#key': this.settings.keyAttribute }
    for (const attribute of ATTRIBUTES) names[`#${attribute}`] = attribute
    const expressions = `${write.update} ${write.condition}`
    try {
      const reply = await this.call(() =>
        this.db.send(
          new UpdateItemCommand({
            TableName: this.settings.tableName,
            Key: this.keyOf(key),
            UpdateExpression: write.update,
            ConditionExpression: write.condition,
            ExpressionAttributeNames: Object.fromEntries(
              Object.entries(names).filter(([alias]) => new RegExp(`${alias}\\b`).test(expressions))
            ),
            ExpressionAttributeValues: marshall(write.values, { removeUndefinedValues: true }),
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
          })
        )
      )
      return this.toRecord(reply.Attributes ?? {})
    } catch (error) {
      if (awsErrorName(error) !== 'ConditionalCheckFailedException') throw error
      const old = (error as { Item?: Record<string, AttributeValue> }).Item
      throw new ConditionFailed(old ? this.toRecord(old) : await this.read(key))
    }
  }

  /** Every deploy-guard lock item in the table (items of other tools, such as Terraform's, are skipped). */
  async list(): Promise<LockRecord[]> {
    const records: LockRecord[] = []
    let startKey: Record<string, AttributeValue> | undefined
    do {
      const page = await this.call(() =>
        this.db.send(
          new ScanCommand({
            TableName: this.settings.tableName,
            ConsistentRead: true,
            FilterExpression: 'attribute_exists(#fence) AND attribute_exists(#owner)',
            ExpressionAttributeNames: { '#fence': 'fence', '#owner': 'owner' },
            ExclusiveStartKey: startKey
          })
        )
      )
      for (const item of page.Items ?? []) records.push(this.toRecord(item))
      startKey = page.LastEvaluatedKey
    } while (startKey)
    return records.sort((a, b) => a.key.localeCompare(b.key))
  }

  private keyOf(key: string): Record<string, AttributeValue> {
    return { [this.settings.keyAttribute]: { S: key } }
  }

  private toRecord(item: Record<string, AttributeValue>): LockRecord {
    const plain = unmarshall(item) as Record<string, unknown>
    return {
      key: String(plain[this.settings.keyAttribute]),
      kind: plain.kind === 'freeze' ? 'freeze' : 'deploy',
      owner: String(plain.owner ?? ''),
      fence: Number(plain.fence ?? 0),
      leaseMs: Number(plain.leaseMs ?? 0),
      leaseExpiresAt: Number(plain.leaseExpiresAt ?? 0),
      heartbeatAt: Number(plain.heartbeatAt ?? 0),
      acquiredAt: Number(plain.acquiredAt ?? 0),
      released: plain.released === true,
      ...(plain.releasedAt !== undefined ? { releasedAt: Number(plain.releasedAt) } : {}),
      ...(plain.releasedBy !== undefined ? { releasedBy: String(plain.releasedBy) } : {}),
      holder: (plain.holder as LockRecord['holder']) ?? { identity: 'unknown' },
      ...(plain.lastDeploy ? { lastDeploy: plain.lastDeploy as LockRecord['lastDeploy'] } : {}),
      ...(plain.lastDeployFence !== undefined ? { lastDeployFence: Number(plain.lastDeployFence) } : {}),
      ...(plain.forced ? { forced: plain.forced as LockRecord['forced'] } : {})
    }
  }

  /** Turns the set-up mistakes a user can make into one message that says how to fix them. */
  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send()
    } catch (error) {
      throw await this.explainSetupError(error)
    }
  }

  private async explainSetupError(error: unknown): Promise<unknown> {
    const { tableName, keyAttribute } = this.settings
    const name = awsErrorName(error)
    if (isMissingCredentials(error)) {
      return new SetupError(
        'No AWS credentials were found. In GitHub Actions add aws-actions/configure-aws-credentials before this step; ' +
          'on a laptop set AWS_PROFILE or run `aws sso login`.',
        { cause: error }
      )
    }
    if (isMissingRegion(error)) {
      return new SetupError(
        'No AWS region is set. Set the `region` input (CLI: --region) or AWS_REGION, e.g. us-east-1.',
        { cause: error }
      )
    }
    const region = await this.db.config.region().catch(() => 'this region')
    if (name === 'ResourceNotFoundException') {
      return new SetupError(
        `Lock table ${tableName} does not exist in ${region}. Create it with: ` +
          `aws dynamodb create-table --region ${region} --table-name ${tableName} ` +
          `--attribute-definitions AttributeName=${keyAttribute},AttributeType=S ` +
          `--key-schema AttributeName=${keyAttribute},KeyType=HASH --billing-mode PAY_PER_REQUEST`,
        { cause: error }
      )
    }
    if (name === 'ValidationException' && /key|schema/i.test(awsErrorMessage(error))) {
      return new SetupError(
        `Lock table ${tableName} does not have a string partition key named ${keyAttribute} ` +
          `(DynamoDB said: ${awsErrorMessage(error)}). Point lock-key-attribute (CLI: --key-attribute) at the table's ` +
          'partition key, or use a table whose partition key is the string attribute LockID.',
        { cause: error }
      )
    }
    if (name === 'AccessDeniedException') {
      return new SetupError(
        `Access to lock table ${tableName} was denied: ${awsErrorMessage(error)} ` +
          'Grant dynamodb:GetItem, dynamodb:UpdateItem and dynamodb:Scan on the table (see the IAM policy in the README).',
        { cause: error }
      )
    }
    return error
  }
}
