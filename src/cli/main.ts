import { systemClock } from '../core/clock.js'
import { formatDuration, parseDuration } from '../core/duration.js'
import { DeployGuardError, InputError } from '../core/errors.js'
import { type GuardedRun, runGuarded, takeDeployLocks } from '../core/guard.js'
import type { BusyStackFailedError } from '../core/stack/busy.js'
import { describeWait, type Log } from '../core/log.js'
import {
  acquireLock,
  describeFreeze,
  describeDrain,
  describeForcedDrain,
  describeHolder,
  isFreezeActive,
  LockNotGrantedError,
  LockWaitTimeoutError,
  readStatus,
  unlock,
  type LockRecord,
  type LockStatus,
  type QueueTicket
} from '../core/lock/index.js'
import { parseLockSettings, parseWatchSettings } from '../core/settings.js'
import type { Evidence, EvidenceReaders } from '../core/evidence/index.js'
import { debugRequested, describeFailure } from '../aws/errors.js'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { jsonForLog, neutraliseForLog } from '../core/untrusted.js'
import { cancellationSignal, runCancellation, runCommand } from '../runtime/command.js'
import { deadlineSignal, DEADLINES, unanswered } from '../runtime/deadlines.js'
import { detectHolder } from '../runtime/identity.js'
import { loadWhileFirstRequestRuns } from '../runtime/preload.js'
import { guardDeps, openLockSession, USER_AGENT } from '../runtime/session.js'
import { VERSION } from '../runtime/version.js'
import { parseCli, USAGE, type CliInvocation } from './args.js'

type StackModules = typeof import('./stack-modules.js')
type CloudFormation = ReturnType<StackModules['createCloudFormationClient']>
type CloudTrail = ReturnType<StackModules['createCloudTrailClient']>

const stderrLog: Log = {
  info: message => process.stderr.write(`${neutraliseForLog(message)}\n`),
  warn: message => process.stderr.write(`warning: ${neutraliseForLog(message)}\n`),
  error: message => process.stderr.write(`error: ${neutraliseForLog(message)}\n`)
}

/** A lost lock is the run's failure whatever the command's exit: say so, with the reason. */
function sayIfLockLost(result: GuardedRun): void {
  if (result.lockLost)
    stderrLog.error(
      `The lock was lost while the deploy command ran, so the command was stopped and this run failed: ${result.lostReason}`
    )
}

/** Runs one CLI invocation and returns the process exit code. */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let doing = `deploy-guard ${argv[0] ?? ''}`.trim()
  try {
    const invocation = parseCli(argv, env)
    const stacks = invocation.settings['stack-name']?.split('\n').filter(Boolean) ?? []
    if (stacks.length) doing += ` ${stacks.join(', ')}`
    if (invocation.command === 'help' || invocation.help) {
      process.stdout.write(`${USAGE}\nDocs: ${docsLocation()}\n`)
      return 0
    }
    if (invocation.command === 'version') {
      process.stdout.write(`deploy-guard ${VERSION}\n`)
      return 0
    }
    return await execute(invocation, env)
  } catch (error) {
    if (error instanceof DeployGuardError) {
      stderrLog.error(error.message)
      return error.exitCode
    }
    stderrLog.error(describeFailure(error, doing))
    if (debugRequested(env) && error instanceof Error && error.stack)
      for (const line of error.stack.split('\n')) process.stderr.write(`${neutraliseForLog(line)}\n`)
    return 1
  }
}

