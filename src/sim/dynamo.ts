import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { AddressInfo } from 'node:net'
// dynalite ships no types; it is a plain function returning an http.Server.
// @ts-expect-error untyped module
import dynalite from 'dynalite'
import type { Server } from 'node:http'

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDTESTLOCK', secretAccessKey: 'test-secret' }
export const TEST_REGION = 'us-east-1'

export interface LocalDynamo {
  endpoint: string
  client(options?: { maxAttempts?: number }): DynamoDBClient
  createLockTable(name?: string, keyAttribute?: string): Promise<string>
  close(): Promise<void>
}

let tableCounter = 0

/** A real DynamoDB-compatible server (dynalite, in memory) on 127.0.0.1, started by the tests themselves. */
export async function startDynalite(): Promise<LocalDynamo> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clients: DynamoDBClient[] = []
  const client = (options: { maxAttempts?: number } = {}) => {
    const created = new DynamoDBClient({
      endpoint,
      region: TEST_REGION,
      credentials: TEST_CREDENTIALS,
      maxAttempts: options.maxAttempts ?? 3
    })
    clients.push(created)
    return created
  }
  return {
    endpoint,
    client,
    async createLockTable(name = `locks-${++tableCounter}-${process.pid}`, keyAttribute = 'LockID') {
      await client().send(
        new CreateTableCommand({
          TableName: name,
          KeySchema: [{ AttributeName: keyAttribute, KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: keyAttribute, AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST'
        })
      )
      return name
    },
    async close() {
      for (const c of clients) c.destroy()
      server.closeAllConnections?.()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}
