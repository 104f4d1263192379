/**
 * `kubectl port-forward` on the wire. kubectl 1.32 dials POST …/pods/NAME/portforward as a
 * WebSocket offering `SPDY/3.1+portforward.k8s.io` (client-go tools/portforward
 * tunneling_dialer.go: constants.WebsocketsSPDYTunnelingPrefix + PortForwardProtocolV1Name) and
 * runs SPDY inside it (spdyFrames.ts); it falls back to a plain SPDY upgrade only when the
 * WebSocket upgrade itself fails (kubectl portforward.go NewFallbackDialer, IsUpgradeFailure).
 *
 * For each local connection kubectl opens two streams with the same `requestID` header: an error
 * stream (`streamType: error`, which it closes at once) and a data stream (`streamType: data`),
 * both with the `port` header (client-go portforward.go handleConnection). As the streaming
 * server does (cri-streaming portforward/httpstream.go), each SYN_STREAM gets an empty SYN_REPLY,
 * and once both streams of a request are there the connection is dialled in the pod (a `forward`
 * ClusterInput): a refused dial writes its error text on the error stream and resets both;
 * otherwise data goes to the engine and its answers come back, and when either side is done both
 * streams are closed (FIN), error stream first. PINGs are echoed (spdystream handlePingFrame).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiResult, ForwardTarget } from '../engine';
import type { Identity } from './auth';
import { call, type ServerContext } from './handler';
import {
  controlFrame,
  dataFrames,
  FLAG_FIN,
  FRAME,
  HeaderReader,
  HeaderWriter,
  headerBlock,
  parseHeaderBlock,
  RST_CANCEL,
  rstStream,
  SpdyReader,
} from './spdyFrames';
import { closeFrame, negotiateWebSocket, noProtocol, refused, switchProtocols } from './upgrade';
import { WsReader, wsFrame } from './wsFrames';

/** kubelet portforward.go ProtocolV1Name. */
const PORT_FORWARD_V1 = 'portforward.k8s.io';
export const PORT_FORWARD_PROTOCOLS = [`SPDY/3.1+${PORT_FORWARD_V1}`];

interface Pair {
  port: number;
  errorStream?: number;
  dataStream?: number;
  /** Bytes (one character each) the engine has not consumed yet. */
  pending: string;
  open: boolean;
}

