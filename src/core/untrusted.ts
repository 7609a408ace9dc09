/**
 * Text that came from AWS (status reasons, resource names, CloudTrail fields, logs) or from a lock item (another
 * team's `--reason`) is untrusted: it must not become a workflow command in the log, markup or a link in the job
 * summary, or hide what it says behind control characters.
 *
 * The runner's rules (actions/runner `ActionCommand.TryParseV2` / `TryParse`, `ActionCommandManager`): a line is a
 * command when, after leading whitespace, it starts `::name ...::data`, or when it contains `##[name ...]data`
 * ANYWHERE (the older form; the first `##[` in the line decides). `::stop-commands::TOKEN` turns every later command
 * off until `::TOKEN::` — which would silence deploy-guard's own annotations. Lines end at `\n`, `\r` or `\r\n`.
 */

/**
 * Characters shown as `\uXXXX` rather than passed on: C0 controls but tab (`\n` and `\r` are folded first), DEL, C1
 * controls (U+0080–U+009F, incl. NEL, which some viewers break lines at), the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C) that reorder what a reader sees ("Trojan
 * Source"), and the Unicode line and paragraph separators.
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const ZWSP = '\u200b'

/** `\u0085` for NEL: visible, unambiguous, and the same in the log and the summary. */
function escapeHidden(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * For the log: one line (line breaks folded to spaces), hidden characters shown escaped, and both workflow-command
 * forms broken with a zero-width space — every `##[` wherever it is, and every `::` that could open a command (one
 * not between letters or digits), so `AWS::RDS::DBInstance` stays readable and copyable.
 *
 * Linear in the text's length (no backtracking patterns). The inserted U+200B also moves the runner's index past the
 * command name, so the result stays inert even where .NET compares strings culture-sensitively (ICU ignores U+200B).
 */
export function neutraliseForLog(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(HIDDEN, escapeHidden)
    .replace(/(?<![A-Za-z0-9])::|::(?![A-Za-z0-9])/g, `:${ZWSP}:`)
    .replace(/##\[/g, `#${ZWSP}#[`)
}

/** For markdown table cells and inline text in the job summary: neutralised, HTML-escaped, markdown syntax defused. */
export function escapeMarkdown(text: string): string {
  return neutraliseForLog(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
}

/**
 * JSON for stdout or a file someone may `cat` in a step: the same value once parsed (JSON's own `\u` escapes), but
 * with no `##[`, no hidden characters and no line that starts with `::` (JSON strings are quoted, so only `##[` and
 * the hidden characters need escaping). `indent` as for `JSON.stringify`.
 */
export function jsonForLog(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(/##\[/g, '#\\u0023[').replace(HIDDEN, escapeHidden)
}
