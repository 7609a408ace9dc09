/**
 * The GitHub runner's reading of a step's output, written from its rules (actions/runner src/Runner.Common/
 * ActionCommand.cs `TryParseV2` / `TryParse`, src/Runner.Worker/ActionCommandManager.cs), to check that nothing a
 * step prints becomes a command it did not mean to give:
 * - the output is split into lines at `\n`, `\r` or `\r\n`;
 * - `::name props::data` is a command when it opens the line after leading whitespace (.NET `TrimStart`: every
 *   Unicode white space, incl. NEL and U+3000); the name ends at the first space, props are `k=v` split by `,`;
 * - otherwise the FIRST `##[` anywhere in the line opens `##[name props]data`, props split by `;`;
 * - only registered names count, compared case-insensitively; an unknown name makes the line plain text;
 * - `stop-commands` with data TOKEN turns every command off until a line whose command is TOKEN (in either form).
 */

/** The commands the runner registers (ActionCommandManager's extensions), plus stop-commands. */
export const RUNNER_COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning'
] as const

export interface WorkflowCommand {
  /** 1-based line number in the output. */
  line: number
  form: '::' | '##['
  /** Lower-cased. */
  name: string
  properties: Record<string, string>
  data: string
  raw: string
}

export interface RunnerReading {
  /** Every command the runner would act on, in order (stop-commands and its resume token included). */
  commands: WorkflowCommand[]
  /** Set when the output ends with command processing still stopped (its token never came back). */
  stoppedBy?: string
}

// .NET Char.IsWhiteSpace, which String.TrimStart uses.
const DOTNET_WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

function unescape(text: string, mappings: [string, string][]): string {
  let out = text
  for (const [token, replacement] of mappings) out = out.split(replacement).join(token)
  return out
}
const DATA_ESCAPES: [string, string][] = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  ['%', '%25']
]
const PROPERTY_ESCAPES: [string, string][] = [
  ['\r', '%0D'],
  ['\n', '%0A'],
  [':', '%3A'],
  [',', '%2C'],
  ['%', '%25']
]
const LEGACY_ESCAPES: [string, string][] = [
  [';', '%3B'],
  ['\r', '%0D'],
  ['\n', '%0A'],
  [']', '%5D'],
  ['%', '%25']
]

function properties(text: string, separator: string, escapes: [string, string][]): Record<string, string> {
  const result: Record<string, string> = {}
  for (const part of text.split(separator).filter(Boolean)) {
    const at = part.indexOf('=')
    if (at > 0 && at < part.length - 1) result[part.slice(0, at)] = unescape(part.slice(at + 1), escapes)
  }
  return result
}

function parseV2(line: string, registered: Set<string>): Omit<WorkflowCommand, 'line' | 'raw'> | undefined {
  const message = line.replace(DOTNET_WHITESPACE, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!registered.has(name)) return undefined
  return {
    form: '::',
    name,
    properties: space > 0 ? properties(info.slice(space + 1).trim(), ',', PROPERTY_ESCAPES) : {},
    data: unescape(message.slice(end + 2), DATA_ESCAPES)
  }
}

function parseLegacy(
  line: string,
  registered: Set<string>
): Omit<WorkflowCommand, 'line' | 'raw'> | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const info = line.slice(prefix + 3, bracket)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase()
  if (!registered.has(name)) return undefined
  return {
    form: '##[',
    name,
    properties: space > 0 ? properties(info.slice(space + 1), ';', LEGACY_ESCAPES) : {},
    data: unescape(line.slice(bracket + 1), LEGACY_ESCAPES)
  }
}

/** Reads `output` as the runner would, line by line, with stop-commands state. */
export function readAsRunner(output: string): RunnerReading {
  const registered = new Set<string>(RUNNER_COMMANDS)
  const commands: WorkflowCommand[] = []
  let stopToken: string | undefined
  output.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const parsed = parseV2(raw, registered) ?? parseLegacy(raw, registered)
    if (!parsed) return
    const command = { ...parsed, line: index + 1, raw }
    if (stopToken !== undefined) {
      if (parsed.name === stopToken) {
        commands.push(command)
        registered.delete(stopToken)
        stopToken = undefined
      }
      return
    }
    commands.push(command)
    if (parsed.name === 'stop-commands') {
      stopToken = parsed.data.toLowerCase()
      registered.add(stopToken)
    }
  })
  return { commands, ...(stopToken !== undefined ? { stoppedBy: stopToken } : {}) }
}
