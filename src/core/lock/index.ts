export * from './acquire.js'
export * from './admin.js'
export * from './errors.js'
export * from './heartbeat.js'
export * from './lease.js'
export * from './multi.js'
export * from './order.js'
export * from './table.js'
export * from './types.js'

/** The default lock key of a stack: one lock per stack and region. */
export function stackLockKey(region: string, stackName: string): string {
  return `deploy-guard/${region}/${stackName}`
}
