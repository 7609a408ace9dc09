import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'

/**
 * How the proxy treats each request from now on:
 * - `pass`: forwarded to the target unchanged;
 * - `error500`: HTTP 500 `InternalFailure` in the protocol's own shape (the SDK retries it);
 * - `throttle`: HTTP 400 `ThrottlingException` / `Throttling` in the protocol's own shape;
 * - `reset`: the connection is destroyed without an answer (the client sees ECONNRESET / socket hang up);
 * - `hang`: the request is read and never answered (only the client's own timeout ends it);
 * - `refuse`: the proxy stops listening, so new connections are refused (ECONNREFUSED) until another mode is set.
 */
export const FAULT_MODES = ['pass', 'error500', 'throttle', 'reset', 'hang', 'refuse'] as const
export type FaultMode = (typeof FAULT_MODES)[number]

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: point an `AWS_ENDPOINT_URL_<SERVICE>` or an endpoint option here. */
  readonly url: string
  readonly mode: FaultMode
  /** Requests received since start, whatever the mode (a refused connection is not a request). */
  readonly requests: number
  /** Takes effect for requests that arrive afterwards; requests already hanging stay hung until close(). */
  setMode(mode: FaultMode): Promise<void>
  /** Stops listening and destroys every open connection, hung ones included. */
  close(): Promise<void>
}

/**
 * A loopback HTTP proxy in front of dynalite or the sim that can answer 500, throttle, reset, never answer, or refuse
 * connections — the network faults a guard meets in real life, for tests and `npm run chaos`. It binds 127.0.0.1 only.
 *
 * @param target base URL of the real endpoint, e.g. `http://127.0.0.1:4567`
 * @throws when `mode` is not one of {@link FAULT_MODES}
 */
export async function startFaultProxy(target: string, mode: FaultMode = 'pass'): Promise<FaultProxy> {
  const upstream = new URL(target)
  const sockets = new Set<Socket>()
  let current = checkMode(mode)
  let requests = 0
  let server: Server | undefined
  let port = 0

  function handle(req: IncomingMessage, res: ServerResponse): void {
    requests++
    const body: Buffer[] = []
    req.on('data', chunk => body.push(chunk))
    req.on('end', () => {
      const payload = Buffer.concat(body)
      switch (current) {
        case 'hang':
          return
        case 'reset':
          req.socket.destroy()
          return
        case 'error500':
          return answerError(req, res, 500, 'InternalFailure', 'fault proxy: injected internal error')
        case 'throttle':
          return answerError(req, res, 400, 'Throttling', 'Rate exceeded')
        default:
          forward(req, res, payload)
      }
    })
  }

  function forward(req: IncomingMessage, res: ServerResponse, payload: Buffer): void {
    const outgoing = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host }
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    outgoing.on('error', () => req.socket.destroy())
    outgoing.end(payload)
  }

  async function listen(): Promise<void> {
    const next = createServer(handle)
    next.on('connection', socket => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject)
      next.listen(port, '127.0.0.1', () => resolve())
    })
    port = (next.address() as { port: number }).port
    server = next
  }

  async function stopListening(): Promise<void> {
    const closing = server
    server = undefined
    if (closing) await new Promise<void>(resolve => closing.close(() => resolve()))
  }

  await listen()
  if (current === 'refuse') await stopListening()

  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return current
    },
    get requests() {
      return requests
    },
    async setMode(next: FaultMode) {
      const previous = current
      current = checkMode(next)
      if (next === 'refuse' && previous !== 'refuse') {
        const closing = stopListening()
        for (const socket of sockets) socket.destroy()
        await closing
      }
      if (next !== 'refuse' && previous === 'refuse') await listen()
    },
    async close() {
      const closing = stopListening()
      for (const socket of sockets) socket.destroy()
      await closing
    }
  }
}

function checkMode(mode: string): FaultMode {
  if (!(FAULT_MODES as readonly string[]).includes(mode))
    throw new Error(`Unknown fault mode "${mode}"; known: ${FAULT_MODES.join(', ')}`)
  return mode as FaultMode
}

/** JSON protocols (DynamoDB, CloudTrail, SSM …) carry `__type`; query protocols (CloudFormation, STS, RDS) XML. */
function answerError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string
): void {
  const json = String(req.headers['content-type'] ?? '').includes('json')
  const type = json && code === 'Throttling' ? 'ThrottlingException' : code
  const body = json
    ? JSON.stringify({ __type: type, message })
    : `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code>` +
      `<Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`
  res.writeHead(status, {
    'content-type': json ? 'application/x-amz-json-1.0' : 'text/xml',
    'x-amzn-requestid': 'fault-proxy'
  })
  res.end(body)
}
