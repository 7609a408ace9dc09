#!/usr/bin/env node
// A stand-in for `npx cdk deploy` against the sim: starts a scenario on a stack through the sim's control API,
// lets simulated time run fast, and waits like cdk does until the stack settles. Exit 0 on success, 1 on failure.
// Usage: node src/sim/fake-cdk.mjs SIM_URL STACK SCENARIO [SPEED] [OPTIONS_JSON]
//
// The real `cdk deploy` (aws-cdk devDependency; src/sim/cdk.ts, __tests__/e2e/cdk-*.test.ts, the demo) is what the
// sim serves now. This stand-in stays only in the action e2e tests (watch-, diagnose- and evidence-actions), whose
// subject is the action's watch and diagnosis, not the deploy tool, and whose scenarios (nested stacks, evidence,
// timeouts) no change set of a template plays: there it plays a scenario in about a second, where the real CLI
// needs several (its start-up, then a 5-second status poll it has no option to shorten).
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

console.log(`${stackName}: deploying (scenario ${scenario})`)
const { stackId, startedAt } = await control('POST', 'deploy', {
  stackName,
  scenario,
  options: JSON.parse(options)
})
await control('POST', 'autoplay', { speed: Number(speed) })
for (;;) {
  const state = await control('GET', 'state')
  const stack = state.stacks.find(candidate => candidate.id === stackId)
  const status = stack?.status ?? 'DELETE_COMPLETE'
  // Like cdk, wait for the operation this deploy started (its change set executes a few simulated seconds in).
  const started = state.now >= startedAt + 60_000
  if (started && /_(COMPLETE|FAILED)$/.test(status) && !status.startsWith('REVIEW')) {
    console.log(`${stackName}: ${status}`)
    process.exit(/^(CREATE|UPDATE)_COMPLETE$/.test(status) ? 0 : 1)
  }
  await new Promise(resolve => setTimeout(resolve, 100))
}
