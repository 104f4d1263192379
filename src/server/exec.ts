/**
 * `kubectl exec` on the wire: GET …/pods/NAME/exec?command=…&stdout=true upgraded to a WebSocket
 * with the channel protocol (apimachinery pkg/util/remotecommand constants, kubelet
 * cri/streaming/remotecommand websocket.go): each message starts with its channel byte —
 * 1 stdout, 2 stderr, 3 the error channel, which carries a metav1.Status at the end: Success,
 * or Failure with reason NonZeroExitCode and the exit code as its cause
 * (remotecommand/httpstream.go v4WriteStatusFunc). The command runs in the engine at once (its
 * output is known); the stream closes after the time its sleeps took, at the served speed.
 *
 * With stdin (`-i`) a shell (`sh`, `bash`, no script) reads its commands from channel 0: each
 * line goes to the engine as a `stdin` input (components/execSession.ts) and its output comes
 * back; with a TTY (`-t`) the pty's line discipline (tty.ts) echoes and edits, the shell
 * prompts, and resize messages (channel 4) are read and dropped. The session ends with `exit`,
 * ^D, the end of stdin (v5's close signal on channel 255), or the client going. Any other
 * command with stdin gets an empty stdin, as before.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Identity } from './auth';
import type { ServerContext } from './handler';
import { call } from './handler';
import { LineDiscipline, onlcr } from './tty';
import {
  CHANNEL,
  CHANNEL_PROTOCOLS,
  closeFrame,
  channelFrame as frame,
  negotiateWebSocket,
  noProtocol,
  refused,
  switchProtocols,
} from './upgrade';
import { WsReader, wsFrame } from './wsFrames';

/** A command still running after this long (sleep 3600) is cut, as the lab does. */
const MAX_WAIT_MS = 5 * 60_000;

export function execUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  target: { namespace: string; name: string },
  query: URLSearchParams,
  who: Identity,
): void {
  const ws = negotiateWebSocket(req, CHANNEL_PROTOCOLS);
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
  if (refused(socket, result)) return;
  if (!ws) return noProtocol(socket, CHANNEL_PROTOCOLS);
  const stream = result.ok ? result.stream : undefined;
  if (stream?.kind !== 'exec') return void socket.destroy();
  switchProtocols(socket, ws);
  // The channel protocol opens each channel with an empty message first (v4 and later).
  for (const ch of [CHANNEL.stdout, CHANNEL.stderr, CHANNEL.error]) socket.write(frame(ch, ''));
  const command = query.getAll('command');
  if (stream.session) return interactive(ctx, socket, stream.session, command);
  for (const chunk of stream.output) socket.write(frame(CHANNEL[chunk.stream], chunk.text));
  const status = exitStatus(stream.exit, command);
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

/** The error channel's last word: Success, or the exit code (v4WriteStatusFunc). */
function exitStatus(exit: { code: number } | { message: string }, command: string[]) {
  if (!('code' in exit)) return { metadata: {}, status: 'Failure', message: exit.message };
  if (exit.code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exit.code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exit.code) }] },
  };
}

/** An exec'd shell reading stdin: lines in, output out, until it ends. */
function interactive(
  ctx: ServerContext,
  socket: Duplex,
  session: { id: string; prompt?: string },
  command: string[],
): void {
  const tty = session.prompt !== undefined;
  const discipline = tty ? new LineDiscipline() : undefined;
  const reader = new WsReader();
  const out = (channel: number, text: string) => {
    if (text && !socket.destroyed) socket.write(frame(channel, tty ? onlcr(text) : text));
  };
  let open = true;
  let partial = '';
  /** Lines (undefined: the end of stdin) waiting while an earlier one "sleeps". */
  const queue: (string | undefined)[] = [];
  let busy: NodeJS.Timeout | undefined;
  const finish = (code: number) => {
    open = false;
    if (busy) clearTimeout(busy);
    if (socket.destroyed) return;
    socket.write(frame(CHANNEL.error, JSON.stringify(exitStatus({ code }, command))));
    socket.end(closeFrame(1000));
  };
  const drain = () => {
    busy = undefined;
    while (open && !busy && queue.length > 0) {
      const line = queue.shift();
      const result = ctx.cluster.stdin(session.id, line);
      for (const chunk of result.output) out(CHANNEL[chunk.stream], chunk.text);
      const waitMs = Math.min(MAX_WAIT_MS, result.sleptMs / ctx.cluster.speed);
      const next = () => {
        if (result.exit) return finish(result.exit.code);
        if (result.prompt) out(CHANNEL.stdout, result.prompt);
        drain();
      };
      if (waitMs > 0) busy = setTimeout(next, waitMs);
      else if (result.exit) return finish(result.exit.code);
      else if (result.prompt) out(CHANNEL.stdout, result.prompt);
    }
  };
  const enqueue = (line: string | undefined) => {
    queue.push(line);
    if (!busy) drain();
  };
  const stdin = (text: string) => {
    if (discipline) {
      const { echo, events } = discipline.input(text);
      out(CHANNEL.stdout, echo);
      for (const e of events) {
        if (e.kind === 'line') enqueue(e.line);
        else if (e.kind === 'eof') enqueue(undefined);
        // ^C: the line is dropped; the shell prompts again.
        else if (!busy) out(CHANNEL.stdout, session.prompt ?? '');
      }
      return;
    }
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) enqueue(line);
  };
  const endOfStdin = () => {
    if (partial) enqueue(partial);
    partial = '';
    enqueue(undefined);
  };
  if (session.prompt) out(CHANNEL.stdout, session.prompt);
  socket.on('data', (chunk: Buffer) => {
    const messages = reader.push(chunk);
    if (messages === 'tooBig') return void socket.end(closeFrame(1009));
    for (const m of messages) {
      if (m.opcode === 0x8) return void socket.end(closeFrame(1000));
      if (m.opcode === 0x9) {
        socket.write(wsFrame(0xa, m.payload));
        continue;
      }
      if (!open || m.payload.length === 0) continue;
      const channel = m.payload[0];
      if (channel === CHANNEL.stdin) stdin(m.payload.subarray(1).toString('utf8'));
      // v5: the client closed a stream (its stdin reached its end).
      else if (channel === CHANNEL.close && m.payload[1] === CHANNEL.stdin) endOfStdin();
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    // The client went: the shell's stdin ends with it.
    if (open) ctx.cluster.stdin(session.id);
    open = false;
    if (busy) clearTimeout(busy);
  });
}