async function execute(invocation: CliInvocation, env: Record<string, string | undefined>): Promise<number> {
  if (invocation.command === 'watch') return watch(invocation)
  if (invocation.command === 'diagnose') return diagnose(invocation)
  if (invocation.command === 'explain') return explain(invocation)
  const settings = parseLockSettings(invocation.settings, { requireStack: invocation.command !== 'status' })
  // status only reads: its requests end at a fixed bound, or at once on cancellation.
  const readCancel = invocation.command === 'status' ? cancellationSignal() : undefined
  const readSignal = readCancel ? deadlineSignal(DEADLINES.statusMs, readCancel) : undefined
  const stackModules = loadWhileFirstRequestRuns(() => import('./stack-modules.js'))
  const session = await openLockSession(settings, readSignal)
  const holder = detectHolder(env, settings.reason)
  const deps = guardDeps(session, stderrLog, process.cwd())
  switch (invocation.command) {
    case 'run': {
      // Cancelled while still waiting, nothing ran and nothing is held: say so, not "stopping the command".
      let locked = false
      const onLocked = () => (locked = true)
      const signal = runCancellation(name =>
        stderrLog.warn(
          locked
            ? `${name}: stopping the deploy command, then releasing the lock.`
            : `${name}: giving up the wait for the lock; the command did not run.`
        )
      ).signal
      const [file, ...args] = invocation.commandLine
      if (settings.stacks.length === 0) {
        // Lock-only (--key without --stack: Terraform, scripts, people): no CloudFormation call at all.
        const result = await runGuarded(
          deps,
          session.keys,
          holder,
          settings,
          stop => runCommand(file!, args, { signal: stop }),
          signal,
          onLocked
        )
        sayIfLockLost(result)
        stderrLog.info(
          `Command ${result.status} (exit ${result.exitCode}); waited ${formatDuration(result.waitedMs)}, held ${formatDuration(result.heldMs)}.`
        )
        return result.lockLost && result.exitCode === 0 ? 1 : result.exitCode
      }
      const watchSettings = parseWatchSettings(invocation.settings)
      // The watch's requests end with the run's cancellation; the lock's release is not tied to it.
      const aws = { region: session.region, userAgent: USER_AGENT, signal }
      // The stack's clients and code are loaded while the acquire is in flight, and used once the lock is held.
      let stack:
        | Promise<{
            modules: StackModules
            cfn: CloudFormation
            trail: CloudTrail
            evidence: EvidenceReaders
          }>
        | undefined
      const stackReady = () =>
        (stack ??= stackModules().then(modules => ({
          modules,
          cfn: modules.createCloudFormationClient(aws),
          trail: modules.createCloudTrailClient(aws),
          evidence: modules.lazyEvidenceReaders(aws)
        })))
      // After the lock: the run's own clients end with its cancellation, a diagnosis has its own deadline.
      const diagnoseAndPrint = async (stackName: string, deadline: AbortSignal, collected?: Evidence[]) => {
        const { modules } = await stackReady()
        const diagnosis = { region: session.region, userAgent: USER_AGENT, signal: deadline }
        const report = await modules
          .diagnoseStack(
            {
              cfn: modules.createCloudFormationClient(diagnosis),
              trail: modules.createCloudTrailClient(diagnosis),
              evidence: modules.lazyEvidenceReaders(diagnosis),
              clock: systemClock
            },
            { stackName, region: session.region, ...(collected ? { collected } : {}) }
          )
          .catch((error: unknown) => stderrLog.warn(describeFailure(error, `Diagnosing ${stackName}`)))
        if (report) stderrLog.error(modules.renderLogSummary(report))
      }
      let collected: Evidence[] = []
      let commandExit = 0
      let failedStacks: string[] = []
      const result = await runGuarded(
        deps,
        session.keys,
        holder,
        settings,
        async stop => {
          const { modules, cfn, trail, evidence } = await stackReady()
          const deploy = await modules.deployWatched(
            {
              cfn,
              clock: systemClock,
              log: stderrLog,
              evidence: { readers: evidence, region: session.region },
              trail
            },
            watchSettings,
            settleStop => runCommand(file!, args, { signal: AbortSignal.any([stop, settleStop]) }),
            stop,
            { commandLine: invocation.commandLine.join(' '), busyTimeoutMs: settings.waitTimeoutMs }
          )
          commandExit = deploy.exitCode
          if (deploy.stoppedAfterSettle)
            stderrLog.error(
              `The deploy command was stopped ${formatDuration(watchSettings.commandGraceMs)} after every guarded stack ` +
                'reached a final state (--stop-after-stack-settles).'
            )
          collected = deploy.evidence
          failedStacks =
            deploy.watch?.stacks.filter(stack => stack.failed).map(stack => stack.stackName) ?? []
          return deploy.failed && deploy.exitCode === 0 ? 1 : deploy.exitCode
        },
        signal,
        onLocked
      ).catch(async (error: unknown) => {
        // Thrown only after the lock, by the lazily loaded stack code: matched by name so nothing loads it sooner.
        if (!(error instanceof Error && error.name === 'BusyStackFailedError')) throw error
        const { wait } = error as BusyStackFailedError
        stderrLog.error(error.message)
        await diagnoseAndPrint(wait.stackName, deadlineSignal(DEADLINES.diagnoseMs))
        return undefined
      })
      if (!result) return 1
      sayIfLockLost(result)
      stderrLog.info(
        `Deploy ${result.lockLost ? 'failed (lock lost)' : result.status} (exit ${commandExit}); waited ${formatDuration(result.waitedMs)}, held ${formatDuration(result.heldMs)}.`
      )
      // A cancelled run still explains a failed stack, within what is left before GitHub's SIGTERM.
      const diagnosisDeadline = deadlineSignal(
        signal.aborted ? DEADLINES.afterCancelMs : DEADLINES.diagnoseMs
      )
      for (const stackName of failedStacks) await diagnoseAndPrint(stackName, diagnosisDeadline, collected)
      return result.lockLost && result.exitCode === 0 ? 1 : result.exitCode
    }
    case 'lock': {
      const { leases } = await takeDeployLocks(deps, session.keys, holder, settings, cancellationSignal())
      for (const lease of leases) {
        stderrLog.info(
          `Holding ${lease.key} (fence ${lease.fence}) until ${new Date(lease.acquiredAt + lease.leaseMs).toISOString()} or \`deploy-guard unlock\`.`
        )
      }
      return 0
    }
    case 'unlock':
    case 'unfreeze': {
      if (invocation.force && !settings.reason) {
        throw new InputError('--force needs --reason "why": the reason is recorded on the lock.')
      }
      const kind = invocation.command === 'unfreeze' ? 'freeze' : 'deploy'
      for (const key of session.keys) {
        const result = await unlock(session.table, systemClock, {
          key,
          requester: holder,
          kind,
          ...(invocation.force ? { force: { reason: settings.reason! } } : {})
        })
        stderrLog.info(
          result.outcome === 'cleared'
            ? `Cleared malformed lock ${key} (${result.malformed.problems.join('; ')}): now released, fence ${result.record.fence}.`
            : result.outcome === 'released'
              ? `${kind === 'freeze' ? 'Lifted the freeze on' : 'Released'} ${key} (was ${describeHolder(result.record.holder)}).`
              : result.outcome === 'draining'
                ? describeForcedDrain(key, result.record)
                : `${key}: no ${kind === 'freeze' ? 'freeze' : 'lock'} is in force.${frozenNote(kind, result.record)}`
        )
      }
      return 0
    }
    case 'freeze': {
      const untilMs = freezeEnd(invocation)
      for (const key of session.keys) {
        await acquireLock(
          { table: session.table, clock: systemClock },
          {
            key,
            kind: 'freeze',
            holder,
            leaseMs: untilMs - Date.now(),
            waitTimeoutMs: invocation.settings['wait-timeout'] ? settings.waitTimeoutMs : 0,
            onWait: progress => stderrLog.info(describeWait(progress))
          }
        ).catch((error: unknown) => {
          throw alreadyFrozen(error) ?? error
        })
        stderrLog.info(`Froze ${key} until ${new Date(untilMs).toISOString()}: ${settings.reason}.`)
      }
      return 0
    }
    case 'status': {
      const statuses = (
        await Promise.all(
          session.keys.length > 0
            ? session.keys.map(key => readStatus(session.table, systemClock, key))
            : [readStatus(session.table, systemClock)]
        ).catch((error: unknown) => {
          throw unanswered(error, 'deploy-guard status', {
            signal: readSignal!,
            cancel: readCancel!,
            ms: DEADLINES.statusMs
          })
        })
      ).flat()
      process.stdout.write(
        invocation.json ? `${jsonForLog(statuses.map(statusJson))}\n` : statusTable(statuses, session.keys)
      )
      return 0
    }
    default:
      throw new InputError(`Unknown command "${invocation.command}".`)
  }
}

