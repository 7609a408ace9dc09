import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs'
import type { LogLine, LogsReader } from '../../core/evidence/types.js'
import { type AwsSettings, commonConfig } from '../clients.js'
import { read } from './gap.js'

/** A group search reads at most this many pages (the matches, not the group, are paged). */
const MAX_FILTER_PAGES = 5

export function createLogsReader(settings: AwsSettings): LogsReader {
  const logs = new CloudWatchLogsClient(commonConfig(settings))
  return {
    async recentLines({ group, stream, startMs, endMs, pattern, limit }) {
      if (stream) {
        // From the stream's end: the lines just before the task or function died.
        const reply = await read('logs:GetLogEvents', () =>
          logs.send(
            new GetLogEventsCommand({
              logGroupName: group,
              logStreamName: stream,
              startTime: startMs,
              endTime: endMs,
              startFromHead: false,
              limit
            })
          )
        )
        return (reply.events ?? []).map(event => ({
          timestamp: event.timestamp ?? 0,
          message: event.message ?? '',
          stream
        }))
      }
      const lines: LogLine[] = []
      let nextToken: string | undefined
      for (let page = 0; page < MAX_FILTER_PAGES; page++) {
        const reply = await read('logs:FilterLogEvents', () =>
          logs.send(
            new FilterLogEventsCommand({
              logGroupName: group,
              startTime: startMs,
              endTime: endMs,
              filterPattern: pattern,
              limit,
              ...(nextToken ? { nextToken } : {})
            })
          )
        )
        for (const event of reply.events ?? [])
          lines.push({
            timestamp: event.timestamp ?? 0,
            message: event.message ?? '',
            ...(event.logStreamName ? { stream: event.logStreamName } : {})
          })
        nextToken = reply.nextToken
        if (!nextToken) break
      }
      return lines.sort((a, b) => a.timestamp - b.timestamp).slice(-limit)
    }
  }
}
