import { DescribeEventsCommand, RDSClient } from '@aws-sdk/client-rds'
import type { RdsEventView, RdsReader } from '../../core/evidence/types.js'
import { type AwsSettings, commonConfig } from '../clients.js'
import { read } from './gap.js'

/** RDS pages events 100 at a time; a database's create or failure fits in far fewer. */
const MAX_PAGES = 3

export function createRdsReader(settings: AwsSettings): RdsReader {
  const rds = new RDSClient(commonConfig(settings))
  return {
    async events(sourceType, id, startMs, endMs) {
      const events: RdsEventView[] = []
      let marker: string | undefined
      for (let page = 0; page < MAX_PAGES; page++) {
        const reply = await read('rds:DescribeEvents', () =>
          rds.send(
            new DescribeEventsCommand({
              SourceType: sourceType,
              SourceIdentifier: id,
              StartTime: new Date(startMs),
              EndTime: new Date(Math.max(endMs, startMs + 1000)),
              MaxRecords: 100,
              ...(marker ? { Marker: marker } : {})
            })
          )
        )
        for (const event of reply.Events ?? [])
          events.push({
            time: event.Date?.getTime() ?? 0,
            message: event.Message ?? '',
            categories: event.EventCategories ?? []
          })
        marker = reply.Marker
        if (!marker) break
      }
      return events
    }
  }
}
