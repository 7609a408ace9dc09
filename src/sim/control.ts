import { parseFaultRules } from './faults.js'
import type { Sim } from './server.js'
import { scenarios } from './scenarios/index.js'
import { SimError } from './world.js'

/**
 * The reserved `/_sim/*` routes, JSON in and out, so other processes (a fake `cdk deploy`, the demo, e2e tests)
 * drive the same sim an in-process test drives through the `Sim` object.
 */
export async function handleControl(sim: Sim, method: string, path: string, body: string): Promise<unknown> {
  const input = body ? (JSON.parse(body) as Record<string, unknown>) : {}
  const route = `${method} ${path}`
  switch (route) {
    case 'POST /_sim/deploy':
      return sim.deploy(String(input.stackName), String(input.scenario), {
        region: input.region as string | undefined,
        account: input.account as string | undefined,
        terminationProtection: input.terminationProtection === true,
        startAt: input.startAt === 'past' ? 'past' : 'now',
        headroomMs: input.headroomMs as number | undefined,
        options: (input.options ?? {}) as Record<string, unknown>
      })
    case 'POST /_sim/advance':
      sim.clock.advance(Number(input.ms))
      return sim.state()
    case 'POST /_sim/autoplay':
      sim.clock.autoplay(Number(input.speed))
      return sim.state()
    case 'POST /_sim/faults':
      sim.faults.set({ rules: parseFaultRules(input.rules), seed: input.seed as number | undefined })
      return { rules: sim.faults.rules() }
    case 'POST /_sim/delete':
      sim.deleteStack(String(input.stackName), input.accessKeyId as string | undefined)
      return sim.state()
    case 'GET /_sim/calls':
      return sim.calls
    case 'POST /_sim/calls/reset':
      sim.resetCalls()
      return {}
    case 'GET /_sim/state':
      return sim.state()
    case 'GET /_sim/scenarios':
      return Object.fromEntries(Object.entries(scenarios).map(([name, s]) => [name, s.description]))
    default:
      throw new SimError('NotFound', `No sim control route ${route}`, 404)
  }
}
