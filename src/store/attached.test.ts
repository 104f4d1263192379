/**
 * The store attached to a served cluster, through a fake attach door: the server's own
 * ServedCluster (with a wall clock the test moves) behind a fetch that answers as
 * src/server/attach.ts does, so every instant the page can reach is compared with the server's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterInput } from '../engine';
import { ServedCluster } from '../server/servedCluster';
import { createSimStore, type SimStore } from './createSimStore';
import { type AttachTarget, FEED_PATH, type FetchLike, LINES_PATH, openFeed } from './feed';
import { snapshotLight } from './snapshotLight';

const TOKEN = 'secret-token-0123456789';
const TARGET: AttachTarget = { server: 'http://127.0.0.1:16501', token: TOKEN };
const small = { keyframeEveryMs: 2_000, maxKeyframes: 8 };
const encoder = new TextEncoder();

/** The attach door without sockets: a feed per GET, lines run on POST. */
class FakeDoor {
  readonly cluster: ServedCluster;
  /** The server's state after everything at each instant (what a seek there must show). */
  readonly marks = new Map<number, string>();
  private feeds = new Set<{ end(): void; fail(): void }>();
  /** Raw lines the next feed sends after its hello (a broken server). */
  extra: string[] = [];
  refuse = 0;

  constructor(public wallMs = Date.UTC(2026, 5, 1, 12, 0, 0)) {
    this.cluster = new ServedCluster({ workers: 1, seed: 3, nowMs: () => this.wallMs });
    this.mark();
  }

  fetch: FetchLike = async (url, init) => {
    if (this.refuse) return new Response('{"error":"nope"}', { status: this.refuse });
    const auth = (init.headers as Record<string, string>).Authorization;
    if (auth !== `Bearer ${TOKEN}`)
      return new Response('{"error":"Unauthorized"}', { status: 401 });
    if (url === `${TARGET.server}${FEED_PATH}`) return this.feed();
    if (url === `${TARGET.server}${LINES_PATH}` && init.method === 'POST') {
      const { line } = JSON.parse(String(init.body)) as { line: string };
      const answer = this.cluster.runLine(line);
      this.mark();
      return new Response(JSON.stringify(answer), { status: 200 });
    }
    return new Response('{"error":"not found"}', { status: 404 });
  };

  private feed(): Response {
    this.cluster.catchUp();
    this.mark();
    let stop = () => {};
    const extra = this.extra;
    this.extra = [];
    const stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        const hello = { type: 'hello', options: { workers: 1, proxyMode: 'iptables', seed: 3 } };
        c.enqueue(
          encoder.encode(
            `${JSON.stringify({ ...hello, snapshot: this.cluster.helloSnapshot() })}\n`,
          ),
        );
        for (const line of extra) c.enqueue(encoder.encode(line));
        stop = this.cluster.onInput((i: ClusterInput) =>
          c.enqueue(encoder.encode(`${JSON.stringify(i)}\n`)),
        );
        const handle = {
          end: () => {
            stop();
            c.close();
          },
          fail: () => {
            stop();
            c.error(new TypeError('network error'));
          },
        };
        this.feeds.add(handle);
      },
      cancel: () => stop(),
    });
    return new Response(stream, { status: 200 });
  }

  /** Let wall time pass in 50 ms pumps, as the server's clock pump does. */
  pass(ms: number): void {
    for (let t = 0; t < ms; t += 50) {
      this.wallMs += 50;
      this.cluster.catchUp();
      this.mark();
    }
  }

  request(line: string): void {
    this.cluster.runLine(line);
    this.mark();
  }

  /** An API request as kubectl's would come (between two clock pumps). */
  call(request: Parameters<ServedCluster['call']>[0]): void {
    this.cluster.call(request);
    this.mark();
  }

  endFeeds(how: 'end' | 'fail' = 'end'): void {
    for (const f of this.feeds) f[how]();
    this.feeds.clear();
  }

  private mark(): void {
    this.marks.set(this.cluster.sim.nowMs(), snapshotLight(this.cluster.sim));
  }
}

const stores: SimStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.getState().detach();
});

async function attached(door: FakeDoor): Promise<SimStore> {
  const opened = await openFeed(TARGET, { fetch: door.fetch });
  const store = createSimStore({
    attach: { target: TARGET, opened },
    feed: { fetch: door.fetch },
    timeline: small,
    playing: true,
  });
  stores.push(store);
  return store;
}

/** Let the page read what the door sent (stream reads and answers are asynchronous). */
async function until(cond: () => boolean, what = 'the condition'): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 0));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Snapshots compared without printing megabytes when they differ. */
function expectSame(actual: string, expected: string | undefined): void {
  if (actual === expected) return;
  let i = 0;
  while (expected && i < actual.length && actual[i] === expected[i]) i++;
  throw new Error(
    `snapshots differ at ${i}: …${actual.slice(i - 80, i + 80)}… vs …${expected?.slice(i - 80, i + 80)}…`,
  );
}