async function watch(invocation: CliInvocation): Promise<number> {
  const { createCloudFormationClient, lazyEvidenceReaders, watchDeployment } =
    await import('./stack-modules.js')
  const settings = parseWatchSettings(invocation.settings)
  const cancel = cancellationSignal()
  // A request in flight at the timeout is aborted, so the watch ends within its timeout plus a second. The timeout
  // counts from the watch's start, the wait for an operation to start included (start-timeout only ends that wait
  // sooner), as in the watch action.
  const signal =
    settings.timeoutMs !== undefined ? deadlineSignal(settings.timeoutMs + 1_000, cancel) : cancel
  const cfn = createCloudFormationClient({
    ...(settings.region ? { region: settings.region } : {}),
    userAgent: USER_AGENT,
    signal
  })
  const region = await cfn.config.region()
  const outcome = await watchDeployment(
    {
      cfn,
      clock: systemClock,
      log: stderrLog,
      evidence: { readers: lazyEvidenceReaders({ region, userAgent: USER_AGENT, signal }), region }
    },
    settings,
    cancel
  )
  if (invocation.json)
    process.stdout.write(`${jsonForLog(outcome.stacks.map(({ events: _events, ...stack }) => stack))}\n`)
  return outcome.failed || outcome.timedOut || outcome.startTimedOut ? 1 : 0
}

