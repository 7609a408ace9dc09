import { neutraliseForLog } from '../untrusted.js'
import type { StackEvent } from './types.js'

/** `Nested/Child/LogicalId`: where a resource sits, from the root stack down. */
export function resourcePath(
  resource: { nestedPath: string[]; logicalResourceId: string },
  separator = '/'
): string {
  return [...resource.nestedPath, resource.logicalResourceId].join(separator)
}

/**
 * `Nested/LogicalId (AWS::Type)`: a resource for a person; the type is left out when the input had none (copied
 * console logs often lack it) rather than printed as empty parentheses.
 */
export function describeResource(resource: {
  nestedPath: string[]
  logicalResourceId: string
  resourceType?: string
}): string {
  return resource.resourceType
    ? `${resourcePath(resource)} (${resource.resourceType})`
    : resourcePath(resource)
}

/** One log line per event: time (UTC, seconds), nested path, logical id, type, status, reason — all neutralised. */
export function formatEventLine(event: StackEvent): string {
  const time = new Date(event.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const where = resourcePath(event)
  const reason = event.resourceStatusReason ? ` ${event.resourceStatusReason}` : ''
  return neutraliseForLog(`${time} ${where} ${event.resourceType} ${event.resourceStatus}${reason}`)
}