const caughtUp = (store: SimStore, door: FakeDoor) => () =>
  store.getState().horizonMs === door.cluster.sim.nowMs();

describe('the store attached to a served cluster', () => {
  it('starts from the hello and follows the feed: the same cluster as the server', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    expect(s().attached).toEqual({ server: TARGET.server, status: 'live', problem: null });
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
    // The clock counts from the cluster's creation, not from 2026-01-01.
    expect(s().nowMs - s().clockOriginMs).toBeLessThan(60_000);
    expect(s().nowMs - s().clockOriginMs).toBeGreaterThanOrEqual(30_000);
    door.pass(3_000);
    door.request('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    door.pass(20_000);
    await until(caughtUp(store, door), 'the feed');
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
    expect(s().frame.pods.filter((p) => p.name.startsWith('web-'))).toHaveLength(2);
    expect(
      s()
        .frame.pods.filter((p) => p.name.startsWith('web-'))
        .map((p) => p.status),
    ).toEqual(['Running', 'Running']);
    // A line typed at the server's terminal shows in the console with its output.
    expect(s().transcript.map((t) => [t.line, t.output])).toEqual([
      [
        'kubectl create deployment web --image=nginx:1.27 --replicas=2',
        'deployment.apps/web created\n',
      ],
    ]);
    expect(s().inputs.map((i) => i.line)).toEqual([
      'kubectl create deployment web --image=nginx:1.27 --replicas=2',
    ]);
    // The local play loop does not move a page that follows the feed.
    const before = s().nowMs;
    s().tick(1_000);
    expect(s().nowMs).toBe(before);
  });

  it('scrubs back and forth over what was streamed, exactly', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    const startMs = s().startMs;
    door.pass(1_000);
    door.request('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    door.pass(4_000);
    // Requests as kubectl sends them, between clock pumps (no keyframe of their own).
    door.call({ verb: 'list', resource: 'pods', namespace: 'default' });
    door.call({
      verb: 'delete',
      resource: 'deployments',
      namespace: 'default',
      name: 'nope',
    });
    door.request('kubectl scale deployment web --replicas=1');
    door.pass(6_000);
    door.request('wait 10s');
    door.pass(3_000);
    await until(caughtUp(store, door), 'the feed');
    const marks = [...door.marks.entries()].filter(([ms]) => ms >= startMs);
    expect(marks.length).toBeGreaterThan(200);
    // Every instant, in a shuffled order (back and forth), is the server's state at it.
    const order = marks.map((_, i) => (i * 7919) % marks.length);
    for (const i of order) {
      const [ms, snapshot] = marks[i];
      s().seekTo(ms);
      if (ms < s().horizonMs) expect(s().nowMs).toBe(ms);
      expectSame(s().snapshot(), snapshot);
    }
    // Inside the `wait 10s` typed at the server, a seek lands on its end, as locally.
    const wait = s().inputs.find((i) => i.line === 'wait 10s');
    expect(wait && wait.toMs - wait.fromMs).toBe(10_000);
    s().seekTo((wait?.fromMs ?? 0) + 5_000);
    expect(s().nowMs).toBe(wait?.toMs);
    // The end of the timeline is live again: following the feed.
    s().seekTo(s().horizonMs);
    expect(s().playing).toBe(true);
    door.pass(1_000);
    await until(caughtUp(store, door), 'the feed');
    expect(s().nowMs).toBe(door.cluster.sim.nowMs());
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
  });

  it('steps over streamed requests, and pausing freezes the view, not the server', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    s().pause();
    const pausedAt = s().nowMs;
    door.pass(500);
    door.call({ verb: 'list', resource: 'pods', namespace: 'default' });
    const listedAt = door.cluster.sim.nowMs();
    door.pass(2_000);
    await until(caughtUp(store, door), 'the feed');
    expect(s().nowMs).toBe(pausedAt);
    expect(s().horizonMs).toBe(door.cluster.sim.nowMs());
    // Stepping forward stops at the request (a step of its own), with its trace entry.
    for (let i = 0; i < 50 && s().nowMs < listedAt; i++) s().stepForward();
    expect(s().nowMs).toBe(listedAt);
    expectSame(s().snapshot(), door.marks.get(listedAt));
    expect(s().traceEntries().at(-1)?.summary).toBe('list pods');
    s().stepBack();
    expect(s().nowMs).toBeLessThan(listedAt);
    expect(s().traceEntries().at(-1)?.timeMs).toBe(s().nowMs);
    // Play replays the recorded past at the chosen speed, then follows the feed.
    s().setSpeed(16);
    s().play();
    for (let i = 0; i < 100 && s().nowMs < s().horizonMs; i++) s().tick(100);
    expect(s().nowMs).toBe(s().horizonMs);
    door.pass(200);
    await until(caughtUp(store, door), 'the feed');
    expect(s().nowMs).toBe(door.cluster.sim.nowMs());
  });

  it('sends console lines to the server and prints its answer; effects come through the feed', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    const sent = s().runLine('kubectl run web --image=nginx:1.27');
    expect(sent?.pending).toBe(true);
    // Nothing changes here until the feed brings it.
    await until(() => s().transcript[0]?.pending === false, 'the answer');
    await until(() => s().frame.pods.some((p) => p.name === 'web'), 'the pod');
    expect(s().transcript).toHaveLength(1);
    expect(s().transcript[0]).toMatchObject({ output: 'pod/web created\n', ok: true });
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
    // A line the server does not know is its error, printed.
    s().runLine('frobnicate');
    await until(() => s().transcript[1]?.pending === false, 'the answer');
    expect(s().transcript[1].ok).toBe(false);
    expect(s().transcript[1].output).toMatch(/^error: unknown command/);
    // A fault button's line from the past: the view goes back to live, the server acts now.
    door.pass(2_000);
    await until(caughtUp(store, door), 'the feed');
    s().seekTo(s().startMs);
    expect(s().nowMs).toBeLessThan(s().horizonMs);
    s().runLine('break kubelet worker-1');
    expect(s().nowMs).toBe(s().horizonMs);
    expect(s().playing).toBe(true);
    await until(() => s().frame.nodes[1]?.kubelet === 'down', 'the broken kubelet');
    // The served API server going down is not a lost connection: the feed keeps coming.
    s().runLine('break apiserver');
    await until(() => s().frame.control.apiserver === 'down', 'the API server down');
    door.pass(1_000);
    await until(caughtUp(store, door), 'the feed');
    expect(s().attached?.status).toBe('live');
  });

  it('follows a kubectl get -w sent from the console, and keeps its rows when it stops', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    s().runLine('kubectl get pods -w');
    await until(() => s().follow !== null, 'the watch');
    // A pod created by a client's request (a terminal's kubectl): no lab line, the watch goes on.
    door.call({
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web' },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
      },
    });
    door.pass(10_000);
    await until(caughtUp(store, door), 'the feed');
    expect(s().follow?.text).toMatch(/^web\s+0\/1\s+Pending/m);
    expect(s().follow?.text).toMatch(/^web\s+1\/1\s+Running/m);
    const rows = s().follow?.text;
    // The next command (typed at the server here) stops it; its rows stay in its entry.
    door.request('kubectl get nodes');
    await until(() => s().transcript.length === 2, 'the next command');
    expect(s().follow).toBeNull();
    expect(s().transcript[0].followText).toBe(rows);
  });

  it('a line that cannot reach the server says so and changes nothing', async () => {
    const door = new FakeDoor();
    const failing: FetchLike = (url, init) =>
      url.endsWith(LINES_PATH)
        ? Promise.reject(new TypeError('fetch failed'))
        : door.fetch(url, init);
    const opened = await openFeed(TARGET, { fetch: failing });
    const store = createSimStore({ attach: { target: TARGET, opened }, feed: { fetch: failing } });
    stores.push(store);
    const s = () => store.getState();
    const before = s().snapshot();
    s().runLine('kubectl run web --image=nginx');
    await until(() => s().transcript[0]?.pending === false, 'the answer');
    expect(s().transcript[0]).toMatchObject({ ok: false, problem: 'unreachable', output: '' });
    expectSame(s().snapshot(), before);
  });

  it('a bad feed line ends the feed; the timeline keeps what came before it', async () => {
    const door = new FakeDoor();
    door.extra = [
      `${JSON.stringify({ type: 'advance', toMs: door.cluster.sim.nowMs() + 100 })}\n`,
      '{"type":"advance","toMs":"soon"}\n',
    ];
    const store = await attached(door);
    const s = () => store.getState();
    await until(() => s().attached?.status === 'lost', 'the feed to end');
    expect(s().attached?.problem).toBe('protocol');
    expect(s().horizonMs - s().startMs).toBe(100);
    s().seekTo(s().startMs);
    expect(s().nowMs).toBe(s().startMs);
  });

  it('loses the connection, keeps the timeline, and reconnects onto the same one', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    const startMs = s().startMs;
    door.request('kubectl create deployment web --image=nginx:1.27');
    door.pass(3_000);
    await until(caughtUp(store, door), 'the feed');
    const lostAt = s().horizonMs;
    const before = [...door.marks.entries()].filter(([ms]) => ms >= startMs && ms <= lostAt);
    door.endFeeds('fail');
    await until(() => s().attached?.status === 'lost', 'the lost connection');
    expect(s().attached?.problem).toBe('closed');
    // The server goes on without the page.
    door.request('kubectl scale deployment web --replicas=3');
    door.pass(5_000);
    // Still scrubbable: what was streamed is there.
    s().seekTo(startMs + 1_000);
    expectSame(s().snapshot(), door.marks.get(startMs + 1_000));
    s().reconnect();
    expect(s().attached?.status).toBe('connecting');
    await until(() => s().attached?.status === 'live', 'the feed again');
    expect(s().startMs).toBe(startMs);
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
    // The gap is one span on the timeline; the instants before it are exact still.
    expect(s().inputs.at(-1)).toMatchObject({ line: '# reconnected', fromMs: lostAt });
    for (const [ms, snapshot] of before.filter((_, i) => i % 7 === 0)) {
      s().seekTo(ms);
      expectSame(s().snapshot(), snapshot);
    }
    s().seekTo(lostAt + 1);
    expect(s().nowMs).toBe(s().inputs.at(-1)?.toMs);
    door.pass(1_000);
    s().seekTo(s().horizonMs);
    await until(caughtUp(store, door), 'the feed');
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
  });

  it('a restarted server is another cluster: reconnecting starts a new timeline', async () => {
    const first = new FakeDoor();
    let door = first;
    const fetch: FetchLike = (url, init) => door.fetch(url, init);
    const opened = await openFeed(TARGET, { fetch });
    const store = createSimStore({ attach: { target: TARGET, opened }, feed: { fetch } });
    stores.push(store);
    const s = () => store.getState();
    const firstStart = s().startMs;
    first.request('kubectl run web --image=nginx');
    await until(() => s().transcript.length === 1, 'the line');
    first.endFeeds();
    await until(() => s().attached?.status === 'lost', 'the lost connection');
    // The same address, a new process: created later, already further on than the first.
    door = new FakeDoor(first.wallMs + 1_000);
    door.pass(120_000);
    s().reconnect();
    await until(() => s().attached?.status === 'live', 'the feed');
    expect(s().startMs).toBeGreaterThan(firstStart);
    expect(s().inputs).toEqual([]);
    expect(s().transcript).toEqual([]);
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
  });

  it('a feed that ends, stalls or refuses the token is reported, never thrown', async () => {
    const door = new FakeDoor();
    expect(await openFeed({ ...TARGET, token: 'wrong-token-000' }, { fetch: door.fetch })).toEqual({
      problem: 'unauthorized',
    });
    door.refuse = 403;
    expect(await openFeed(TARGET, { fetch: door.fetch })).toEqual({ problem: 'forbidden' });
    door.refuse = 0;
    const unreachable: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    expect(await openFeed(TARGET, { fetch: unreachable })).toEqual({ problem: 'unreachable' });
    // Nothing after the hello for longer than allowed: stalled.
    const opened = await openFeed(TARGET, { fetch: door.fetch, stallMs: 30 });
    const store = createSimStore({
      attach: { target: TARGET, opened },
      feed: { fetch: door.fetch },
    });
    stores.push(store);
    await until(() => store.getState().attached?.status === 'lost', 'the stall');
    expect(store.getState().attached?.problem).toBe('stalled');
  });

  it('starts in the browser when the feed never came, and can try again', async () => {
    const door = new FakeDoor();
    door.refuse = 401;
    const opened = await openFeed(TARGET, { fetch: door.fetch });
    const store = createSimStore({
      attach: { target: TARGET, opened },
      feed: { fetch: door.fetch },
    });
    stores.push(store);
    const s = () => store.getState();
    expect(s().attached).toEqual({
      server: TARGET.server,
      status: 'failed',
      problem: 'unauthorized',
    });
    // The in-browser cluster runs meanwhile (local lines run here).
    expect(s().runLine('kubectl run a --image=nginx')?.output).toBe('pod/a created\n');
    door.refuse = 0;
    s().reconnect();
    await until(() => s().attached?.status === 'live', 'the feed');
    expect(s().transcript).toEqual([]);
    expectSame(s().snapshot(), snapshotLight(door.cluster.sim));
  });

  it('detaches to a fresh in-browser cluster', async () => {
    const door = new FakeDoor();
    const store = await attached(door);
    const s = () => store.getState();
    s().detach();
    expect(s().attached).toBeNull();
    expect(s().clockOriginMs).toBe(0);
    expect(s().frame.nodes.map((n) => n.name)).toEqual(['control-plane', 'worker-1']);
    expect(s().nowMs).toBe(40_000);
    // Nothing more comes from the feed.
    door.pass(1_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(s().nowMs).toBe(40_000);
    expect(s().runLine('kubectl run a --image=nginx')?.output).toBe('pod/a created\n');
  });
});
