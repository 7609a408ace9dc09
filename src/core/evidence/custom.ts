import { attempt } from './gaps.js'
import { lastErrorLines, logGroupUrl } from './logs.js'
import type { Evidence, EvidenceReaders, EvidenceTarget, LogLine } from './types.js'
import { consoleUrl } from '../console-url.js'

const MARGIN_MS = 60_000

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<alias or version>]` → its name and region. */
export function parseLambdaArn(token: string): { name: string; region: string } | undefined {
  const match = /^arn:aws[\w-]*:lambda:([\w-]+):\d+:function:([\w-]+)(?::[\w$-]+)?$/.exec(token)
  return match ? { region: match[1]!, name: match[2]! } : undefined
}

/** Where CloudFormation's reason points: `See the details in CloudWatch Log Stream: <stream>`. */
export function logStreamFromReason(reason: string | undefined): string | undefined {
  return /CloudWatch Log Stream: (\S+)/.exec(reason ?? '')?.[1]
}

export function lambdaConsoleUrl(region: string, name: string): string {
  return consoleUrl(
    region,
    `lambda/home?region=${region}#/functions/${encodeURIComponent(name)}?tab=monitoring`
  )
}

/** The function behind the ServiceToken, its log group and stream, and the error it threw. */
export async function customResourceEvidence(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  evidence: Evidence
): Promise<void> {
  const token = target.serviceToken
  if (!token) {
    evidence.gaps.push("The resource's events carry no ServiceToken, so the function behind it is not known.")
    return
  }
  const lambda = parseLambdaArn(token)
  if (!lambda) {
    evidence.facts.push({ source: 'ServiceToken', text: token })
    evidence.gaps.push(
      token.includes(':sns:')
        ? 'The ServiceToken is an SNS topic; whatever answers it keeps its own logs.'
        : 'The ServiceToken is not a Lambda function ARN.'
    )
    return
  }
  const group = `/aws/lambda/${lambda.name}`
  const stream = logStreamFromReason(target.reason)
  evidence.facts.push({
    source: 'custom resource',
    text: `Backed by Lambda function ${lambda.name}; it logs to ${group}${stream ? `, stream ${stream}` : ''}.`
  })
  evidence.links.push(
    { label: `Lambda function ${lambda.name}`, url: lambdaConsoleUrl(lambda.region, lambda.name) },
    { label: stream ? 'Its log stream' : 'Its log group', url: logGroupUrl(lambda.region, group, stream) }
  )
  const logs = await readers.logs()
  const lines = await attempt(
    evidence,
    lastErrorLines(logs, {
      group,
      ...(stream ? { stream } : {}),
      startMs: target.since - MARGIN_MS,
      endMs: target.until + MARGIN_MS
    }),
    `the last error lines of ${group}`,
    []
  )
  evidence.logLines.push(...lines)
  const verdict = customVerdict(lambda.name, target.reason, lines)
  if (verdict) evidence.verdict = verdict
}

/**
 * The function's own message when it returned one; otherwise the error its last error line names: a Node.js
 * `Invoke Error {"errorType":…,"errorMessage":…}`, a Python `[ERROR] Type: message`, or the line itself.
 */
export function customVerdict(
  functionName: string,
  reason: string | undefined,
  lines: LogLine[]
): string | undefined {
  const returned = /Message returned: (.*?)(?: \(RequestId: [\w-]+\))?$/s.exec(reason ?? '')?.[1]?.trim()
  if (returned && !/^See the details in CloudWatch Log/i.test(returned))
    return `Lambda function ${functionName} answered FAILED: ${returned}`
  const last = lines.at(-1)?.message
  if (!last) return undefined
  const invoke = /Invoke Error\s*(\{.*\})/.exec(last)?.[1]
  if (invoke) {
    try {
      const parsed = JSON.parse(invoke) as { errorType?: string; errorMessage?: string }
      if (parsed.errorMessage)
        return `Lambda function ${functionName} threw ${parsed.errorType ?? 'an error'}: ${parsed.errorMessage}`
    } catch {
      // Not JSON after all: fall back to the line.
    }
  }
  const python = /\[ERROR\]\s+(\w+):\s*(.*)$/.exec(last)
  if (python) return `Lambda function ${functionName} threw ${python[1]}: ${python[2]}`
  if (/Task timed out/.test(last)) return `Lambda function ${functionName} timed out: ${last}`
  return `Lambda function ${functionName} logged: ${last}`
}

/** While a custom resource is pending: which function it waits for, and its newest error line if there is one. */
export async function customWaitingLine(
  readers: EvidenceReaders,
  target: EvidenceTarget,
  now: number
): Promise<string> {
  const lambda = target.serviceToken ? parseLambdaArn(target.serviceToken) : undefined
  if (!lambda) return 'waiting for the custom resource provider to respond.'
  const logs = await readers.logs()
  const lines = await lastErrorLines(logs, {
    group: `/aws/lambda/${lambda.name}`,
    startMs: target.since,
    endMs: now
  })
  const last = lines.at(-1)
  return `Waiting for Lambda function ${lambda.name} to respond${last ? `; its newest error line: ${last.message}` : '; no error lines in its logs so far'}.`
}
