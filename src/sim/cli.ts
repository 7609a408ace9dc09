import { parseArgs } from 'node:util'
import { startSim } from './server.js'

/**
 * Runs the sim as its own process for e2e tests, the benchmark and the demo:
 *   node --experimental-transform-types --import ./scripts/ts.mjs src/sim/cli.ts [--port 0] [--autoplay 60]
 * prints `{"url": "http://127.0.0.1:PORT"}` as one JSON line, then serves until SIGINT/SIGTERM.
 */
const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    autoplay: { type: 'string' },
    'cloudtrail-rate': { type: 'string' }
  }
})

const sim = await startSim({
  host: values.host,
  port: Number(values.port),
  ...(values['cloudtrail-rate'] ? { cloudTrailRatePerSecond: Number(values['cloudtrail-rate']) } : {})
})
if (values.autoplay) sim.clock.autoplay(Number(values.autoplay))
process.stdout.write(JSON.stringify({ url: sim.url }) + '\n')

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void sim.close().then(() => process.exit(0))
  })
