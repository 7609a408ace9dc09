import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SERVICE_PREFIX: Record<string, string> = {
  'client-dynamodb': 'dynamodb',
  'client-cloudformation': 'cloudformation',
  'client-cloudtrail': 'cloudtrail',
  'client-ecs': 'ecs',
  'client-rds': 'rds',
  'client-cloudwatch-logs': 'logs',
  'client-lambda': 'lambda'
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return path.endsWith(join('src', 'sim')) ? [] : sourceFiles(path)
    return path.endsWith('.ts') ? [path] : []
  })
}

/** Every `XCommand` the product code imports from an AWS SDK client, as an IAM action (`service:X`). */
function actionsInCode(): Set<string> {
  const actions = new Set<string>()
  for (const file of sourceFiles('src')) {
    const text = readFileSync(file, 'utf8')
    for (const [, names, client] of text.matchAll(
      /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/(client-[a-z-]+)'/g
    )) {
      for (const name of names!.split(',').map(part => part.replace(/^\s*type\s+/, '').trim())) {
        const command = /^(\w+)Command$/.exec(name)
        if (command) actions.add(`${SERVICE_PREFIX[client!]}:${command[1]}`)
      }
    }
  }
  return actions
}

function actionsInPolicy(): Set<string> {
  const policy = JSON.parse(readFileSync('iam/deploy-guard-policy.json', 'utf8')) as {
    Statement: { Action: string | string[] }[]
  }
  return new Set(policy.Statement.flatMap(statement => [statement.Action].flat()))
}

describe('the least-privilege IAM policy', () => {
  it('grants exactly the API calls the code makes, no more and no fewer', () => {
    expect([...actionsInPolicy()].sort()).toEqual([...actionsInCode()].sort())
  })

  it("names in the README's table of modes only statements the policy has, and every one of them", () => {
    const readme = readFileSync('README.md', 'utf8')
    const table = readme.slice(readme.indexOf('| mode | statements |')).split('\n\n')[0]!
    const named = new Set([...table.matchAll(/`([A-Z][A-Za-z]+\*?)`/g)].map(match => match[1]!))
    const policy = JSON.parse(readFileSync('iam/deploy-guard-policy.json', 'utf8')) as {
      Statement: { Sid: string }[]
    }
    const sids = policy.Statement.map(statement => statement.Sid)
    const covers = (name: string) => (sid: string) =>
      name.endsWith('*') ? sid.startsWith(name.slice(0, -1)) : sid === name
    expect([...named].filter(name => !sids.some(covers(name)))).toEqual([])
    expect(sids.filter(sid => ![...named].some(name => covers(name)(sid)))).toEqual([])
  })

  it('is the policy the README shows', () => {
    const readme = readFileSync('README.md', 'utf8')
    const policy = readFileSync('iam/deploy-guard-policy.json', 'utf8').trim()
    expect(readme).toContain(policy)
  })
})
