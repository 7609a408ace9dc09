import { parseDuration } from './duration.js'
import { InputError } from './errors.js'
import { OUT_OF_ORDER_POLICIES, type OutOfOrderPolicy } from './lock/order.js'
import { QUEUE_MODES, type QueueMode } from './lock/queue.js'

/**
 * Raw settings as the user wrote them, keyed by the action's input names (the CLI maps its flags onto the same
 * names), so the action and the CLI validate with one set of rules and one set of messages.
 */
export type RawSettings = Partial<Record<SettingName, string>>

export type SettingName =
  | 'stack-name'
  | 'lock-table'
  | 'lock-key'
  | 'lock-key-attribute'
  | 'lease'
  | 'wait-timeout'
  | 'reason'
  | 'region'
  | 'out-of-order'
  | 'wait-on-freeze'
  | 'queue'
  | 'run'
  | 'force'
  | 'termination-protection'
  | 'replace-failed-create'
  | 'watch-timeout'
  | 'start-timeout'
  | 'poll-interval'
  | 'slow-resource-after'
  | 'command-grace'
  | 'stop-after-stack-settles'

export interface LockSettings {
  stacks: string[]
  table: string
  keyAttribute: string
  /** A custom key replaces `deploy-guard/<region>/<stack>`; only with exactly one stack. */
  lockKey?: string
  leaseMs: number
  waitTimeoutMs: number
  reason?: string
  region?: string
  outOfOrder: OutOfOrderPolicy
  waitOnFreeze: boolean
  /** How waiters are served: in ticket order, or newest run of a workflow first (older ones give up). */
  queue: QueueMode
}

export const DEFAULTS = {
  lease: '5m',
  'wait-timeout': '30m',
  'lock-key-attribute': 'LockID',
  'out-of-order': 'fail',
  'wait-on-freeze': 'false',
  queue: 'fifo',
  'termination-protection': 'true',
  'replace-failed-create': 'false',
  'poll-interval': '3s',
  'slow-resource-after': '10m',
  'command-grace': '5m',
  'stop-after-stack-settles': 'false',
  'start-timeout': '10m'
} as const

const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/
const STACK_ARN =
  /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:\d{12}:stack\/[A-Za-z][A-Za-z0-9-]{0,127}\/[A-Za-z0-9-]+$/
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/
const MIN_LEASE_MS = 10_000
const MAX_LEASE_MS = 12 * 3_600_000

/** Stack names from a newline- or comma-separated list; blank entries and duplicates dropped, order kept. */
export function parseStackNames(value: string | undefined): string[] {
  const names = (value ?? '')
    .split(/[\n,]/)
    .map(name => name.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!STACK_NAME.test(name) && !STACK_ARN.test(name)) {
      throw new InputError(
        `stack-name: "${name}" is not a valid CloudFormation stack name. A name starts with a letter and has only ` +
          'letters, digits and hyphens (at most 128 characters); a stack ARN is also accepted.'
      )
    }
  }
  return [...new Set(names)]
}

export function parseBoolean(value: string | undefined, name: SettingName, fallback: boolean): boolean {
  const text = (value ?? '').trim().toLowerCase()
  if (text === '') return fallback
  if (['true', 'yes', '1', 'on'].includes(text)) return true
  if (['false', 'no', '0', 'off'].includes(text)) return false
  throw new InputError(`${name}: "${value}" is not a boolean. Use true or false.`)
}

function choice<T extends string>(
  value: string | undefined,
  name: SettingName,
  valid: readonly T[],
  fallback: T
): T {
  const text = (value ?? '').trim().toLowerCase()
  if (text === '') return fallback
  if ((valid as readonly string[]).includes(text)) return text as T
  throw new InputError(`${name}: "${value}" is not one of ${valid.join(', ')}.`)
}

