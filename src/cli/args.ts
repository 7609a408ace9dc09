import { parseArgs } from 'node:util'
import { InputError } from '../core/errors.js'
import type { RawSettings } from '../core/settings.js'

export const COMMANDS = [
  'run',
  'watch',
  'diagnose',
  'explain',
  'lock',
  'unlock',
  'status',
  'freeze',
  'unfreeze',
  'help',
  'version'
] as const
export type CommandName = (typeof COMMANDS)[number]

export interface CliInvocation {
  command: CommandName
  settings: RawSettings
  /** The deploy command for `run`: everything after `--`. */
  commandLine: string[]
  json: boolean
  force: boolean
  until?: string
  for?: string
  since?: string
  nested?: string
  /** explain: which operation of the dump (`latest`, N counting back from the newest, or an id). */
  operation?: string
  listOperations: boolean
  help: boolean
}

const OPTIONS = {
  stack: { type: 'string', multiple: true },
  table: { type: 'string' },
  key: { type: 'string' },
  'key-attribute': { type: 'string' },
  lease: { type: 'string' },
  'wait-timeout': { type: 'string' },
  reason: { type: 'string' },
  region: { type: 'string' },
  'out-of-order': { type: 'string' },
  'wait-on-freeze': { type: 'boolean' },
  queue: { type: 'string' },
  until: { type: 'string' },
  for: { type: 'string' },
  force: { type: 'boolean' },
  json: { type: 'boolean' },
  'termination-protection': { type: 'string' },
  'replace-failed-create': { type: 'boolean' },
  timeout: { type: 'string' },
  'start-timeout': { type: 'string' },
  'poll-interval': { type: 'string' },
  'slow-resource-after': { type: 'string' },
  'command-grace': { type: 'string' },
  'stop-after-stack-settles': { type: 'boolean' },
  since: { type: 'string' },
  nested: { type: 'string' },
  operation: { type: 'string' },
  'list-operations': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

/**
 * Maps the command line onto the action's input names, so the CLI and the action share one validation.
 * `--table` falls back to DEPLOY_GUARD_TABLE, so people need not repeat it.
 */
export function parseCli(argv: string[], env: Record<string, string | undefined>): CliInvocation {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h') return emptyInvocation('help')
  if (first === '--version' || first === '-V' || first === '-v') return emptyInvocation('version')
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new InputError(
      `Unknown command "${first}". Valid commands: ${COMMANDS.join(', ')}. See deploy-guard help.`
    )
  }
  const command = first as CommandName
  const separator = rest.indexOf('--')
  const own = separator >= 0 ? rest.slice(0, separator) : rest
  const commandLine = separator >= 0 ? rest.slice(separator + 1) : []
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']
  let positionals: string[] = []
  try {
    ;({ values, positionals } = parseArgs({
      args: own,
      options: OPTIONS,
      allowPositionals: command === 'explain',
      strict: true
    }))
  } catch (error) {
    throw new InputError(`${(error as Error).message}. See deploy-guard help.`)
  }
  const settings: RawSettings = {
    'stack-name': (values.stack ?? []).join('\n'),
    'lock-table': values.table ?? env.DEPLOY_GUARD_TABLE ?? '',
    'lock-key': values.key ?? '',
    'lock-key-attribute': values['key-attribute'] ?? '',
    lease: values.lease ?? '',
    'wait-timeout': values['wait-timeout'] ?? '',
    reason: values.reason ?? '',
    region: values.region ?? '',
    'out-of-order': values['out-of-order'] ?? '',
    'wait-on-freeze': values['wait-on-freeze'] ? 'true' : '',
    queue: values.queue ?? '',
    'termination-protection': values['termination-protection'] ?? '',
    'replace-failed-create': values['replace-failed-create'] ? 'true' : '',
    'watch-timeout': values.timeout ?? (command === 'watch' ? '60m' : ''),
    'start-timeout': values['start-timeout'] ?? '',
    'poll-interval': values['poll-interval'] ?? '',
    'slow-resource-after': values['slow-resource-after'] ?? '',
    'command-grace': values['command-grace'] ?? '',
    'stop-after-stack-settles': values['stop-after-stack-settles'] ? 'true' : ''
  }
  if (command === 'run' && commandLine.length === 0 && !values.help) {
    throw new InputError(
      'run: no deploy command. Put it after --, e.g. deploy-guard run --stack MyStack --table deploy-locks -- npx cdk deploy MyStack'
    )
  }
  if (command === 'explain' && positionals.length === 0 && !values.help) {
    throw new InputError(
      "explain: give the events file (or - for stdin), then any nested stacks' files, e.g. deploy-guard explain events.json"
    )
  }
  return {
    command,
    settings,
    commandLine: command === 'explain' ? positionals : commandLine,
    json: values.json ?? false,
    force: values.force ?? false,
    ...(values.until ? { until: values.until } : {}),
    ...(values.for ? { for: values.for } : {}),
    ...(values.since ? { since: values.since } : {}),
    ...(values.nested ? { nested: values.nested } : {}),
    ...(values.operation ? { operation: values.operation } : {}),
    listOperations: values['list-operations'] ?? false,
    help: values.help ?? false
  }
}

