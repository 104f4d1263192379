/**
 * What the streaming subresources (exec, attach, portforward) share on the wire: the WebSocket
 * handshake (RFC 6455), the channel protocol's frames (apimachinery pkg/util/remotecommand,
 * kubelet cri/streaming/remotecommand websocket.go: each message starts with its channel byte),
 * and the answers to an upgrade that will not happen.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiResult } from '../engine';
import { wsFrame } from './wsFrames';

/** What kubectl 1.32 offers for exec and attach, best first; v4 and v5 frame what we send alike. */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The first of `supported` the client offered, and its key; undefined when it offered none. */
export function negotiateWebSocket(
  req: IncomingMessage,
  supported: readonly string[],
): { protocol: string; key: string } | undefined {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const protocol = supported.find((p) => offered.includes(p));
  const key = req.headers['sec-websocket-key'];
  return protocol && typeof key === 'string' ? { protocol, key } : undefined;
}

export function switchProtocols(socket: Duplex, ws: { protocol: string; key: string }): void {
  const accept = createHash('sha1')
    .update(ws.key + WS_GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${ws.protocol}\r\n\r\n`,
  );
}

/** One unmasked binary WebSocket message: the channel byte, then the text. */
export function channelFrame(channel: number, text: string): Buffer {
  const payload = Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]);
  return wsFrame(0x2, payload);
}

export function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return wsFrame(0x8, payload);
}

/** An answer on a socket that was asked to upgrade and will not be. */
export function httpError(socket: Duplex, code: number, status: object): void {
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The engine refused the stream: its Status (a dropped connection while the API server is
 * down), or the kubelet's plain-text refusal passed through. True when answered so.
 */
export function refused(socket: Duplex, result: ApiResult): boolean {
  if (!result.ok) {
    if (result.network !== undefined) socket.destroy();
    else httpError(socket, result.status.code, { ...result.status, metadata: {} });
    return true;
  }
  const stream = result.stream;
  if (stream?.kind !== 'upgradeFailed') return false;
  socket.end(
    `HTTP/1.1 ${stream.code} Error\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(stream.body)}\r\nConnection: close\r\n\r\n${stream.body}`,
  );
  return true;
}

/**
 * No protocol both sides speak. Asked only once the engine accepted the request: kubectl falls
 * back to SPDY after a failed upgrade, and must then hear the real reason (container not found,
 * …) first.
 */
export function noProtocol(socket: Duplex, supported: readonly string[]): void {
  httpError(socket, 400, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `unable to upgrade connection: the client offered none of the supported subprotocols: ${supported.join(', ')}`,
    reason: 'BadRequest',
    code: 400,
  });
}