function parseRegion(value: string | undefined): string | undefined {
  const region = text(value)
  if (region && !REGION.test(region)) {
    throw new InputError(
      `region: "${region}" is not an AWS region name. Use a name such as us-east-1 or eu-west-2.`
    )
  }
  return region
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

/** DynamoDB's limit on a partition key value (developer guide, "Service, account, and table quotas"). */
const MAX_KEY_BYTES = 2048

/**
 * A reason is recorded on the lock item, and every waiter's reason on its queue ticket in that same item, which
 * DynamoDB caps at 400 KB: a long one (a whole commit message) is cut here, so a queue of such runs cannot make the
 * item too large to update and fail every later waiter.
 */
const MAX_REASON_CHARS = 1000

function clipReason(reason: string | undefined): string | undefined {
  if (!reason || reason.length <= MAX_REASON_CHARS) return reason
  return `${reason.slice(0, MAX_REASON_CHARS - 1)}…`
}

/** Validates every lock setting; each message names the input, the value, and what is valid. */
export function parseLockSettings(raw: RawSettings, options: { requireStack?: boolean } = {}): LockSettings {
  const stacks = parseStackNames(raw['stack-name'])
  const lockKey = text(raw['lock-key'])
  if (stacks.length === 0 && !lockKey && options.requireStack !== false) {
    throw new InputError(
      'stack-name: required. Name the CloudFormation stack(s) to guard, one per line or comma-separated, ' +
        'e.g. stack-name: CourtCaseManagementStack.'
    )
  }
  const keyBytes = lockKey ? new TextEncoder().encode(lockKey).length : 0
  if (keyBytes > MAX_KEY_BYTES) {
    throw new InputError(
      `lock-key: "${lockKey!.slice(0, 40)}…" is ${keyBytes} bytes; a DynamoDB partition key holds at most ` +
        `${MAX_KEY_BYTES} bytes (UTF-8). Use a short key that names what is locked, e.g. terraform/prod.`
    )
  }
  if (lockKey && stacks.length > 1) {
    throw new InputError(
      `lock-key: a custom key locks one stack, but stack-name lists ${stacks.length}. Leave lock-key empty to lock ` +
        'each stack under deploy-guard/<region>/<stack>.'
    )
  }
  const table = text(raw['lock-table'])
  if (!table) {
    throw new InputError(
      'lock-table: required. Name the DynamoDB table that holds the locks (partition key LockID, a string). ' +
        'Create one with: aws dynamodb create-table --table-name deploy-locks --attribute-definitions ' +
        'AttributeName=LockID,AttributeType=S --key-schema AttributeName=LockID,KeyType=HASH --billing-mode PAY_PER_REQUEST'
    )
  }
  if (!TABLE_NAME.test(table)) {
    throw new InputError(
      `lock-table: "${table}" is not a valid DynamoDB table name. Use 3 to 255 letters, digits, '_', '-' or '.'.`
    )
  }
  const keyAttribute = text(raw['lock-key-attribute']) ?? DEFAULTS['lock-key-attribute']
  const leaseMs = parseDuration(text(raw.lease) ?? DEFAULTS.lease, 'lease')
  if (leaseMs < MIN_LEASE_MS || leaseMs > MAX_LEASE_MS) {
    throw new InputError(
      `lease: "${raw.lease}" is out of range. Use between 10s and 12h (default 5m): the heartbeat renews every lease/3, ` +
        'and a dead holder is taken over one lease after its last heartbeat.'
    )
  }
  const waitTimeoutMs = parseDuration(text(raw['wait-timeout']) ?? DEFAULTS['wait-timeout'], 'wait-timeout')
  const region = parseRegion(raw.region)
  const reason = clipReason(text(raw.reason))
  return {
    stacks,
    table,
    keyAttribute,
    ...(lockKey ? { lockKey } : {}),
    leaseMs,
    waitTimeoutMs,
    ...(reason ? { reason } : {}),
    ...(region ? { region } : {}),
    outOfOrder: choice(raw['out-of-order'], 'out-of-order', OUT_OF_ORDER_POLICIES, 'fail'),
    waitOnFreeze: parseBoolean(raw['wait-on-freeze'], 'wait-on-freeze', false),
    queue: choice(raw.queue, 'queue', QUEUE_MODES, 'fifo')
  }
}

/** The lock keys for these settings, in the region the AWS clients resolved. */
export function lockKeysFor(settings: LockSettings, region: string): string[] {
  if (settings.lockKey) return [settings.lockKey]
  return settings.stacks.map(stack => `deploy-guard/${region}/${stackNameOf(stack)}`)
}

/** A stack ARN's name part, so `name` and its ARN share one lock. */
export function stackNameOf(stack: string): string {
  return stack.startsWith('arn:') ? (stack.split('/')[1] ?? stack) : stack
}

export interface WatchSettings {
  stacks: string[]
  region?: string
  terminationProtection: boolean
  replaceFailedCreate: boolean
  /** Undefined: watch until the stacks are terminal (run mode: until the command ends). */
  timeoutMs?: number
  /**
   * watch: how long to wait for an operation to start when the stack's last one had finished before the watch began
   * (or it does not exist yet, or its change set is not executed). 0: do not wait.
   */
  startTimeoutMs: number
  /** Poll interval while events flow; it grows to ten times this (at least 30s) when quiet. */
  pollMinMs: number
  pollMaxMs: number
  /** Explain an ECS service, database or custom resource in progress this long; undefined: never. */
  slowResourceAfterMs?: number
  /** Run mode: how long the command may go on after every guarded stack reached a final state before it is reported. */
  commandGraceMs: number
  /** Run mode: stop the command (as a cancellation does) once `commandGraceMs` has passed. */
  stopAfterStackSettles: boolean
}

/** Longer than any job may run; also keeps the watch's deadline timer within what a Node timer can hold (~24.8 d). */
const MAX_WATCH_TIMEOUT_MS = 7 * 86_400_000

/** Protection and watching settings, shared by the root action, the watch action and the CLI. */
export function parseWatchSettings(raw: RawSettings): WatchSettings {
  const stacks = parseStackNames(raw['stack-name'])
  if (stacks.length === 0) {
    throw new InputError(
      'stack-name: required. Name the CloudFormation stack(s) to watch, one per line or comma-separated, ' +
        'e.g. stack-name: CourtCaseManagementStack.'
    )
  }
  const timeout = text(raw['watch-timeout'])
  const timeoutMs = timeout ? parseDuration(timeout, 'watch-timeout') : undefined
  if (timeoutMs !== undefined && timeoutMs <= 0) {
    throw new InputError(
      'watch-timeout: must be longer than 0, e.g. 60m; leave it empty to watch until the stacks finish.'
    )
  }
  if (timeoutMs !== undefined && timeoutMs > MAX_WATCH_TIMEOUT_MS) {
    throw new InputError(
      `watch-timeout: "${timeout}" is out of range. Use at most 7d (a GitHub job on a self-hosted runner ends ` +
        'after 5 days), e.g. 60m; leave it empty to watch until the stacks finish.'
    )
  }
  const startTimeoutMs = parseDuration(
    text(raw['start-timeout']) ?? DEFAULTS['start-timeout'],
    'start-timeout'
  )
  if (startTimeoutMs > MAX_WATCH_TIMEOUT_MS) {
    throw new InputError(
      `start-timeout: "${raw['start-timeout']}" is out of range. Use at most 7d (default ${DEFAULTS['start-timeout']}).`
    )
  }
  const pollMinMs = parseDuration(text(raw['poll-interval']) ?? DEFAULTS['poll-interval'], 'poll-interval')
  if (pollMinMs < 100 || pollMinMs > 300_000) {
    throw new InputError(
      `poll-interval: "${raw['poll-interval']}" is out of range. Use between 100ms and 5m (default 3s).`
    )
  }
  const region = parseRegion(raw.region)
  const slowResourceAfterMs = parseSlowResourceAfter(raw['slow-resource-after'])
  return {
    stacks,
    ...(region ? { region } : {}),
    ...(slowResourceAfterMs !== undefined ? { slowResourceAfterMs } : {}),
    terminationProtection: parseBoolean(raw['termination-protection'], 'termination-protection', true),
    replaceFailedCreate: parseBoolean(raw['replace-failed-create'], 'replace-failed-create', false),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    startTimeoutMs,
    pollMinMs,
    pollMaxMs: pollMinMs * 10,
    commandGraceMs: parseCommandGrace(raw['command-grace']),
    stopAfterStackSettles: parseBoolean(raw['stop-after-stack-settles'], 'stop-after-stack-settles', false)
  }
}

/** `5m` by default: a deploy tool may still write outputs or deploy unguarded stacks after the guarded ones settle. */
function parseCommandGrace(value: string | undefined): number {
  const ms = parseDuration(text(value) ?? DEFAULTS['command-grace'], 'command-grace')
  if (ms < 1000 || ms > 6 * 3_600_000) {
    throw new InputError(
      `command-grace: "${value}" is out of range. Use between 1s and 6h (default 5m): how long the deploy command ` +
        'may go on after every guarded stack reached a final state before deploy-guard reports it.'
    )
  }
  return ms
}

/** `10m` by default; `off` (or 0) turns the explanations off. */
function parseSlowResourceAfter(value: string | undefined): number | undefined {
  const setting = text(value) ?? DEFAULTS['slow-resource-after']
  if (/^(off|false|never|0)$/i.test(setting)) return undefined
  const ms = parseDuration(setting, 'slow-resource-after')
  if (ms < 1000) {
    throw new InputError(
      `slow-resource-after: "${value}" is too short. Use 1s or more (default 10m), or off to never explain slow resources.`
    )
  }
  return ms
}
