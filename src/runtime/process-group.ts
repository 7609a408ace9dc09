import { readFileSync } from 'node:fs'

/**
 * A process group the guard started: its id (the leader's pid) and, on Linux, the leader's start time in clock ticks
 * since boot (/proc/PID/stat field 22), so a later step never signals a group whose id was reused by someone else.
 */
export interface CommandGroup {
  pgid: number
  startTicks?: string
}

/** The group of a just-started leader, with its identity where the system offers one. */
export function describeGroup(pgid: number): CommandGroup {
  const startTicks = startTicksOf(pgid)
  return startTicks ? { pgid, startTicks } : { pgid }
}

/** Sends `signal` to every process of the group; false when the group is gone (or not ours to signal). */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal)
    return true
  } catch {
    return false
  }
}

export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0)
}

/**
 * True when the group still runs and is the one recorded: its leader, if alive, started when recorded. A leader that
 * exited leaves no identity to compare; its group can only be ours, since a pgid is not reused while the group exists.
 */
export function isSameGroup(group: CommandGroup): boolean {
  if (!groupAlive(group.pgid)) return false
  if (!group.startTicks) return true
  const now = startTicksOf(group.pgid)
  return now === undefined || now === group.startTicks
}

/**
 * Stops a group that outlived its guard: SIGTERM, then SIGKILL after `graceMs`. Resolves true once the group is gone,
 * false if it is still there `graceMs + 1000` ms after the SIGKILL (a process stuck in the kernel).
 */
export async function stopGroup(pgid: number, graceMs: number): Promise<boolean> {
  if (!signalGroup(pgid, 'SIGTERM')) return true
  if (await goneWithin(pgid, graceMs)) return true
  signalGroup(pgid, 'SIGKILL')
  return goneWithin(pgid, 1_000)
}

async function goneWithin(pgid: number, ms: number): Promise<boolean> {
  const until = performance.now() + ms
  while (groupAlive(pgid)) {
    if (performance.now() >= until) return false
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return true
}

function startTicksOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}
