import type { Evidence } from './types.js'
import { EvidenceGap } from './types.js'

/** One report line for evidence that could not be read: what it would have shown, and the permission to grant. */
export function describeGap(error: unknown, what: string): string {
  if (error instanceof EvidenceGap && error.kind === 'denied')
    return `${error.permission} was denied, so the report lacks ${what}; allow ${error.permission} to the role that runs deploy-guard to see it.`
  if (error instanceof EvidenceGap) return `Could not read ${what}: ${error.message}`
  return `Could not read ${what}: ${error instanceof Error ? error.message : String(error)}`
}

/** Evidence is optional: a read that fails becomes a gap line and `fallback`, never a failed step. */
export async function attempt<T>(evidence: Evidence, read: Promise<T>, what: string): Promise<T | undefined>
export async function attempt<T>(evidence: Evidence, read: Promise<T>, what: string, fallback: T): Promise<T>
export async function attempt<T>(
  evidence: Evidence,
  read: Promise<T>,
  what: string,
  fallback?: T
): Promise<T | undefined> {
  try {
    return await read
  } catch (error) {
    evidence.gaps.push(describeGap(error, what))
    return fallback
  }
}
