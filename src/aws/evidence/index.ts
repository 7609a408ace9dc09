import type { EcsReader, EvidenceReaders, LogsReader, RdsReader } from '../../core/evidence/types.js'
import type { AwsSettings } from '../clients.js'

/**
 * Readers whose SDK clients are imported on first use: most deploys never fail on an ECS service, a database or a
 * custom resource, so their bundles keep ECS, RDS and CloudWatch Logs out of the startup path (Rollup splits each
 * dynamic import into its own chunk).
 */
export function lazyEvidenceReaders(settings: AwsSettings): EvidenceReaders {
  let ecs: Promise<EcsReader> | undefined
  let rds: Promise<RdsReader> | undefined
  let logs: Promise<LogsReader> | undefined
  return {
    ecs: () => (ecs ??= import('./ecs.js').then(module => module.createEcsReader(settings))),
    rds: () => (rds ??= import('./rds.js').then(module => module.createRdsReader(settings))),
    logs: () => (logs ??= import('./logs.js').then(module => module.createLogsReader(settings)))
  }
}
