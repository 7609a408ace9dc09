import { execFileSync } from 'node:child_process'
import type { BenchRow } from './table.js'

/** What `npm install -g deploy-guard` downloads and unpacks: the packed tarball, measured with `npm pack --dry-run`. */
export async function packageSize(): Promise<BenchRow[]> {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' })) as {
    size: number
    unpackedSize: number
    entryCount: number
  }[]
  return [
    {
      metric: 'CLI package (npm pack)',
      value: packed!.size / 1024,
      unit: 'KiB',
      note: 'the tarball npm downloads'
    },
    {
      metric: 'CLI package unpacked',
      value: packed!.unpackedSize / 1024,
      unit: 'KiB',
      note: `${packed!.entryCount} files, no dependencies`
    }
  ]
}
