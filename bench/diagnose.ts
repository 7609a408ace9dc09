import { CloudFormationClient } from '@aws-sdk/client-cloudformation'
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail'
import { systemClock } from '../src/core/clock.js'
import { diagnoseStack } from '../src/core/diagnose/index.js'
import { incidentPrincipals } from '../src/sim/principals.js'
import { startSim } from '../src/sim/server.js'
import type { BenchRow } from './table.js'

/** Diagnosing a large nested stack and the incident-A stack: API calls, wall time, CloudTrail pacing. */
export async function diagnoseCost(): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const [label, scenario, options] of [
    ['large stack, two nested levels', 'large-nested', { resourcesPerStack: 70 }],
    ['incident A (deleted stack)', 'create-fails-db-35m', {}]
  ] as const) {
    const sim = await startSim()
    try {
      sim.deploy('CourtCaseManagementStack', scenario, { startAt: 'past', options })
      const config = {
        endpoint: sim.url,
        region: 'us-east-1',
        credentials: { accessKeyId: incidentPrincipals().deployer.accessKeyId, secretAccessKey: 'bench' }
      }
      sim.resetCalls()
      const started = performance.now()
      const report = await diagnoseStack(
        { cfn: new CloudFormationClient(config), trail: new CloudTrailClient(config), clock: systemClock },
        { stackName: 'CourtCaseManagementStack', region: 'us-east-1' }
      )
      const wallMs = performance.now() - started
      const calls = sim.calls
      const cloudFormation = Object.entries(calls).filter(([name]) => name.startsWith('CloudFormation.'))
      const trailCalls = calls['CloudTrail.LookupEvents'] ?? 0
      rows.push(
        {
          metric: `diagnose ${label}: CloudFormation calls`,
          value: cloudFormation.reduce((sum, [, n]) => sum + n, 0),
          unit: 'calls',
          note: `${report.events.length} events; ${cloudFormation.map(([name, n]) => `${name.split('.')[1]} ${n}`).join(', ')}`
        },
        {
          metric: `diagnose ${label}: CloudTrail LookupEvents`,
          value: trailCalls,
          unit: 'calls',
          note: `paced at 2/s; ${report.rootCauses.length} root cause(s)`
        },
        {
          metric: `diagnose ${label}: wall time`,
          value: wallMs,
          unit: 'ms',
          note: 'CloudTrail calls ≥ 500 ms apart (one pacer)'
        }
      )
    } finally {
      await sim.close()
    }
  }
  return rows
}
