import { seededRandom } from './ids.js'

/** `deny` answers AccessDenied in the service's own shape, as a role without the permission would get. */
export type FaultKind = 'throttle' | 'server-error' | 'delay' | 'drop' | 'deny'

export type SimService = 'CloudFormation' | 'CloudTrail' | 'ECS' | 'RDS' | 'CloudWatchLogs'

/**
 * One injected misbehaviour. Without `count` or `rate` it hits every matching call; `count` hits the next N
 * matching calls (a throttling burst); `rate` hits each call with that probability, drawn from the seeded PRNG.
 */
export interface FaultRule {
  kind: FaultKind
  service?: SimService
  action?: string
  count?: number
  rate?: number
  /** For `delay`: how long to hold the response. */
  delayMs?: number
}

export interface FaultSettings {
  rules: FaultRule[]
  seed?: number
}

export interface FaultDecision {
  delayMs: number
  failure?: Exclude<FaultKind, 'delay'>
}

export function createFaults() {
  let rules: FaultRule[] = []
  let random = seededRandom(1)

  return {
    /** Replaces every rule; re-seeding makes a run with the same calls hit the same faults. */
    set(settings: FaultSettings): void {
      rules = settings.rules.map(rule => ({ ...rule }))
      random = seededRandom(settings.seed ?? 1)
    },
    rules: () => rules.map(rule => ({ ...rule })),
    decide(service: string, action: string): FaultDecision {
      const decision: FaultDecision = { delayMs: 0 }
      for (const rule of rules) {
        if ((rule.service && rule.service !== service) || (rule.action && rule.action !== action)) continue
        if (rule.count !== undefined) {
          if (rule.count <= 0) continue
          rule.count--
        } else if (rule.rate !== undefined && random() >= rule.rate) continue
        if (rule.kind === 'delay') decision.delayMs += rule.delayMs ?? 0
        else decision.failure ??= rule.kind
      }
      return decision
    }
  }
}

export type Faults = ReturnType<typeof createFaults>
