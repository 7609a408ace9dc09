/** XML 1.0 cannot carry most control characters even as references; the rest is escaped. */
// eslint-disable-next-line no-control-regex -- matching exactly the control characters XML 1.0 forbids
const FORBIDDEN_IN_XML = new RegExp('[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]', 'g')

export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN_IN_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
}

/** awsQuery shapes: objects become elements, arrays become `<member>` lists, absent values are left out. */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(item => `<member>${toXml(item)}</member>`).join('')
  if (typeof value === 'object')
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('')
  return escapeXml(String(value))
}

/** The `ErrorResponse` every awsQuery service (CloudFormation, RDS, STS) answers an error with, in its namespace. */
export function queryErrorResponse(
  namespace: string,
  error: { code: string; message: string; status: number },
  requestId: string
): { status: number; body: string } {
  const type = error.status >= 500 ? 'Receiver' : 'Sender'
  return {
    status: error.status,
    body:
      `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  }
}
