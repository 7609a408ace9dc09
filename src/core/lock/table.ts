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
import type { CallOptions } from './deadline.js'
import { MalformedLockError } from './errors.js'
import type { LockRecord } from './types.js'
import { type LockEntry, parseLockItem } from './validate.js'

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
  /** Aliases for names only known at run time (a stack name in `deploys`, a ticket id in `queue`). */
  names?: Record<string, string> | undefined
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
  'finishedAt',
  'deploys',
  'queue',
  'ticketSeq'
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

  /**
   * The lock item by consistent read, validated.
   * @throws MalformedLockError when the item is not what deploy-guard writes; AWS errors (transient ones as they are)
   */
  async read(key: string, options: CallOptions = {}): Promise<LockRecord | undefined> {
    const entry = await this.inspect(key, options)
    return entry ? recordOf(entry) : undefined
  }

  /** The item as it is, valid or malformed (for `status` and a forced clean-up); undefined when absent. */
  async inspect(key: string, options: CallOptions = {}): Promise<LockEntry | undefined> {
    const reply = await this.call(() =>
      this.db.send(
        new GetItemCommand({
          TableName: this.settings.tableName,
          Key: this.keyOf(key),
          ConsistentRead: true
        }),
        { abortSignal: options.signal }
      )
    )
    return reply.Item ? this.toEntry(reply.Item) : undefined
  }

  /**
   * Applies `update` when `condition` holds and returns the item after the write.
   * On a failed condition throws `ConditionFailed` with the item as it stood: from the error itself where the server
   * supports ReturnValuesOnConditionCheckFailure, else from a consistent read. A write DynamoDB rejects as mistyped (a
   * hand-edited item holding a string where a number belongs) is explained by reading the item: `MalformedLockError`
   * says what is wrong.
   */
  async update(key: string, write: ConditionalUpdate, options: CallOptions = {}): Promise<LockRecord> {
    return recordOf(await this.updateEntry(key, write, options))
  }

  /** `update` without validating the item written (a forced clean-up rewrites a malformed item). */
  async updateEntry(key: string, write: ConditionalUpdate, options: CallOptions = {}): Promise<LockEntry> {
    const names: Record<string, string> = { '#key': this.settings.keyAttribute, ...write.names }
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
            ...(Object.keys(write.values).length > 0
              ? { ExpressionAttributeValues: marshall(write.values, { removeUndefinedValues: true }) }
              : {}),
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
          }),
          { abortSignal: options.signal }
        )
      )
      return this.toEntry(reply.Attributes ?? {})
    } catch (error) {
      if (
        awsErrorName(error) === 'ValidationException' &&
        /data type|operand|document path/i.test(awsErrorMessage(error))
      ) {
        const current = await this.inspect(key, options)
        if (current && 'malformed' in current) throw new MalformedLockError(current.malformed)
        throw error
      }
      if (awsErrorName(error) !== 'ConditionalCheckFailedException') throw error
      const old = (error as { Item?: Record<string, AttributeValue> }).Item
      throw new ConditionFailed(old ? recordOf(this.toEntry(old)) : await this.read(key, options))
    }
  }

  /**
   * Every deploy-guard lock item in the table, valid or malformed (items of other tools, such as Terraform's, are
   * skipped: only items carrying a fence or owner, or at a `deploy-guard/` key, are ours).
   */
  async list(options: CallOptions = {}): Promise<LockEntry[]> {
    const entries: LockEntry[] = []
    let startKey: Record<string, AttributeValue> | undefined
    do {
      const page = await this.call(() =>
        this.db.send(
          new ScanCommand({
            TableName: this.settings.tableName,
            ConsistentRead: true,
            FilterExpression:
              'attribute_exists(#fence) OR attribute_exists(#owner) OR begins_with(#key, :prefix)',
            ExpressionAttributeNames: {
              '#fence': 'fence',
              '#owner': 'owner',
              '#key': this.settings.keyAttribute
            },
            ExpressionAttributeValues: { ':prefix': { S: 'deploy-guard/' } },
            ExclusiveStartKey: startKey
          }),
          { abortSignal: options.signal }
        )
      )
      for (const item of page.Items ?? []) entries.push(this.toEntry(item))
      startKey = page.LastEvaluatedKey
    } while (startKey)
    return entries.sort((a, b) => keyOfEntry(a).localeCompare(keyOfEntry(b)))
  }

  private keyOf(key: string): Record<string, AttributeValue> {
    return { [this.settings.keyAttribute]: { S: key } }
  }

  private toEntry(item: Record<string, AttributeValue>): LockEntry {
    const plain = unmarshall(item) as Record<string, unknown>
    return parseLockItem(String(plain[this.settings.keyAttribute]), plain)
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

/** The valid record of an entry. @throws MalformedLockError for a malformed one */
export function recordOf(entry: LockEntry): LockRecord {
  if ('malformed' in entry) throw new MalformedLockError(entry.malformed)
  return entry.record
}

export function keyOfEntry(entry: LockEntry): string {
  return 'malformed' in entry ? entry.malformed.key : entry.record.key
}
