/**
 * One connection `kubectl port-forward` forwards into a pod: containerd's PortForward
 * (internal/cri/server/sandbox_portforward_linux.go) enters the sandbox's network namespace and
 * dials localhost:PORT there, then copies bytes both ways. A port no process listens on fails the
 * dial; the streaming server (cri-streaming portforward/httpstream.go) writes the error on the
 * connection's error stream:
 *
 *   error forwarding port P to pod SANDBOX, uid : failed to execute portforward in network
 *   namespace "/var/run/netns/cni-…": failed to connect to localhost:P inside namespace
 *   "SANDBOX", IPv4: dial tcp4 127.0.0.1:P: connect: connection refused IPv6 dial tcp6 [::1]:P:
 *   connect: connection refused
 *
 * The bytes are read as HTTP/1.1 (what the simulated servers speak): each whole request goes to
 * the program listening there as a request from 127.0.0.1 (it writes its access-log line), and
 * its answer comes back whole — status line, the server's header fields, body. Stateless: the
 * caller keeps what has not been consumed yet and sends it again with more.
 */
import type { ForwardTarget } from '../api/types';
import { REASON_PHRASES } from '../process/httpHead';
import { utf8Length } from '../process/programs/nginx';
import { containerListens, podHttp } from '../process/supervisor';
import type { Simulation } from '../sim/simulation';
import { ACTOR } from '../trace';
import { podContainers } from './runtime';

export type ForwardResult =
  /** The dial failed: the error stream's text; the connection ends. */
  | { error: string }
  /**
   * `consumed` bytes of the input were whole requests; `reply` is the server's answer to them
   * (its head ASCII, its body text); `close`: the server closed the connection after it.
   */
  | { consumed: number; reply: string; close: boolean };

/** A request head larger than this is not read (nginx's large_client_header_buffers: 4 × 8k). */
const MAX_HEAD_BYTES = 32 * 1024;

/**
 * Bytes `data` (one character per byte) reached the forwarded connection to `port`; empty data is
 * the dial itself, when the connection opens.
 */
export function forwardData(
  sim: Simulation,
  target: ForwardTarget,
  port: number,
  data: string,
): ForwardResult {
  const node = sim.state.nodes[target.node];
  const sandbox = node?.runtime.sandboxes[target.podUid];
  const id = target.sandboxId;
  if (!node?.up || !sandbox || sandbox.id !== id || sandbox.stopped)
    return {
      error: wrapped(port, id, `failed to find sandbox ${JSON.stringify(id)} in store: not found`),
    };
  const containers = podContainers(node, target.podUid);
  if (!containers.some((c) => containerListens(c, port, 'TCP'))) {
    const refused = `failed to connect to localhost:${port} inside namespace ${JSON.stringify(id)}, IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
    const netns = node.kubelet.pods[target.podUid]?.pod.spec?.hostNetwork ? 'host' : netnsPath(id);
    const error = wrapped(
      port,
      id,
      `failed to execute portforward in network namespace ${JSON.stringify(netns)}: ${refused}`,
    );
    trace(sim, target, `PortForward ${port}: connection refused`, true);
    return { error };
  }
  if (data === '') {
    trace(sim, target, `PortForward ${port}: connected to localhost:${port}`);
    return { consumed: 0, reply: '', close: false };
  }
  let consumed = 0;
  let reply = '';
  for (;;) {
    const req = parseRequest(data, consumed);
    if (req === 'incomplete') {
      // A head that never ends: the server gives up on the connection.
      if (data.length - consumed > MAX_HEAD_BYTES)
        return { consumed: data.length, reply, close: true };
      return { consumed, reply, close: false };
    }
    // Not HTTP the simulated servers understand: they drop the connection.
    if (req === 'bad') return { consumed: data.length, reply, close: true };
    consumed = req.end;
    const res = podHttp(sim, node, containers, port, {
      method: 'GET',
      path: req.path,
      clientIp: '127.0.0.1',
      userAgent: req.headers['user-agent'] ?? '-',
      host: req.headers.host ?? '',
      wantHead: { keepAlive: req.keepAlive },
    });
    // The listener went away, or speaks something other than HTTP: the connection just ends.
    if (res === 'refused' || res.status === 0) return { consumed: data.length, reply, close: true };
    trace(sim, target, `PortForward ${port}: GET ${req.path} → ${res.status}`);
    const head = (res.headers ?? [['Content-Length', String(utf8Length(res.body))]])
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    reply += `HTTP/1.1 ${res.status} ${REASON_PHRASES[res.status] ?? ''}\r\n${head}\r\n${res.body}`;
    if (!req.keepAlive) return { consumed: data.length, reply, close: true };
  }
}

/** The streaming server's wrapping (the pod is the sandbox's id; the uid is not passed). */
function wrapped(port: number, sandboxId: string, err: string): string {
  return `error forwarding port ${port} to pod ${sandboxId}, uid : ${err}`;
}

/** The CNI plugin's namespace, named `cni-` and a UUID: here one made of the sandbox's id. */
function netnsPath(sandboxId: string): string {
  const h = sandboxId.padEnd(32, '0');
  return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function trace(sim: Simulation, target: ForwardTarget, what: string, error = false): void {
  const kp = sim.state.nodes[target.node]?.kubelet.pods[target.podUid];
  sim.trace(
    ACTOR.kubelet(target.node),
    ACTOR.runtime(target.node),
    'cri',
    `pod/${kp?.key ?? target.podUid}`,
    what,
    error,
  );
}

interface ParsedRequest {
  path: string;
  headers: Record<string, string>;
  keepAlive: boolean;
  /** Where the next request starts. */
  end: number;
}

/** One HTTP/1.x GET request from `at`, its body (Content-Length) skipped. */
function parseRequest(data: string, at: number): ParsedRequest | 'incomplete' | 'bad' {
  const headEnd = data.indexOf('\r\n\r\n', at);
  if (headEnd < 0) return 'incomplete';
  const lines = data.slice(at, headEnd).split('\r\n');
  const m = /^(GET) (\S+) HTTP\/1\.([01])$/.exec(lines[0]);
  if (!m) return 'bad';
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'bad';
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? '0');
  if (!Number.isInteger(length) || length < 0) return 'bad';
  const end = headEnd + 4 + length;
  if (end > data.length) return 'incomplete';
  const connection = (headers.connection ?? '').toLowerCase();
  const keepAlive = m[3] === '1' ? connection !== 'close' : connection === 'keep-alive';
  return { path: m[2], headers, keepAlive, end };
}
