import { parse } from 'yaml'
import { SimError, type SimResourceChange } from './world.js'

/** The parts of a CloudFormation template the sim reads. */
export interface Template {
  Resources: Record<string, { Type: string; Properties?: unknown; Metadata?: unknown }>
  Metadata?: Record<string, unknown>
  [section: string]: unknown
}

/**
 * The template metadata key that picks what the sim plays when a change set of this template executes:
 * `"Metadata": { "DeployGuardSim": { "Scenario": "create-fails-db-35m", "Options": { "cleanup": false } } }`.
 * Without it the sim plays the template itself: every resource created, updated or deleted as the change says.
 */
export const SIM_METADATA_KEY = 'DeployGuardSim'

export interface SimChoice {
  scenario?: string
  options: Record<string, unknown>
}

/** Parses a TemplateBody, JSON or YAML (CDK sends YAML), with CloudFormation's own error texts. */
export function parseTemplate(body: string): Template {
  let template: unknown
  try {
    template = parse(body)
  } catch {
    throw new SimError('ValidationError', 'Template format error: YAML not well-formed.')
  }
  const resources = (template as Template | null)?.Resources
  if (!resources || typeof resources !== 'object' || !Object.keys(resources).length)
    throw new SimError(
      'ValidationError',
      'Template format error: At least one Resources member must be defined.'
    )
  for (const [logicalId, resource] of Object.entries(resources))
    if (typeof resource?.Type !== 'string')
      throw new SimError(
        'ValidationError',
        `Template format error: [/Resources/${logicalId}] Every Resources object must contain a Type member.`
      )
  return template as Template
}

export function simChoice(template: Template): SimChoice {
  const chosen = template.Metadata?.[SIM_METADATA_KEY] as
    { Scenario?: unknown; Options?: unknown } | undefined
  return {
    ...(typeof chosen?.Scenario === 'string' ? { scenario: chosen.Scenario } : {}),
    options: (chosen?.Options && typeof chosen.Options === 'object' ? chosen.Options : {}) as Record<
      string,
      unknown
    >
  }
}

/**
 * What a change set from `previous` to `next` would do to each resource, in template order: Add, Modify (its
 * definition differs) or Remove. `undefined` when nothing in the template differs at all, which CloudFormation
 * refuses as a change set "that didn't contain changes".
 */
export function diffTemplates(
  previous: Template | undefined,
  next: Template
): SimResourceChange[] | undefined {
  if (previous && JSON.stringify(previous) === JSON.stringify(next)) return undefined
  const before = previous?.Resources ?? {}
  const changes: SimResourceChange[] = []
  for (const [logicalId, resource] of Object.entries(next.Resources)) {
    const old = before[logicalId]
    if (!old) changes.push({ action: 'Add', logicalId, type: resource.Type })
    else if (JSON.stringify(old) !== JSON.stringify(resource))
      changes.push({ action: 'Modify', logicalId, type: resource.Type })
  }
  for (const [logicalId, resource] of Object.entries(before))
    if (!next.Resources[logicalId]) changes.push({ action: 'Remove', logicalId, type: resource.Type })
  return changes
}