function emptyInvocation(command: CommandName): CliInvocation {
  return {
    command,
    settings: {},
    commandLine: [],
    json: false,
    force: false,
    listOperations: false,
    help: false
  }
}

export const USAGE = `deploy-guard — serialize, protect, watch and explain CloudFormation / CDK deployments

Usage:
  deploy-guard run --stack NAME [--stack NAME…] --table TABLE [options] -- COMMAND [ARGS…]
      Take the lock(s), protect the stacks, run the deploy command while streaming their events, release;
      exit with the command's code (1 if it succeeded but a stack ended failed or rolled back).
  deploy-guard run --key KEY --table TABLE [options] -- COMMAND [ARGS…]
      Only the lock, for anything that is not a CloudFormation stack (terraform apply, a script): no
      CloudFormation call, so no cloudformation: permission is needed.
  deploy-guard watch --stack NAME [--timeout 60m] [--start-timeout 10m]
      Watch a deployment started elsewhere: the stack's current operation, or, when its last one had already
      finished, the next one to start; until it finishes.
  deploy-guard diagnose --stack NAME [--since 2h] [--json]
      Explain the stack's latest failed operation — root cause, nested stacks, CloudTrail — even after deletion.
  deploy-guard explain FILE|- [NESTED_FILE…] [--nested DIR] [--operation N|ID|latest] [--list-operations] [--json]
      The same analysis offline, from \`aws cloudformation describe-stack-events\` output (its whole history:
      by default the newest operation that failed is explained, else the newest); nested stacks' dumps as
      further files or a --nested DIR. --list-operations prints one line per operation (number, start, type,
      final status, first root cause); --operation picks one (1 = newest, or the id that list prints).
  deploy-guard lock (--stack NAME | --key KEY) --table TABLE [options]
      Take the lock and exit; it stays held until its lease ends or you unlock it (use a long --lease).
  deploy-guard unlock --stack NAME --table TABLE [--force --reason TEXT]
      Release your own lock; someone else's needs --force and a reason, recorded on the lock. A forced lock
      whose holder may still run drains first: its command is stopped before the next run may take it.
  deploy-guard status --table TABLE [--stack NAME] [--json]
      Show who holds which lock, and freezes.
  deploy-guard freeze --stack NAME --table TABLE (--until TIME | --for DURATION) --reason TEXT
  deploy-guard unfreeze --stack NAME --table TABLE [--reason TEXT]
      Freeze deploys (change freeze, incident): a deploy that meets a freeze fails at once.

Options:
  --stack NAME          stack to guard (repeat, or comma-separated); lock key deploy-guard/<region>/<stack>
  --table TABLE         DynamoDB lock table (partition key LockID, string); default: $DEPLOY_GUARD_TABLE
  --key KEY             custom lock key: with one --stack, or alone for a lock without CloudFormation
  --key-attribute NAME  the table's partition key (default LockID)
  --lease DURATION      lease, renewed every lease/3 while held (default 5m)
  --wait-timeout DUR    how long to wait for a held lock, and then for a stack busy with another
                        operation (default 30m; 0 = fail at once)
  --reason TEXT         shown to waiters and recorded on the lock
  --region REGION       AWS region (default: AWS_REGION / profile)
  --out-of-order MODE   fail | warn | allow, for a run older than the last deploy (default fail)
  --wait-on-freeze      wait for a freeze to end instead of failing
  --queue MODE          fifo (first come, first served) | newest-wins (a newer run of the same
                        workflow makes its older waiting runs give up); default fifo
  --json                machine-readable output (status)
  --termination-protection true|false
                        protect the stacks, and a new stack as soon as it appears (default true)
  --replace-failed-create
                        a stack in ROLLBACK_COMPLETE is recorded, deleted and deployed again
  --timeout DURATION    watch: stop after this long and report what is still in progress (default 60m)
  --start-timeout DUR   watch: how long to wait for an operation to start when the stack's last one had
                        finished before the watch began (default 10m; 0 = do not wait)
  --poll-interval DUR   poll interval while events flow; grows tenfold when quiet (default 3s)
  --slow-resource-after DUR
                        explain an ECS service, database or custom resource in progress this long,
                        then every few minutes (default 10m; off to never)
  --command-grace DUR   run: report a command still running this long after every guarded stack
                        reached a final state (default 5m)
  --stop-after-stack-settles
                        run: and then stop it, as a cancellation does

Durations: 90s, 5m, 1h30m, or plain seconds. AWS credentials, profile and endpoints come from the SDK's
standard environment (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, …).

Exit codes: 0 success; run: the command's exit code; 2 bad input; 3 lock not granted (wait timed out,
frozen, or an out-of-order deploy refused); 1 anything else.
`
