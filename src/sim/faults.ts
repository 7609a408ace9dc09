import { seededRandom } from './ids.js'

/** `deny` answers AccessDenied in the service's own shape, as a role without the permission would get. */
export const FAULT_KINDS = ['throttle', 'server-error', 'delay', 'drop', 'deny'] as const
export type FaultKind = (typeof FAULT_KINDS)[number]

export const SIM_SERVICES = ['CloudFormation', 'CloudTrail', 'ECS', 'RDS', 'CloudWatchLogs', 'STS'] as const
export type SimService = (typeof SIM_SERVICES)[number]

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

/** Rules as POST /_sim/faults sends them; a misspelt kind or service is refused rather than silently never hit. */
export function parseFaultRules(input: unknown): FaultRule[] {
  if (input === undefined) return []
  if (!Array.isArray(input)) throw new Error('rules must be a list')
  return input.map((rule: Partial<Record<keyof FaultRule, unknown>>) => {
    if (!FAULT_KINDS.includes(rule.kind as FaultKind))
      throw new Error(`Unknown fault kind ${String(rule.kind)}; known: ${FAULT_KINDS.join(', ')}`)
    if (rule.service !== undefined && !SIM_SERVICES.includes(rule.service as SimService))
      throw new Error(`Unknown service ${String(rule.service)}; known: ${SIM_SERVICES.join(', ')}`)
    return rule as FaultRule
  })
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
