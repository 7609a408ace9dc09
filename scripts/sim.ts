// `npm run sim`: the local AWS endpoint (CloudFormation + CloudTrail) on 127.0.0.1:4566 and an in-memory DynamoDB with
// the lock table `deploy-locks` on 127.0.0.1:4567, until Ctrl-C — for `npm run local-action` and trying the CLI.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb'
// @ts-expect-error dynalite ships no types
import dynalite from 'dynalite'
import type { Server } from 'node:http'
import { startSim } from '../src/sim/server.js'

const sim = await startSim({ port: 4566 })
const dynamo: Server = dynalite({ createTableMs: 0 })
await new Promise<void>(resolve => dynamo.listen(4567, '127.0.0.1', resolve))
await new DynamoDBClient({
  endpoint: 'http://127.0.0.1:4567',
  region: 'us-east-1',
  credentials: { accessKeyId: 'sim', secretAccessKey: 'sim' }
}).send(
  new CreateTableCommand({
    TableName: 'deploy-locks',
    KeySchema: [{ AttributeName: 'LockID', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'LockID', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST'
  })
)
console.log(
  `CloudFormation + CloudTrail: ${sim.url}   DynamoDB (table deploy-locks): http://127.0.0.1:4567   Ctrl-C stops.`
)
const stop = async () => {
  await sim.close()
  dynamo.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