export function portForwardUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  target: { namespace: string; name: string },
  who: Identity,
  ends: Set<() => void>,
): void {
  const plainSpdy = (req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1';
  const ws = negotiateWebSocket(req, PORT_FORWARD_PROTOCOLS);
  const result = call(ctx, who, {
    verb: 'create',
    resource: 'pods',
    namespace: target.namespace,
    name: target.name,
    subresource: 'portforward',
  });
  if (refused(socket, result)) return;
  if (plainSpdy) return spdyUpgrade(ctx, req, socket, result, ends);
  if (!ws) return noProtocol(socket, PORT_FORWARD_PROTOCOLS);
  const stream = result.ok ? result.stream : undefined;
  if (stream?.kind !== 'portforward') return void socket.destroy();
  switchProtocols(socket, ws);
  const session = new ForwardSession(ctx, stream.target, (bytes) => {
    if (!socket.destroyed) socket.write(wsFrame(0x2, bytes));
  });
  const end = () => {
    ends.delete(end);
    if (!socket.destroyed) socket.end(closeFrame(1000));
  };
  ends.add(end);
  const reader = new WsReader();
  socket.on('data', (chunk: Buffer) => {
    const messages = reader.push(chunk);
    if (messages === 'tooBig') return void socket.end(closeFrame(1009));
    for (const m of messages) {
      if (m.opcode === 0x8) return void socket.end(closeFrame(1000));
      if (m.opcode === 0x9) {
        socket.write(wsFrame(0xa, m.payload));
        continue;
      }
      if (m.opcode !== 0x2) continue;
      if (!session.receive(m.payload)) return void socket.end(closeFrame(1002));
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => ends.delete(end));
}

/**
 * The SPDY upgrade itself (a client without WebSockets: KUBECTL_PORT_FORWARD_WEBSOCKETS=false,
 * or after a failed WebSocket upgrade): the protocol from X-Stream-Protocol-Version
 * (httpstream.Handshake, its words), 101 with `Upgrade: SPDY/3.1`, then SPDY on the socket.
 */
function spdyUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  result: ApiResult,
  ends: Set<() => void>,
): void {
  const header = req.headers['x-stream-protocol-version'];
  const offered = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (!offered.includes(PORT_FORWARD_V1))
    return plainError(
      socket,
      offered.length === 0 ? 400 : 403,
      offered.length === 0
        ? `unable to upgrade: header X-Stream-Protocol-Version does not exist in request with ${Object.keys(req.headers).length} headers`
        : `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${PORT_FORWARD_V1}]`,
    );
  const stream = result.ok ? result.stream : undefined;
  if (stream?.kind !== 'portforward') return void socket.destroy();
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${PORT_FORWARD_V1}\r\n\r\n`,
  );
  const session = new ForwardSession(ctx, stream.target, (bytes) => {
    if (!socket.destroyed) socket.write(bytes);
  });
  const end = () => {
    ends.delete(end);
    socket.end();
  };
  ends.add(end);
  socket.on('data', (chunk: Buffer) => {
    if (!session.receive(chunk)) socket.end();
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => ends.delete(end));
}

/** http.Error's answer: the text and a newline. */
function plainError(socket: Duplex, code: number, text: string): void {
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${code} Error\r\nContent-Type: text/plain; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** One SPDY connection's forwarded requests (SPDY bytes in, SPDY bytes out). */
export class ForwardSession {
  private readonly frames = new SpdyReader();
  private readonly headersIn = new HeaderReader();
  private readonly headersOut = new HeaderWriter();
  private readonly pairs = new Map<string, Pair>();
  /** Stream id → its request id. */
  private readonly streams = new Map<number, string>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly target: ForwardTarget,
    private readonly send: (bytes: Buffer) => void,
  ) {}

  /** SPDY bytes from the client; false when they break the protocol (the connection ends). */
  receive(bytes: Buffer): boolean {
    for (const f of this.frames.push(bytes)) {
      if (!f.control) {
        this.data(f.streamId, f.data, (f.flags & FLAG_FIN) !== 0);
        continue;
      }
      switch (f.type) {
        case FRAME.synStream:
          if (!this.synStream(f.data)) return false;
          break;
        case FRAME.rstStream:
          if (f.data.length >= 4) this.reset(f.data.readUInt32BE(0) & 0x7fffffff);
          break;
        case FRAME.ping:
          // A ping the client started: echoed as it came.
          this.send(controlFrame(FRAME.ping, 0, f.data));
          break;
        case FRAME.goAway:
          return false;
        // SETTINGS, WINDOW_UPDATE, HEADERS: spdystream's flow control is not used.
      }
    }
    return true;
  }

  private synStream(data: Buffer): boolean {
    if (data.length < 10) return false;
    const streamId = data.readUInt32BE(0) & 0x7fffffff;
    const block = this.headersIn.decompress(data.subarray(10));
    const headers = block && parseHeaderBlock(block);
    if (!headers) return false;
    const port = Number(headers.port);
    const type = headers.streamtype;
    // httpStreamReceived: a stream without a valid port or type is refused.
    if (
      !Number.isInteger(port) ||
      port < 1 ||
      port > 65535 ||
      (type !== 'error' && type !== 'data')
    ) {
      this.send(rstStream(streamId, RST_CANCEL));
      return true;
    }
    const reply = Buffer.alloc(4);
    reply.writeUInt32BE(streamId);
    this.send(
      controlFrame(
        FRAME.synReply,
        0,
        Buffer.concat([reply, this.headersOut.compress(headerBlock({}))]),
      ),
    );
    const requestId = headers.requestid ?? String(type === 'error' ? streamId : streamId - 2);
    const pair = this.pairs.get(requestId) ?? { port, pending: '', open: false };
    this.pairs.set(requestId, pair);
    this.streams.set(streamId, requestId);
    if (type === 'error') pair.errorStream = streamId;
    else pair.dataStream = streamId;
    if (pair.errorStream !== undefined && pair.dataStream !== undefined) this.dial(requestId, pair);
    return true;
  }

  private dial(requestId: string, pair: Pair): void {
    const answer = this.ctx.cluster.forward(this.target, pair.port, '');
    if ('error' in answer) {
      this.send(dataFrames(pair.errorStream as number, Buffer.from(answer.error, 'utf8'), false));
      this.send(rstStream(pair.dataStream as number, RST_CANCEL));
      this.send(rstStream(pair.errorStream as number, RST_CANCEL));
      this.forget(requestId, pair);
      return;
    }
    pair.open = true;
    if (pair.pending) this.forward(requestId, pair);
  }

  private data(streamId: number, bytes: Buffer, fin: boolean): void {
    const requestId = this.streams.get(streamId);
    const pair = requestId === undefined ? undefined : this.pairs.get(requestId);
    if (!pair || requestId === undefined || streamId !== pair.dataStream) return;
    pair.pending += bytes.toString('latin1');
    if (pair.open && bytes.length > 0) this.forward(requestId, pair);
    // The client is done sending: the server sees the end and closes its side.
    if (fin && this.pairs.has(requestId)) this.close(requestId, pair);
  }

  private forward(requestId: string, pair: Pair): void {
    const answer = this.ctx.cluster.forward(this.target, pair.port, pair.pending);
    if ('error' in answer) {
      this.send(dataFrames(pair.errorStream as number, Buffer.from(answer.error, 'utf8'), false));
      this.send(rstStream(pair.dataStream as number, RST_CANCEL));
      this.send(rstStream(pair.errorStream as number, RST_CANCEL));
      this.forget(requestId, pair);
      return;
    }
    pair.pending = pair.pending.slice(answer.consumed);
    if (answer.reply)
      this.send(dataFrames(pair.dataStream as number, Buffer.from(answer.reply, 'utf8'), false));
    if (answer.close) this.close(requestId, pair);
  }

  /** PortForward returned: the error stream, then the data stream, closed (FIN). */
  private close(requestId: string, pair: Pair): void {
    this.send(dataFrames(pair.errorStream as number, Buffer.alloc(0), true));
    this.send(dataFrames(pair.dataStream as number, Buffer.alloc(0), true));
    this.forget(requestId, pair);
  }

  private reset(streamId: number): void {
    const requestId = this.streams.get(streamId);
    const pair = requestId === undefined ? undefined : this.pairs.get(requestId);
    if (pair && requestId !== undefined && streamId === pair.dataStream)
      this.forget(requestId, pair);
  }

  private forget(requestId: string, pair: Pair): void {
    this.pairs.delete(requestId);
    if (pair.errorStream !== undefined) this.streams.delete(pair.errorStream);
    if (pair.dataStream !== undefined) this.streams.delete(pair.dataStream);
  }
}
