import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { startDynalite, TEST_CREDENTIALS, TEST_REGION, type LocalDynamo } from '../../src/sim/dynamo.js'
import { startFaultProxy, type FaultProxy } from '../../src/sim/fault-proxy.js'
import type { Sim } from '../../src/sim/server.js'
import { clientsFor, rejection, simWith, STACK } from './sim-clients.js'

let dynamo: LocalDynamo
let proxy: FaultProxy
beforeAll(async () => {
  dynamo = await startDynalite()
})
afterAll(() => dynamo.close())
afterEach(() => proxy.close())

const dynamoVia = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 })

/** One ListTables through the proxy with a 1.5 s abort, as a client with a request deadline would send it. */
async function listTables(): Promise<Record<string, unknown>> {
  const client = dynamoVia(proxy.url)
  try {
    return (await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(1500) })) as never
  } finally {
    client.destroy()
  }
}

describe('fault proxy in front of dynalite, as the SDK sees it', () => {
  it('passes requests through unchanged and counts them', async () => {
    proxy = await startFaultProxy(dynamo.endpoint)
    const table = await dynamo.createLockTable()
    expect((await listTables()).TableNames).toContain(table)
    expect(proxy.requests).toBe(1)
  })

  it('answers 500 as an InternalFailure server fault', async () => {
    proxy = await startFaultProxy(dynamo.endpoint, 'error500')
    const error = await rejection(listTables())
    expect(error.name).toBe('InternalFailure')
    expect(error.$fault).toBe('server')
  })

  it('answers throttling as DynamoDB does, and recovers when set back to pass', async () => {
    proxy = await startFaultProxy(dynamo.endpoint, 'throttle')
    expect((await rejection(listTables())).name).toBe('ThrottlingException')
    await proxy.setMode('pass')
    await expect(listTables()).resolves.toHaveProperty('TableNames')
  })

  it('resets the connection without an answer', async () => {
    proxy = await startFaultProxy(dynamo.endpoint, 'reset')
    const error = await rejection(listTables())
    expect(String(error.code ?? error.message)).toMatch(/ECONNRESET|socket hang up/)
  })

  it('never answers a hanging request: only the client deadline ends it', async () => {
    proxy = await startFaultProxy(dynamo.endpoint, 'hang')
    const error = await rejection(listTables())
    expect(error.name).toMatch(/AbortError|TimeoutError/)
    expect(proxy.requests).toBe(1)
  })

  it('refuses connections, then listens again on the same address', async () => {
    proxy = await startFaultProxy(dynamo.endpoint, 'refuse')
    const error = await rejection(listTables())
    expect(String(error.code ?? error.message)).toContain('ECONNREFUSED')
    expect(proxy.requests).toBe(0)
    await proxy.setMode('pass')
    await expect(listTables()).resolves.toHaveProperty('TableNames')
  })

  it('names the valid modes when given an unknown one', async () => {
    await expect(startFaultProxy(dynamo.endpoint, 'drop' as never)).rejects.toThrow(
      'Unknown fault mode "drop"; known: pass, error500, throttle, reset, hang, refuse'
    )
    proxy = await startFaultProxy(dynamo.endpoint)
  })
})

describe('fault proxy in front of the sim (query protocol)', () => {
  let sim: Sim
  beforeAll(async () => {
    sim = await simWith()
    sim.deploy(STACK, 'create-succeeds')
  })
  afterAll(() => sim.close())

  it('throttles CloudFormation with the query protocol error code Throttling', async () => {
    proxy = await startFaultProxy(sim.url, 'throttle')
    const { cfn } = clientsFor({ ...sim, url: proxy.url } as Sim)
    expect((await rejection(cfn.send(new DescribeStacksCommand({ StackName: STACK })))).name).toBe(
      'Throttling'
    )
    await proxy.setMode('pass')
    const answer = await cfn.send(new DescribeStacksCommand({ StackName: STACK }))
    expect(answer.Stacks?.[0]?.StackName).toBe(STACK)
  })
})
