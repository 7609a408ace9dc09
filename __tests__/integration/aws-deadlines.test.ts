import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createCloudFormationClient } from '../../src/aws/cloudformation.js'
import { startFaultProxy, type FaultProxy } from '../../src/sim/fault-proxy.js'
import { localAwsEnv, nodeFor, ROOT_DIR } from '../../src/sim/runner.js'
import { TEST_CREDENTIALS } from '../../src/sim/dynamo.js'

let proxy: FaultProxy
beforeAll(async () => {
  // Accepts every connection and never answers: the endpoint that hung diagnose, status and watch for good.
  proxy = await startFaultProxy('http://127.0.0.1:9', 'hang')
})
afterAll(async () => {
  await proxy.close()
})

const client = (settings: Parameters<typeof createCloudFormationClient>[0]) =>
  createCloudFormationClient({
    region: 'us-east-1',
    ...settings
  })

process.env.AWS_ACCESS_KEY_ID ??= TEST_CREDENTIALS.accessKeyId
process.env.AWS_SECRET_ACCESS_KEY ??= TEST_CREDENTIALS.secretAccessKey

describe('every AWS request has a timeout that ends it', () => {
  it('a request the server never answers fails with TimeoutError instead of waiting for good', async () => {
    process.env.AWS_ENDPOINT_URL_CLOUDFORMATION = proxy.url
    const cfn = client({ requestTimeoutMs: 300, maxAttempts: 1 })
    await expect(cfn.send(new DescribeStacksCommand({ StackName: 'HungStack' }))).rejects.toMatchObject({
      name: 'TimeoutError'
    })
  })

  it("the client's signal aborts a request in flight, and it is not retried", async () => {
    process.env.AWS_ENDPOINT_URL_CLOUDFORMATION = proxy.url
    const controller = new AbortController()
    const cfn = client({ signal: controller.signal, maxAttempts: 5 })
    const before = proxy.requests
    const sent = cfn.send(new DescribeStacksCommand({ StackName: 'HungStack' }))
    setTimeout(() => controller.abort(new Error('Cancelled by SIGINT')), 200)
    await expect(sent).rejects.toMatchObject({ name: 'AbortError' })
    expect(proxy.requests - before).toBe(1)
  })
})

describe('watch against CloudFormation that never answers', () => {
  it('ends at its timeout and says the status is unknown, not "not found"', async () => {
    const output = await new Promise<{ code: number | null; text: string }>(resolve => {
      const child = spawn(
        nodeFor('node24'),
        [join(ROOT_DIR, 'dist', 'cli', 'index.js'), 'watch', '--stack', 'HungStack', '--timeout', '2s'],
        { env: { PATH: process.env.PATH, ...localAwsEnv({ sim: proxy.url }) } }
      )
      let text = ''
      child.stderr.on('data', chunk => (text += chunk))
      child.stdout.on('data', chunk => (text += chunk))
      child.on('close', code => resolve({ code, text }))
    })
    expect(output.code).toBe(1)
    expect(output.text).toMatch(/HungStack: status unknown \(never read\): CloudFormation could not be read/)
    expect(output.text).not.toContain('not found')
    expect(output.text).toContain('Stopped watching after the watch timeout')
  })
})