async function diagnose(invocation: CliInvocation): Promise<number> {
  const {
    createCloudFormationClient,
    createCloudTrailClient,
    diagnoseStack,
    lazyEvidenceReaders,
    renderLogSummary,
    toJson
  } = await import('./stack-modules.js')
  const settings = parseWatchSettings(invocation.settings)
  const cancel = cancellationSignal()
  const signal = deadlineSignal(DEADLINES.diagnoseMs, cancel)
  const cfn = createCloudFormationClient({
    ...(settings.region ? { region: settings.region } : {}),
    userAgent: USER_AGENT,
    signal
  })
  const region = await cfn.config.region()
  const trail = createCloudTrailClient({ region, userAgent: USER_AGENT, signal })
  const sinceMs = invocation.since ? Date.now() - parseDuration(invocation.since, '--since') : undefined
  let failed = false
  for (const stackName of settings.stacks) {
    const report = await diagnoseStack(
      {
        cfn,
        trail,
        evidence: lazyEvidenceReaders({ region, userAgent: USER_AGENT, signal }),
        clock: systemClock
      },
      { stackName, region, ...(sinceMs !== undefined ? { sinceMs } : {}) }
    ).catch((error: unknown) => {
      throw unanswered(error, `deploy-guard diagnose ${stackName}`, {
        signal,
        cancel,
        ms: DEADLINES.diagnoseMs
      })
    })
    failed ||= report.stack.failed
    process.stdout.write(invocation.json ? toJson(report) : `${renderLogSummary(report)}\n`)
  }
  return failed ? 1 : 0
}

