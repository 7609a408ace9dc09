#!/usr/bin/env node
// A stand-in for `npx cdk deploy` against the sim: starts a scenario on a stack through the sim's control API,
// lets simulated time run fast, and waits like cdk does until the stack settles. Exit 0 on success, 1 on failure.
// Usage: node src/sim/fake-cdk.mjs SIM_URL STACK SCENARIO [SPEED] [OPTIONS_JSON]
// OPTIONS_JSON `terminationProtection` is the app's setting (default false, as in CDK). When the stack already
// exists (a scenario placed it with its update still to come), fake-cdk attaches to it instead of starting a
// scenario, and first does what `cdk deploy` does to an existing stack: sets termination protection to the app's
// setting with UpdateTerminationProtection (aws-cdk deploy-stack.ts, `updateTerminationProtection`).
//
// The real `cdk deploy` (aws-cdk devDependency; src/sim/cdk.ts, __tests__/e2e/cdk-deploy.test.ts, the demo) is what
// the sim serves now. This stand-in stays only in the action e2e tests (watch-, diagnose- and evidence-actions), whose
// subject is the action's watch and diagnosis, not the deploy tool: there it plays a scenario in about a second, where
// the real CLI needs several (its start-up, then a 5-second status poll it has no option to shorten).
const [simUrl, stackName, scenario, speed = '600', options = '{}'] = process.argv.slice(2)
if (!simUrl || !stackName || !scenario) {
  console.error('usage: fake-cdk.mjs SIM_URL STACK SCENARIO [SPEED] [OPTIONS_JSON]')
  process.exit(2)
}
const control = async (method, path, body) => {
  const response = await fetch(`${simUrl}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {})
  })
  if (!response.ok) throw new Error(`sim ${path}: ${response.status} ${await response.text()}`)
  return response.json()
}
// CloudFormation's query protocol, signed with this process's access key as the sim identifies callers (it does not
// check signatures).
const cloudFormation = async params => {
  const key = process.env.AWS_ACCESS_KEY_ID ?? 'ANONYMOUS'
  const response = await fetch(simUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0`
    },
    body: Object.entries({ Version: '2010-05-15', ...params })
      .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
      .join('&')
  })
  return response.text()
}
const settings = JSON.parse(options)
const appProtection = settings.terminationProtection === true

const existing = await cloudFormation({ Action: 'DescribeStacks', StackName: stackName })
const status = /<StackStatus>([^<]+)<\/StackStatus>/.exec(existing)?.[1]
let startedAt
let stackId
if (status && status !== 'DELETE_COMPLETE') {
  stackId = /<StackId>([^<]+)<\/StackId>/.exec(existing)[1]
  const protectedNow = /<EnableTerminationProtection>true</.test(existing)
  console.log(`${stackName}: updating (attached to the existing stack, ${status})`)
  if (protectedNow !== appProtection) {
    console.log(`${stackName}: updating termination protection from ${protectedNow} to ${appProtection}`)
    await cloudFormation({
      Action: 'UpdateTerminationProtection',
      StackName: stackName,
      EnableTerminationProtection: String(appProtection)
    })
  }
  startedAt = (await control('GET', 'state')).now
} else {
  console.log(`${stackName}: deploying (scenario ${scenario})`)
  ;({ stackId, startedAt } = await control('POST', 'deploy', {
    stackName,
    scenario,
    options: settings
  }))
}
await control('POST', 'autoplay', { speed: Number(speed) })
// The update this deploy attached to has begun once the stack's LastUpdatedTime is past the moment it attached; its
// status is read from the same reply, so a stale status is never taken for the update's.
const attachedStatus = async () => {
  const reply = await cloudFormation({ Action: 'DescribeStacks', StackName: stackId })
  const updated = /<LastUpdatedTime>([^<]+)</.exec(reply)
  return updated !== null && Date.parse(updated[1]) >= startedAt
    ? /<StackStatus>([^<]+)</.exec(reply)[1]
    : undefined
}
for (;;) {
  const state = await control('GET', 'state')
  const current = status
    ? await attachedStatus()
    : (state.stacks.find(candidate => candidate.id === stackId)?.status ?? 'DELETE_COMPLETE')
  // Like cdk, wait for the operation this deploy started (its change set executes a few simulated seconds in).
  const started = status ? current !== undefined : state.now >= startedAt + 60_000
  if (started && /_(COMPLETE|FAILED)$/.test(current) && !current.startsWith('REVIEW')) {
    console.log(`${stackName}: ${current}`)
    process.exit(/^(CREATE|UPDATE)_COMPLETE$/.test(current) ? 0 : 1)
  }
  await new Promise(resolve => setTimeout(resolve, 100))
}
