/**
 * Forwarded connections into a pod (the `forward` ClusterInput): the dial, whole HTTP requests
 * answered by the program listening there (its access log shows them, from 127.0.0.1),
 * partial ones kept for later, containerd's error for a port nothing listens on; and pods/attach:
 * the output from now on, stdin to a shell whose spec opened it.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, type ApiRequest, type PodStream } from '../api/types';
import { createSimulation } from '../sim/bootstrap';
import { applyInput } from '../sim/inputs';
import type { Simulation } from '../sim/simulation';
import { ACTOR } from '../trace';
import { followOutput } from './kubeletServer';
import type { ForwardResult } from './portForward';

function withPod(name: string, container: Record<string, unknown>): Simulation {
  const sim = createSimulation({ workers: 1, seed: 3 });
  const create: ApiRequest = {
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [container] } },
  };
  expect(sim.api(ACTOR.kubectl, ADMIN, create).ok).toBe(true);
  sim.advanceBy(20_000);
  return sim;
}

function stream(
  sim: Simulation,
  name: string,
  subresource: ApiRequest['subresource'],
  extra = {},
): PodStream {
  const res = sim.api(ACTOR.kubectl, ADMIN, {
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    name,
    subresource,
    ...extra,
  });
  if (!res.ok || !res.stream) throw new Error(JSON.stringify(res));
  return res.stream;
}

function logOf(sim: Simulation, name: string): string {
  const res = sim.api(ACTOR.kubectl, ADMIN, {
    verb: 'get',
    resource: 'pods',
    namespace: 'default',
    name,
    subresource: 'log',
  });
  return res.ok && res.stream?.kind === 'log' ? res.stream.body : '';
}

describe('port-forward into a pod', () => {
  it('answers whole requests as nginx does, keeps a partial one, and logs each', () => {
    const sim = withPod('web', { name: 'web', image: 'nginx:1.27' });
    const pf = stream(sim, 'web', 'portforward');
    if (pf.kind !== 'portforward') throw new Error(pf.kind);
    const forward = (port: number, data: string) =>
      (
        applyInput(sim, { type: 'forward', target: pf.target, port, data }) as {
          result: ForwardResult;
        }
      ).result;
    expect(forward(80, '')).toEqual({ consumed: 0, reply: '', close: false });
    const partial = 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n';
    expect(forward(80, partial)).toEqual({ consumed: 0, reply: '', close: false });
    const two = `${partial}\r\nGET /nope HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n\r\n`;
    const answer = forward(80, two);
    if (!('reply' in answer)) throw new Error(answer.error);
    expect(answer.consumed).toBe(two.length);
    expect(answer.close).toBe(true);
    const [first, second] = answer.reply.split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(
      /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.\d+\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\nContent-Type: text\/html\r\nContent-Length: 615\r\nConnection: keep-alive\r\n\r\n<!DOCTYPE html>/,
    );
    expect(second).toMatch(/^HTTP\/1\.1 404 Not Found\r\n[\s\S]*Connection: close\r\n\r\n<html>/);
    const log = logOf(sim, 'web');
    expect(log).toMatch(/127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 615 "-" "-" "-"\n/);
    expect(log).toMatch(/"GET \/nope HTTP\/1\.1" 404 153 "-" "-" "-"\n/);
  });

  it('fails the dial to a port nothing listens on with containerd’s words', () => {
    const sim = withPod('web', { name: 'web', image: 'nginx:1.27' });
    const pf = stream(sim, 'web', 'portforward');
    if (pf.kind !== 'portforward') throw new Error(pf.kind);
    const { result } = applyInput(sim, {
      type: 'forward',
      target: pf.target,
      port: 81,
      data: '',
    }) as {
      result: ForwardResult;
    };
    const id = pf.target.sandboxId;
    expect(result).toEqual({
      error: expect.stringMatching(
        new RegExp(
          `^error forwarding port 81 to pod ${id}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-[0-9a-f-]{36}": failed to connect to localhost:81 inside namespace "${id}", IPv4: dial tcp4 127\\.0\\.0\\.1:81: connect: connection refused IPv6 dial tcp6 \\[::1\\]:81: connect: connection refused $`,
        ),
      ),
    });
  });
});

describe('attach', () => {
  it('reads the output from now on; stdin reaches a shell the spec opened it for', () => {
    const sim = withPod('box', {
      name: 'box',
      image: 'busybox:1.36',
      command: ['sh'],
      stdin: true,
    });
    const at = stream(sim, 'box', 'attach', { attachOptions: { stdin: true, stdout: true } });
    if (at.kind !== 'attach' || !at.session) throw new Error(JSON.stringify(at));
    expect(at.tty).toBe(false);
    applyInput(sim, { type: 'stdin', session: at.session.id, line: 'echo hi from $HOSTNAME' });
    const read = followOutput(sim, at.follow);
    expect(read.chunks).toEqual([{ stream: 'stdout', text: 'hi from box\n' }]);
    expect(read.ended).toBe(false);
    applyInput(sim, { type: 'stdin', session: at.session.id, line: 'exit 0' });
    // The runtime sees the process gone: the attach is over, the pod's container terminated.
    sim.advanceBy(1000);
    expect(followOutput(sim, read.follow).ended).toBe(true);
  });

  it('gives stdin nowhere to go when the spec did not open it', () => {
    const sim = withPod('quiet', {
      name: 'quiet',
      image: 'busybox:1.36',
      command: ['sleep', '3600'],
    });
    const at = stream(sim, 'quiet', 'attach', { attachOptions: { stdin: true, stdout: true } });
    expect(at).toMatchObject({ kind: 'attach', tty: false });
    expect(at.kind === 'attach' && at.session).toBeUndefined();
  });
});