async function explain(invocation: CliInvocation): Promise<number> {
  const { explainEvents, formatOperationList, listOperations, renderLogSummary, toJson } =
    await import('./stack-modules.js')
  const [file, ...nestedFiles] = invocation.commandLine
  const read = (path: string) => {
    try {
      return readFileSync(path === '-' ? 0 : path, 'utf8')
    } catch (error) {
      throw new InputError(
        `explain: cannot read ${path === '-' ? 'stdin' : path} (${(error as Error).message}). Give the file that aws cloudformation describe-stack-events --output json wrote, or - for stdin.`
      )
    }
  }
  let nestedDir: string[] = []
  try {
    nestedDir = invocation.nested
      ? readdirSync(invocation.nested)
          .filter(name => name.endsWith('.json'))
          .map(name => join(invocation.nested!, name))
      : []
  } catch (error) {
    throw new InputError(
      `--nested: cannot read the directory ${invocation.nested} (${(error as Error).message}). Give a directory of the nested stacks' describe-stack-events JSON files.`
    )
  }
  const nested = [...nestedFiles, ...nestedDir].map(read)
  if (invocation.listOperations) {
    const operations = listOperations(read(file!), nested)
    process.stdout.write(
      invocation.json
        ? `${jsonForLog(operations)}\n`
        : `${formatOperationList(operations).split('\n').map(neutraliseForLog).join('\n')}\n`
    )
    return 0
  }
  const report = explainEvents(read(file!), nested, {
    ...(invocation.operation ? { operation: invocation.operation } : {}),
    now: Date.now()
  })
  process.stdout.write(invocation.json ? toJson(report) : `${renderLogSummary(report)}\n`)
  return report.stack.failed ? 1 : 0
}

/** The README beside this install (the package ships it), else where npm finds the docs. */
function docsLocation(): string {
  // Built at run time so the bundler does not copy the README into dist/ as an asset.
  const readme = join(dirname(fileURLToPath(import.meta.url)), '..', '..', ['README', 'md'].join('.'))
  return existsSync(readme)
    ? `${readme} (and docs/ beside it), or \`npm docs deploy-guard\``
    : '`npm docs deploy-guard`'
}

/**
 * A freeze that meets a freeze: the lock protocol sees a held lock and times out, but the person freezing needs to
 * hear that the key is already frozen, until when, and how to change it — not to raise wait-timeout.
 */
function alreadyFrozen(error: unknown): LockNotGrantedError | undefined {
  const record = error instanceof LockWaitTimeoutError ? error.holderRecord : undefined
  if (!record || !isFreezeActive(record, Date.now())) return undefined
  return new LockNotGrantedError(
    `${record.key} is already frozen ${describeFreeze(record)}. ` +
      'To change the freeze, lift it with `deploy-guard unfreeze`, then freeze again.'
  )
}

/** `unlock` finds no deploy lock: say so when a freeze is what blocks deploys, and how to lift it. */
function frozenNote(kind: 'deploy' | 'freeze', record: LockRecord | undefined): string {
  if (kind !== 'deploy' || !record || !isFreezeActive(record, Date.now())) return ''
  return ` Deploys are frozen ${describeFreeze(record)}; lift a freeze with \`deploy-guard unfreeze\`.`
}

/** A freeze longer than a year is a mistake, not a plan (and keeps the end a valid date). */
const MAX_FREEZE_MS = 366 * 86_400_000

function freezeEnd(invocation: CliInvocation): number {
  if (!invocation.settings.reason)
    throw new InputError('freeze: --reason is required: waiters are told why deploys are frozen.')
  if (invocation.until && invocation.for)
    throw new InputError('freeze: give either --until or --for, not both.')
  if (invocation.for) {
    const ms = parseDuration(invocation.for, '--for')
    if (ms <= 0 || ms > MAX_FREEZE_MS) {
      throw new InputError(
        `--for: "${invocation.for.slice(0, 40)}${invocation.for.length > 40 ? '…' : ''}" is out of range. ` +
          'Give a freeze longer than 0 and at most 366d, e.g. --for 4h.'
      )
    }
    return Date.now() + ms
  }
  if (invocation.until) {
    const until = Date.parse(invocation.until)
    if (Number.isNaN(until) || until <= Date.now()) {
      throw new InputError(
        `--until: "${invocation.until}" is not a future time. Use ISO 8601, e.g. 2026-12-24T18:00:00Z.`
      )
    }
    return until
  }
  throw new InputError('freeze: say how long, with --until TIME (ISO 8601) or --for DURATION (e.g. 4h).')
}

