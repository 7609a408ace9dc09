// Killed and hung-up holders (issue 13 §3): 30 contenders × 3 rounds through `deploy-guard run`, 10 % of holders
// SIGKILLed and 10 % SIGHUPed while their command runs. Counts double holders (one fence handed out twice) and
// overlapping *commands* (each appends start / alive / end lines with timestamps to one shared file).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { systemClock } from '../src/core/clock.js'
import { startDynalite, type LocalDynamo } from '../src/sim/dynamo.js'
import { localAwsEnv, nodeFor, ROOT_DIR } from '../src/sim/runner.js'
import { startSim, type Sim } from '../src/sim/server.js'
import type { BenchRow } from './table.js'

const CONTENDERS = 30
const ROUNDS = 3
const LEASE = '10s'

interface Contender {
  id: string
  child: ChildProcess
  output: string
  fate: 'finish' | 'kill' | 'hangup'
  done: Promise<number | null>
}

/** A command that says it is alive every 50 ms for ~0.4 s: its last line bounds when it last ran. */
const command = (id: string, log: string) =>
  `echo "start ${id} $(date +%s%N)" >> ${log}; for i in 1 2 3 4 5 6 7 8; do sleep 0.05; echo "alive ${id} $(date +%s%N)" >> ${log}; done; echo "end ${id} $(date +%s%N)" >> ${log}`

function contender(id: string, fate: Contender['fate'], env: NodeJS.ProcessEnv, log: string): Contender {
  const child = spawn(
    nodeFor('node24'),
    [
      join(ROOT_DIR, 'dist', 'cli', 'index.js'),
      'run',
      '--stack',
      'ChaosStack',
      '--lease',
      LEASE,
      '--wait-timeout',
      '15m',
      '--',
      'bash',
      '-c',
      command(id, log)
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] }
  )
  const entry: Contender = {
    id,
    child,
    output: '',
    fate,
    done: new Promise(resolve => child.on('close', resolve))
  }
  child.stderr!.on('data', chunk => (entry.output += chunk))
  return entry
}

/** Each command's [first, last] timestamp (ns) from the shared file. */
function intervals(log: string): Map<string, [bigint, bigint]> {
  const spans = new Map<string, [bigint, bigint]>()
  if (!existsSync(log)) return spans
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    const [, id, at] = line.split(' ')
    if (!id || !at) continue
    const time = BigInt(at)
    const span = spans.get(id)
    spans.set(id, span ? [span[0] < time ? span[0] : time, span[1] > time ? span[1] : time] : [time, time])
  }
  return spans
}

function overlaps(spans: Map<string, [bigint, bigint]>): number {
  const sorted = [...spans.values()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  let count = 0
  for (let i = 1; i < sorted.length; i++) if (sorted[i]![0] <= sorted[i - 1]![1]) count++
  return count
}

export async function run(): Promise<BenchRow[]> {
  const dynamo: LocalDynamo = await startDynalite()
  const sim: Sim = await startSim()
  const started = performance.now()
  let doubleHolders = 0
  let overlapping = 0
  let killed = 0
  let hungUp = 0
  let leftoverGroups = 0
  const fences: number[] = []
  let takeovers = 0
  try {
    const table = await dynamo.createLockTable()
    const env = {
      PATH: process.env.PATH,
      USER: 'chaos',
      ...localAwsEnv({ dynamodb: dynamo.endpoint, sim: sim.url }),
      DEPLOY_GUARD_TABLE: table
    }
    for (let round = 0; round < ROUNDS; round++) {
      const log = join(mkdtempSync(join(tmpdir(), 'chaos-kill-')), 'commands.log')
      const fates: Contender['fate'][] = Array.from({ length: CONTENDERS }, (_, i) =>
        i % 10 === 3 ? 'kill' : i % 10 === 7 ? 'hangup' : 'finish'
      )
      const contenders = fates.map((fate, i) => contender(`r${round}c${i}`, fate, env, log))
      // Strike a doomed contender once its command runs, i.e. while it holds the lock.
      const struck = new Set<string>()
      const watcher = (async () => {
        while (contenders.some(entry => entry.child.exitCode === null && entry.child.signalCode === null)) {
          const running = intervals(log)
          for (const entry of contenders) {
            if (entry.fate === 'finish' || struck.has(entry.id) || !running.has(entry.id)) continue
            struck.add(entry.id)
            entry.child.kill(entry.fate === 'kill' ? 'SIGKILL' : 'SIGHUP')
            if (entry.fate === 'kill') killed++
            else hungUp++
          }
          await systemClock.sleep(20)
        }
      })()
      await Promise.all(contenders.map(entry => entry.done))
      await watcher
      const spans = intervals(log)
      overlapping += overlaps(spans)
      for (const entry of contenders) {
        const fence = /Acquired lock \S+ \(fence (\d+)\)/.exec(entry.output)
        if (fence) fences.push(Number(fence[1]))
        if (entry.output.includes(', taken over from ')) takeovers++
      }
      // The watchdog must have stopped every killed holder's command: nothing may still be appending.
      const before = readFileSync(log, 'utf8').length
      await systemClock.sleep(1_000)
      if (readFileSync(log, 'utf8').length !== before) leftoverGroups++
    }
    doubleHolders = fences.length - new Set(fences).size
  } finally {
    await dynamo.close()
    await sim.close()
  }
  const note = `${CONTENDERS} contenders × ${ROUNDS} rounds, lease ${LEASE}, dist/cli`
  return [
    { metric: 'chaos kill: double holders (a fence twice)', value: doubleHolders, unit: 'count', note },
    {
      metric: 'chaos kill: overlapping commands',
      value: overlapping,
      unit: 'count',
      note: 'command intervals from a shared timestamped file'
    },
    {
      metric: 'chaos kill: holders SIGKILLed / SIGHUPed',
      value: killed + hungUp,
      unit: 'count',
      note: `${killed} SIGKILL, ${hungUp} SIGHUP`
    },
    { metric: 'chaos kill: takeovers of a dead holder', value: takeovers, unit: 'count', note: '' },
    {
      metric: 'chaos kill: rounds with a command still running after',
      value: leftoverGroups,
      unit: 'count',
      note: 'a killed guard whose command went on writing'
    },
    {
      metric: 'chaos kill: total time',
      value: (performance.now() - started) / 1000,
      unit: 's',
      note: ''
    }
  ]
}
