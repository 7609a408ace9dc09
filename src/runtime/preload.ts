import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'

/**
 * Loads code the next phase needs while this process's first AWS request is on the wire: `load` starts once the
 * first HTTP request has been handed to the socket (its 'finish'), so loading overlaps the round trip instead of
 * delaying the request. Returns the loaded value's promise; calling `get` earlier starts the load at once.
 * Uses Node's `http.client.request.start` diagnostics channel (Node 18.7+), which sees every http(s) request.
 */
export function loadWhileFirstRequestRuns<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined
  const get = () => (loaded ??= load())
  const onRequest = (message: unknown) => {
    unsubscribe('http.client.request.start', onRequest)
    const request = (message as { request: ClientRequest }).request
    request.once('finish', () => setImmediate(() => void get().catch(() => undefined)))
  }
  subscribe('http.client.request.start', onRequest)
  return () => {
    unsubscribe('http.client.request.start', onRequest)
    return get()
  }
}
