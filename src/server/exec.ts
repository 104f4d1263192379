/**
 * `kubectl exec` on the wire: GET …/pods/NAME/exec?command=…&stdout=true upgraded to a WebSocket
 * with the channel protocol (apimachinery pkg/util/remotecommand constants, kubelet
 * cri/streaming/remotecommand websocket.go): each message starts with its channel byte —
 * 1 stdout, 2 stderr, 3 the error channel, which carries a metav1.Status at the end: Success,
 * or Failure with reason NonZeroExitCode and the exit code as its cause
 * (remotecommand/httpstream.go v4WriteStatusFunc). The command runs in the engine at once (its
 * output is known); the stream closes after the time its sleeps took, at the served speed.
 * stdin is not read: an interactive shell gets no input and ends, as the in-app kubectl says.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Identity } from './auth';
import type { ServerContext } from './handler';
import { call } from './handler';

/** What kubectl 1.32 offers, best first; v4 and v5 frame the same way for what we send. */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** A command still running after this long (sleep 3600) is cut, as the lab does. */
const MAX_WAIT_MS = 5 * 60_000;

const CHANNEL = { stdout: 1, stderr: 2, error: 3 } as const;

export function execUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  target: { namespace: string; name: string },
  query: URLSearchParams,
  who: Identity,
): void {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const protocol = PROTOCOLS.find((p) => offered.includes(p));
  const key = req.headers['sec-websocket-key'];
  const flag = (k: string) => query.get(k) === 'true' || query.get(k) === '1';
  const result = call(ctx, who, {
    verb: 'create',
    resource: 'pods',
    namespace: target.namespace,
    name: target.name,
    subresource: 'exec',
    execOptions: {
      container: query.get('container') ?? undefined,
      command: query.getAll('command'),
      stdin: flag('stdin'),
      stdout: flag('stdout'),
      stderr: flag('stderr'),
      tty: flag('tty'),
    },
  });
  if (!result.ok) {
    if (result.network !== undefined) return void socket.destroy();
    return httpError(socket, result.status.code, { ...result.status, metadata: {} });
  }
  // Only now is a missing WebSocket protocol the answer: kubectl falls back to SPDY after a
  // failed upgrade, and must then hear the real reason (container not found, …) first.
  if (!protocol || typeof key !== 'string') {
    return httpError(socket, 400, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `unable to upgrade connection: the client offered none of the supported subprotocols: ${PROTOCOLS.join(', ')}`,
      reason: 'BadRequest',
      code: 400,
    });
  }
  const stream = result.stream;
  if (!stream || stream.kind === 'log') return void socket.destroy();
  if (stream.kind === 'upgradeFailed') {
    socket.end(
      `HTTP/1.1 ${stream.code} Error\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(stream.body)}\r\nConnection: close\r\n\r\n${stream.body}`,
    );
    return;
  }
  const accept = createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
  );
  // The channel protocol opens each channel with an empty message first (v4 and later).
  for (const ch of [CHANNEL.stdout, CHANNEL.stderr, CHANNEL.error]) socket.write(frame(ch, ''));
  for (const chunk of stream.output) socket.write(frame(CHANNEL[chunk.stream], chunk.text));
  const status =
    'code' in stream.exit
      ? stream.exit.code === 0
        ? { metadata: {}, status: 'Success' }
        : {
            metadata: {},
            status: 'Failure',
            message: `command terminated with non-zero exit code: error executing command [${query.getAll('command').join(' ')}], exit code ${stream.exit.code}`,
            reason: 'NonZeroExitCode',
            details: { causes: [{ reason: 'ExitCode', message: String(stream.exit.code) }] },
          }
      : { metadata: {}, status: 'Failure', message: stream.exit.message };
  const finish = () => {
    if (socket.destroyed) return;
    socket.write(frame(CHANNEL.error, JSON.stringify(status)));
    socket.end(closeFrame(1000));
  };
  const waitMs = Math.min(MAX_WAIT_MS, stream.sleptMs / ctx.cluster.speed);
  if (waitMs > 0) {
    const timer = setTimeout(finish, waitMs);
    socket.on('close', () => clearTimeout(timer));
  } else finish();
  // Whatever the client sends (stdin, resize, its close) is read and dropped.
  socket.on('data', () => {});
  socket.on('error', () => socket.destroy());
}

/** One unmasked binary WebSocket message: the channel byte, then the text. */
function frame(channel: number, text: string): Buffer {
  const payload = Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]);
  return wsFrame(0x2, payload);
}

function closeFrame(code: number): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(code);
  return wsFrame(0x8, payload);
}

function wsFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head =
    n < 126
      ? Buffer.from([0x80 | opcode, n])
      : n < 65536
        ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
        : (() => {
            const b = Buffer.alloc(10);
            b[0] = 0x80 | opcode;
            b[1] = 127;
            b.writeBigUInt64BE(BigInt(n), 2);
            return b;
          })();
  return Buffer.concat([head, payload]);
}

/** An answer on a socket that was asked to upgrade and will not be. */
export function httpError(socket: Duplex, code: number, status: object): void {
  const body = JSON.stringify(status);
  socket.end(
    `HTTP/1.1 ${code} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