function statusJson(status: LockStatus) {
  if (status.state === 'malformed')
    return { key: status.key, state: status.state, problems: status.malformed.problems }
  const { record } = status
  return {
    key: record.key,
    state: status.state,
    kind: record.kind,
    fence: record.fence,
    holder: record.holder,
    acquiredAt: new Date(record.acquiredAt).toISOString(),
    heartbeatAt: new Date(record.heartbeatAt).toISOString(),
    leaseExpiresAt: new Date(record.leaseExpiresAt).toISOString(),
    ...(record.lastDeploy ? { lastDeploy: record.lastDeploy } : {}),
    ...(record.deploys ? { deploys: record.deploys } : {}),
    ...(record.forced ? { forced: record.forced } : {}),
    ...(status.state === 'draining' ? { freeAt: new Date(record.leaseExpiresAt).toISOString() } : {}),
    queue: queueOf(record).map(({ position, ticket }) => ({
      position,
      ticket: ticket.number,
      holder: ticket.holder,
      since: new Date(ticket.since).toISOString(),
      heartbeatAt: new Date(ticket.heartbeatAt).toISOString()
    }))
  }
}

/** The waiters in serving order, numbered from 1 (status cannot judge liveness on its own clock: it shows the age). */
function queueOf(record: LockRecord): { position: number; ticket: QueueTicket }[] {
  return Object.values(record.queue ?? {})
    .sort((a, b) => a.number - b.number)
    .map((ticket, index) => ({ position: index + 1, ticket }))
}

/** One status row, as text from the lock item (not yet neutralised). */
function rowOf(status: LockStatus, now: number): string[] {
  if (status.state === 'malformed')
    return [status.key, 'malformed', status.malformed.problems.join('; '), '-', '-', '-', '-']
  const { record, state } = status
  return [
    record.key,
    state,
    state === 'free' ? '-' : describeHolder(record.holder),
    state === 'free' ? '-' : `${formatDuration(now - record.acquiredAt)} ago`,
    state === 'free'
      ? '-'
      : state === 'draining'
        ? `free in ${formatDuration(record.leaseExpiresAt - now)}`
        : record.leaseExpiresAt > now
          ? `in ${formatDuration(record.leaseExpiresAt - now)}`
          : 'expired',
    String(record.fence),
    record.lastDeploy
      ? `${record.lastDeploy.runNumber ? `#${record.lastDeploy.runNumber}` : record.lastDeploy.identity} ${record.lastDeploy.status}`
      : '-'
  ]
}

/** `keys`: the locks asked for (--stack / --key); none = every lock in the table. */
function statusTable(statuses: LockStatus[], keys: string[]): string {
  if (statuses.length === 0 && keys.length > 0)
    return `${neutraliseForLog(`No lock ${keys.join(', ')} in this table`)}: it was never taken (deploy-guard status lists every lock).\n`
  if (statuses.length === 0) return 'No deploy-guard locks in this table.\n'
  const now = Date.now()
  // Neutralised before the widths are measured, so the columns line up with what is printed.
  const rows = statuses.map(status => rowOf(status, now).map(cell => neutraliseForLog(cell)))
  const header = ['LOCK', 'STATE', 'HOLDER', 'ACQUIRED', 'LEASE ENDS', 'FENCE', 'LAST DEPLOY']
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map(row => row[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  const lines = [line(header)]
  statuses.forEach((status, i) => {
    lines.push(line(rows[i]!))
    if (status.state === 'malformed') return
    if (status.state === 'draining') lines.push(neutraliseForLog(`  ${describeDrain(status.record)}`))
    for (const { position, ticket } of queueOf(status.record)) {
      const beat = now - ticket.heartbeatAt
      const stale =
        beat > (ticket.leaseMs ?? status.record.leaseMs) ? `, no heartbeat for ${formatDuration(beat)}` : ''
      lines.push(
        neutraliseForLog(
          `  queue #${position}: ${describeHolder(ticket.holder)} waiting since ` +
            `${new Date(ticket.since).toISOString()} (${formatDuration(now - ticket.since)}${stale})`
        )
      )
    }
  })
  return lines.join('\n') + '\n'
}
