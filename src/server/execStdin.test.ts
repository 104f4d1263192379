/**
 * `kubectl exec -it POD -- sh` at the WebSocket level (v5.channel.k8s.io): the prompt, the echo
 * of what is typed, the output with CR LF, the shell kept between lines, and the exit code on the
 * error channel once the shell exits.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from './server';
import { WsReader, wsFrame } from './wsFrames';

let server: RunningServer;

beforeAll(async () => {
  server = await serve({ port: 0, workers: 1, seed: 6, token: 'tok' });
  server.cluster.runLine(
    'kubectl run box --image=busybox:1.36 --restart=Never -- sh -c "sleep 3600"',
  );
  server.cluster.runLine('wait 30s');
});
afterAll(async () => {
  await server?.close();
});

function upgrade(query: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/api/v1/namespaces/default/pods/box/exec?${query}`, {
      method: 'GET',
      ca: server.certificates.caCert,
      headers: {
        authorization: 'Bearer tok',
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': 'v5.channel.k8s.io',
      },
    });
    req.on('upgrade', (_res, socket) => resolve(socket));
    req.on('response', (res) => reject(new Error(`no upgrade: ${res.statusCode}`)));
    req.on('error', reject);
    req.end();
  });
}

/** A masked client frame on a channel. */
function send(socket: Duplex, channel: number, text: string): void {
  const payload = Buffer.concat([Buffer.from([channel]), Buffer.from(text)]);
  const frame = wsFrame(0x2, payload);
  const headLen = frame.length - payload.length;
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i & 3]));
  const head = Buffer.from(frame.subarray(0, headLen));
  head[1] |= 0x80;
  socket.write(Buffer.concat([head, mask, masked]));
}

/** What arrives per channel, until the server closes. */
function collect(socket: Duplex) {
  const got: Record<number, string> = {};
  const reader = new WsReader();
  const wait = (pred: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pred()) {
          socket.off('data', check);
          resolve();
        }
      };
      socket.on('data', check);
      socket.on('close', () => (pred() ? resolve() : reject(new Error(JSON.stringify(got)))));
      check();
    });
  socket.on('data', (chunk: Buffer) => {
    const messages = reader.push(chunk);
    if (messages === 'tooBig') throw new Error('too big');
    for (const m of messages)
      if (m.opcode === 0x2 && m.payload.length > 0)
        got[m.payload[0]] = (got[m.payload[0]] ?? '') + m.payload.subarray(1).toString('utf8');
  });
  return { got, wait };
}

describe('kubectl exec -it', () => {
  it('prompts, echoes, runs each line in the same shell, and ends with its exit code', async () => {
    const socket = await upgrade('command=sh&stdin=true&stdout=true&tty=true&container=box');
    const { got, wait } = collect(socket);
    await wait(() => (got[1] ?? '').endsWith('/ # '));
    send(socket, 4, '{"Width":80,"Height":24}');
    send(socket, 0, 'cd /tmp; x=1\r');
    await wait(() => (got[1] ?? '').endsWith('/tmp # '));
    send(socket, 0, 'echo $x; ls /nope\r');
    await wait(() => (got[1] ?? '').split('/tmp # ').length === 3);
    send(socket, 0, 'exit 5\r');
    await wait(() => got[3]?.includes('Failure') === true);
    expect(got[1]).toBe(
      '/ # cd /tmp; x=1\r\n/tmp # echo $x; ls /nope\r\n1\r\nls: /nope: No such file or directory\r\n/tmp # exit 5\r\n',
    );
    expect(JSON.parse(got[3])).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '5' }] },
    });
    expect(server.cluster.sim.state.execSessions).toBeUndefined();
  });

  it('ends the shell when the client goes away', async () => {
    const socket = await upgrade('command=sh&stdin=true&stdout=true&stderr=true');
    const { got, wait } = collect(socket);
    send(socket, 0, 'echo one\n');
    await wait(() => got[1] === 'one\n');
    expect(Object.keys(server.cluster.sim.state.execSessions ?? {})).toHaveLength(1);
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(server.cluster.sim.state.execSessions).toBeUndefined();
  });
});
