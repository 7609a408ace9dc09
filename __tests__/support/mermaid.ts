import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { nodeFor } from '../../src/sim/runner.js'

export interface ParsedGantt {
  ok: boolean
  error?: string
  type?: string
  sections: string[]
  tasks: {
    name: string
    section: string
    crit: boolean
    done: boolean
    active: boolean
    start: number
    end: number
  }[]
}

/** Parses each chart with Mermaid's own parser, in one child process (Node 24, the action runtime). */
export function parseWithMermaid(charts: string[]): ParsedGantt[] {
  const script = fileURLToPath(new URL('./mermaid-parse.mjs', import.meta.url))
  const output = execFileSync(nodeFor('node24'), [script], {
    input: JSON.stringify(charts),
    maxBuffer: 64 << 20
  })
  return JSON.parse(output.toString()) as ParsedGantt[]
}

/** The ```mermaid blocks of a markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map(match => match[1]!)
}
