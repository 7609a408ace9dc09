import { SimError } from './world.js'

/**
 * A page token pins the sim time of the first page, so events that appear while a caller pages through an
 * older listing do not shift its offsets (newest-first lists grow at the front).
 */
interface Cursor {
  cut: number
  offset: number
}

export function readCursor(token: string | undefined, now: number, errorCode: string): Cursor {
  if (!token) return { cut: now, offset: 0 }
  try {
    const cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor
    if (Number.isFinite(cursor.cut) && Number.isInteger(cursor.offset) && cursor.offset >= 0) return cursor
  } catch {
    // fall through to the service's own error
  }
  throw new SimError(errorCode, 'Invalid NextToken')
}

export function page<T>(items: T[], cursor: Cursor, size: number): { items: T[]; nextToken?: string } {
  const slice = items.slice(cursor.offset, cursor.offset + size)
  const next = cursor.offset + size
  if (next >= items.length) return { items: slice }
  const nextToken = Buffer.from(JSON.stringify({ cut: cursor.cut, offset: next })).toString('base64url')
  return { items: slice, nextToken }
}
