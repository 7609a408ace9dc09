// Writes docs/actions.md from the action.yml files (`npm run docs`); a test fails when the two differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

export const ACTIONS = [
  [
    '.',
    'OWNER/deploy-guard@v1',
    'The full guard: lock, protect, run the deploy command while watching, diagnose on failure, release.'
  ],
  [
    'lock',
    'OWNER/deploy-guard/lock@v1',
    'Pre-deploy lock step: the lock is held (heartbeating) until the job ends.'
  ],
  ['watch', 'OWNER/deploy-guard/watch@v1', 'Watch a deployment started elsewhere.'],
  [
    'diagnose',
    'OWNER/deploy-guard/diagnose@v1',
    'Post-failure diagnostics, also after the stack was deleted.'
  ],
  [
    'unlock',
    'OWNER/deploy-guard/unlock@v1',
    "Release a lock (your own, or anyone's with force and a reason)."
  ]
]

const cell = text =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()

export function renderActionDocs() {
  const parts = [
    '# Action reference',
    '',
    'Generated from the `action.yml` files by `npm run docs`; a test keeps them identical.',
    ''
  ]
  for (const [dir, uses, summary] of ACTIONS) {
    const action = parse(readFileSync(`${dir}/action.yml`, 'utf8'))
    parts.push(
      `## \`${uses}\``,
      '',
      summary,
      '',
      '| input | required | default | description |',
      '| --- | --- | --- | --- |'
    )
    for (const [name, input] of Object.entries(action.inputs ?? {})) {
      parts.push(
        `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default !== undefined ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`
      )
    }
    parts.push('', '| output | description |', '| --- | --- |')
    for (const [name, output] of Object.entries(action.outputs ?? {}))
      parts.push(`| \`${name}\` | ${cell(output.description)} |`)
    parts.push('')
  }
  return parts.join('\n')
}

if (process.argv[1]?.endsWith('action-docs.mjs')) {
  writeFileSync('docs/actions.md', renderActionDocs())
  console.log('Wrote docs/actions.md')
}
