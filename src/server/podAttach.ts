/**
 * `kubectl attach` on the wire: POST …/pods/NAME/attach?container=…&stdout=true[&stdin=true]
 * [&tty=true] upgraded to a WebSocket with the channel protocol (as exec: v5/v4). The container's
 * output from now on comes on channels 1 and 2 (1 only with the container's TTY), read as
 * `logs -f` reads it (every FOLLOW_INTERVAL_MS, and at once after a line of stdin), until the
 * container stops: then Success on the error channel (remotecommand attach.go: an attach that
 * ended without error) and a normal close.
 *
 * With stdin, when the main process reads it (the spec's `stdin: true` and an interactive shell),
 * each line is a `stdin` ClusterInput; with the container's TTY the pty's line discipline
 * (tty.ts) echoes and edits, and the shell prompts after each line. Other stdin is dropped, as
 * containerd drops it. The client's end of stdin closes the process's only for `stdinOnce`
 * without a TTY; with a TTY, ^D is the shell's end of input.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { followOutput, type LogFollow } from '../engine';
import type { Identity } from './auth';
import { call, type ServerContext } from './handler';
import { LineDiscipline, onlcr } from './tty';
import {
  CHANNEL,
  CHANNEL_PROTOCOLS,
  channelFrame,
  closeFrame,
  negotiateWebSocket,
  noProtocol,
  refused,
  switchProtocols,
} from './upgrade';
import { WsReader, wsFrame } from './wsFrames';

/** How often an attach reads the container's output again (as a followed log is). */
const FOLLOW_INTERVAL_MS = 100;

export function attachUpgrade(
  ctx: ServerContext,
  req: IncomingMessage,
  socket: Duplex,
  target: { namespace: string; name: string },
  query: URLSearchParams,
  who: Identity,
  ends: Set<() => void>,
): void {
  const ws = negotiateWebSocket(req, CHANNEL_PROTOCOLS);
  const flag = (k: string) => query.get(k) === 'true' || query.get(k) === '1';
  const result = call(ctx, who, {
    verb: 'create',
    resource: 'pods',
    namespace: target.namespace,
    name: target.name,
    subresource: 'attach',
    attachOptions: {
      container: query.get('container') ?? undefined,
      stdin: flag('stdin'),
      stdout: flag('stdout'),
      stderr: flag('stderr'),
      tty: flag('tty'),
    },
  });
  if (refused(socket, result)) return;
  if (!ws) return noProtocol(socket, CHANNEL_PROTOCOLS);
  const stream = result.ok ? result.stream : undefined;
  if (stream?.kind !== 'attach') return void socket.destroy();
  switchProtocols(socket, ws);
  for (const ch of [CHANNEL.stdout, CHANNEL.stderr, CHANNEL.error])
    socket.write(channelFrame(ch, ''));

  const tty = stream.tty;
  const session = stream.session;
  const discipline = tty && session ? new LineDiscipline() : undefined;
  const wantStderr = flag('stderr');
  let follow: LogFollow = stream.follow;
  /** The process still reads stdin (it has not exited). */
  let reading = session !== undefined;
  let partial = '';
  let done = false;

  const out = (channel: number, text: string) => {
    if (text && !socket.destroyed) socket.write(channelFrame(channel, tty ? onlcr(text) : text));
  };
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(tick);
    ends.delete(finish);
    if (socket.destroyed) return;
    socket.write(channelFrame(CHANNEL.error, JSON.stringify({ metadata: {}, status: 'Success' })));
    socket.end(closeFrame(1000));
  };
  const poll = () => {
    if (done) return;
    ctx.cluster.catchUp();
    const read = followOutput(ctx.cluster.sim, follow);
    follow = read.follow;
    for (const chunk of read.chunks) {
      // With a TTY the process has one stream; without, stderr only if the client asked for it.
      if (chunk.stream === 'stderr' && !tty && !wantStderr) continue;
      out(tty ? CHANNEL.stdout : CHANNEL[chunk.stream], chunk.text);
    }
    if (read.ended) finish();
  };
  const line = (text: string | undefined) => {
    if (!session || !reading) return;
    const answer = ctx.cluster.stdin(session.id, text);
    // What the line printed is in the container's output now: send it before the prompt.
    poll();
    if (answer.exit) reading = false;
    else if (answer.prompt && tty) out(CHANNEL.stdout, answer.prompt);
  };
  const stdin = (text: string) => {
    if (!session || !reading) return;
    if (discipline) {
      const { echo, events } = discipline.input(text);
      out(CHANNEL.stdout, echo);
      for (const e of events) {
        if (e.kind === 'line') line(e.line);
        else if (e.kind === 'eof') line(undefined);
        // ^C at an interactive shell's prompt: the line is dropped, a new prompt.
        else line('');
      }
      return;
    }
    partial += text;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) line(l);
  };
  const endOfStdin = () => {
    if (partial) line(partial);
    partial = '';
    if (session?.closeOnDetach) line(undefined);
  };

  const tick = setInterval(poll, FOLLOW_INTERVAL_MS);
  ends.add(finish);
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
      if (m.payload.length === 0) continue;
      const channel = m.payload[0];
      if (channel === CHANNEL.stdin) stdin(m.payload.subarray(1).toString('utf8'));
      // v5: the client closed its stdin.
      else if (channel === CHANNEL.close && m.payload[1] === CHANNEL.stdin) endOfStdin();
    }
  });
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    if (!done && reading) endOfStdin();
    done = true;
    clearInterval(tick);
    ends.delete(finish);
  });
  poll();
}
