import { describe, expect, it, vi } from 'vitest';
import { createSimStore } from '../createSimStore';
import { defaultPrefs } from '../prefs';
import type { ViewStore } from '../viewState';
import { hostSim } from './host';
import type { Port } from './protocol';
import { connectRemoteStore, walkthroughOf } from './remoteStore';

/** Two ends of a channel: messages are copied (as postMessage does) and delivered later. */
function channel(): [Port, Port] {
  const make = (): Port & { peer?: Port } => ({
    onmessage: null,
    postMessage(message: unknown) {
      const copy = structuredClone(message);
      setTimeout(() => this.peer?.onmessage?.({ data: copy }), 0);
    },
  });
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

/** Until the worker has answered everything sent so far. */
async function settle(store: ViewStore, rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
  void store;
}

async function connected(): Promise<ViewStore> {
  const [page, worker] = channel();
  hostSim(worker, { playing: false });
  return connectRemoteStore(page, {
    prefs: defaultPrefs(),
    spec: { workers: 2, seed: 1 },
    notice: null,
    noticeDetails: [],
    link: { kind: 'none' },
    panel: 'inspector',
  });
}

describe('the store over a worker boundary', () => {
  it('mirrors the same cluster the store itself shows, through console lines and time', async () => {
    const remote = await connected();
    const local = createSimStore({ spec: { workers: 2, seed: 1 } });
    for (const line of ['kubectl create deployment web --image=nginx --replicas=3', 'wait 30s']) {
      remote.getState().runLine(line);
      local.getState().runLine(line);
    }
    await settle(remote);
    const r = remote.getState();
    const l = local.getState();
    expect(r.nowMs).toBe(l.nowMs);
    expect(r.transcript).toEqual(l.transcript);
    expect(r.inputs).toEqual(l.inputs);
    expect(r.frame.pods.map((p) => [p.key, p.status])).toEqual(
      l.frame.pods.map((p) => [p.key, p.status]),
    );
    expect(JSON.parse(JSON.stringify(r.frame))).toEqual(JSON.parse(JSON.stringify(l.frame)));
    expect(r.traceCount).toBe(l.traceCount);
    expect(r.traceEntries(undefined, 50)).toEqual(l.traceEntries(undefined, 50));
    const podMatch = (e: { from: string }) => e.from.startsWith('kubelet/');
    expect(r.traceEntries(podMatch, 20)).toEqual(l.traceEntries(podMatch, 20));
    expect(await r.labScript()).toBe(l.labScript());
  });

  it('keeps the view objects of pods that did not change (the views memoise on them)', async () => {
    const remote = await connected();
    remote.getState().runLine('kubectl create deployment web --image=nginx --replicas=2');
    remote.getState().runLine('wait 1m');
    await settle(remote);
    const before = remote.getState().frame;
    remote.getState().runLine('kubectl label node worker-1 disk=ssd');
    await settle(remote);
    const after = remote.getState().frame;
    expect(after.version).toBeGreaterThan(before.version);
    const web = before.pods.filter((p) => p.name.startsWith('web-'));
    expect(web).toHaveLength(2);
    for (const p of web) expect(after.pods.find((q) => q.key === p.key)).toBe(p);
  });

  it('steps back in time with the trace cut to the cursor', async () => {
    const remote = await connected();
    remote.getState().runLine('wait 5s');
    remote.getState().runLine('kubectl run nginx --image=nginx');
    remote.getState().runLine('wait 20s');
    await settle(remote);
    const count = remote.getState().traceCount;
    remote.getState().seekTo(remote.getState().startMs + 1_000);
    await settle(remote);
    const s = remote.getState();
    expect(s.traceCount).toBeLessThan(count);
    expect(s.frame.pods.some((p) => p.name === 'nginx')).toBe(false);
    const newest = s.traceEntries(undefined, 1)[0];
    expect(newest.timeMs).toBeLessThanOrEqual(s.nowMs);
  });

  it('looks objects up for the inspector, and follows their changes', async () => {
    const remote = await connected();
    remote.getState().runLine('kubectl run nginx --image=nginx');
    remote.getState().select('pod/default/nginx');
    expect(remote.getState().selection).toBe('pod/default/nginx');
    expect(remote.getState().lookup('pod/default/nginx')).toBeUndefined();
    await settle(remote);
    expect(remote.getState().lookup('pod/default/nginx')?.metadata.name).toBe('nginx');
    remote.getState().runLine('kubectl label pod nginx tier=web');
    await settle(remote);
    expect(remote.getState().lookup('pod/default/nginx')?.metadata.labels?.tier).toBe('web');
  });

  it('plays: ticks move the clock, one in flight at a time', async () => {
    const remote = await connected();
    const start = remote.getState().nowMs;
    remote.getState().play();
    for (let i = 0; i < 10; i++) remote.getState().tick(100);
    await settle(remote, 20);
    // The first tick went alone; the other nine waited for its answer and went as one (clamped).
    expect(remote.getState().nowMs).toBeGreaterThan(start + 100);
    expect(remote.getState().nowMs).toBeLessThanOrEqual(start + 1_000);
    remote.getState().pause();
    await settle(remote);
    expect(remote.getState().playing).toBe(false);
  });

  it('runs a lab script and says when it cannot', async () => {
    const remote = await connected();
    expect(await remote.getState().runScript('cluster workers=99\n')).toHaveProperty('error');
    expect(await remote.getState().runScript('kubectl run a --image=nginx\nwait 5s\n')).toEqual({});
    await settle(remote);
    expect(remote.getState().transcript.map((t) => t.line)).toEqual([
      'kubectl run a --image=nginx',
      'wait 5s',
    ]);
  });

  it('shows a walkthrough step the worker computed', async () => {
    const remote = await connected();
    const walk = walkthroughOf(remote);
    expect(walk).toBeDefined();
    expect(walk?.getState().start('no-such-walkthrough')).toBe(false);
    expect(walk?.getState().start('pod-creation', 0)).toBe(true);
    for (let i = 0; i < 50 && !walk?.getState().current; i++) await settle(remote);
    expect(walk?.getState().current).toMatchObject({ id: 'pod-creation', index: 0 });
    expect(remote.getState().playLimitMs).not.toBeNull();
  });
});

describe('a long wait in the worker', () => {
  it('runs in slices to the same cluster as the store itself, and can be stopped', async () => {
    const remote = await connected();
    const local = createSimStore({ spec: { workers: 2, seed: 1 } });
    for (const line of ['kubectl create deployment web --image=nginx --replicas=2', 'wait 30m']) {
      remote.getState().runLine(line);
      local.getState().runLine(line);
    }
    // Progress shows while it runs (slices of wall time), then the entry is in the transcript.
    let sawProgress = false;
    for (let i = 0; i < 2_000 && remote.getState().transcript.length < 2; i++) {
      if (remote.getState().waiting) sawProgress = true;
      await new Promise((r) => setTimeout(r, 1));
    }
    await settle(remote);
    expect(sawProgress).toBe(true);
    expect(remote.getState().waiting).toBeNull();
    expect(remote.getState().nowMs).toBe(local.getState().nowMs);
    expect(remote.getState().transcript).toEqual(local.getState().transcript);
    expect(await remote.getState().labScript()).toBe(local.getState().labScript());

    const from = remote.getState().nowMs;
    remote.getState().runLine('wait 24h');
    remote.getState().runLine('kubectl get deploy');
    for (let i = 0; i < 2_000 && !remote.getState().waiting; i++)
      await new Promise((r) => setTimeout(r, 1));
    expect(remote.getState().waiting).toMatchObject({ line: 'wait 24h', fromMs: from });
    remote.getState().stopWait();
    for (let i = 0; i < 2_000 && remote.getState().transcript.length < 4; i++)
      await new Promise((r) => setTimeout(r, 1));
    const [stopped, next] = remote.getState().transcript.slice(2);
    // The entry says how long it really waited, so a saved lab script replays this very cluster.
    expect(stopped.line).toMatch(/^wait \d/);
    expect(stopped.line).not.toBe('wait 24h');
    expect(stopped.doneMs).toBeLessThan(from + 24 * 3_600_000);
    expect(next.line).toBe('kubectl get deploy');
    expect(next.atMs).toBe(stopped.doneMs);
  });
});

describe('seeking from the page', () => {
  it('shows the instant asked at once, then the one the worker landed on, even when unchanged', async () => {
    const remote = await connected();
    remote.getState().runLine('wait 30s');
    await settle(remote);
    const { startMs, nowMs } = remote.getState();
    remote.getState().seekTo(startMs + 10_000);
    // The slider's `change` event reads the store's value back: it must be the new one already.
    expect(remote.getState().nowMs).toBe(startMs + 10_000);
    await settle(remote);
    expect(remote.getState().nowMs).toBe(startMs + 10_000);
    // A seek to where the cursor already is: the page's guess is put right all the same.
    remote.getState().seekTo(nowMs);
    await settle(remote);
    expect(remote.getState().nowMs).toBe(nowMs);
  });

  it('rejects an asked action that throws in the worker, and the worker lives on', async () => {
    const remote = await connected();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // Not a string: the store's script reader throws (a page bug the worker must survive).
      await expect(remote.getState().runScript(null as unknown as string)).rejects.toThrow();
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    remote.getState().runLine('kubectl get nodes');
    await settle(remote);
    expect(remote.getState().transcript.at(-1)?.output).toContain('worker-1');
  });
});
