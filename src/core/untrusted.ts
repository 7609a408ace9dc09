/**
 * Text that came from AWS (status reasons, resource names, CloudTrail fields) is untrusted: a reason such as
 * "::add-mask::" or "<img src=…>" must not become a workflow command in the log or markup in the job summary.
 */

/** For the log: folds lines and control characters and breaks `::` / `##[` so the runner never reads a workflow command. */
export function neutraliseForLog(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, ' ')
      // eslint-disable-next-line no-control-regex -- stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      // The runner reads `::command::` only at a line's start, so only a `::` that could open or close a command is
      // broken; `AWS::RDS::DBInstance` (letters on both sides) stays readable and copyable.
      .replace(/(?<![A-Za-z0-9])::|::(?![A-Za-z0-9])/g, ':\u200b:')
      .replace(/^(\s*)##\[/, '$1#\u200b#[')
  )
}

/** For markdown table cells and inline text in the job summary: HTML-escaped, markdown syntax defused. */
export function escapeMarkdown(text: string): string {
  return neutraliseForLog(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
}
