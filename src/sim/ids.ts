import { createHash } from 'node:crypto'

/** A UUID-shaped id derived from a seed, so a scenario replayed with the same inputs yields the same ARNs. */
export function stableUuid(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function stackArn(region: string, account: string, name: string, seed: string): string {
  return `arn:aws:cloudformation:${region}:${account}:stack/${name}/${stableUuid(seed)}`
}

/** mulberry32: a tiny seeded PRNG, so fault injection by rate is reproducible run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
