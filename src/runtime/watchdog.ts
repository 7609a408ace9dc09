import { spawn } from 'node:child_process'
import type { Socket } from 'node:net'

/**
 * The watchdog in POSIX sh (Linux and macOS, no Node start-up, nothing to bundle). Its stdin is a pipe whose only
 * writer is the guard: "done" means the command ended and nothing is to be done; end of file without it means the
 * guard died — SIGKILL included, which no handler in the guard can see — so the command's group gets SIGINT (the
 * deploy tool's own cancellation), SIGTERM after 2.5 s and SIGKILL after 5 s. The lease (10 s at least, renewed every
 * third of it) outlasts that, so the group is gone before another holder can take the lock over.
 */
const SCRIPT = `
trap '' INT HUP
pg="$1"
if IFS= read -r line; then exit 0; fi
kill -s INT -- "-$pg" 2>/dev/null || exit 0
n=0
while kill -s 0 -- "-$pg" 2>/dev/null; do
  sleep 0.1
  n=$((n+1))
  if [ "$n" -eq 25 ]; then kill -s TERM -- "-$pg" 2>/dev/null; fi
  if [ "$n" -ge 50 ]; then kill -s KILL -- "-$pg" 2>/dev/null; exit 0; fi
done
`

/** The most a command outlives its guard when the watchdog has to act (SIGINT → SIGKILL), in ms. */
export const WATCHDOG_KILL_AFTER_MS = 5_000

export interface Watchdog {
  /** The command ended normally: the watchdog exits without touching anything. */
  disarm(): void
}

/**
 * Ties the process group `pgid` to this process's life. The watchdog runs in its own session, so a signal to the
 * guard's group or a closed terminal does not stop it first; it holds no reference in this event loop, so it never
 * keeps the guard alive. Returns undefined when no watchdog could be started (no /bin/sh): the post step and the
 * lease still bound the command.
 */
export function startWatchdog(pgid: number): Watchdog | undefined {
  try {
    const child = spawn('/bin/sh', ['-c', SCRIPT, 'deploy-guard-watchdog', String(pgid)], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore']
    })
    child.on('error', () => undefined)
    const pipe = child.stdin as Socket
    pipe.on('error', () => undefined)
    pipe.unref()
    child.unref()
    return {
      disarm: () => {
        if (!pipe.destroyed) pipe.end('done\n')
      }
    }
  } catch {
    return undefined
  }
}
