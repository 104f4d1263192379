import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../engine/trace';
import {
  activeSpecs,
  countsShown,
  faultTarget,
  MAX_ACTIVE,
  positionAt,
  REAL_MS,
  specFor,
  trafficDestination,
  trafficPod,
  visualAt,
} from './animation';

let seq = 0;
function entry(over: Partial<TraceEntry>): TraceEntry {
  return {
    seq: ++seq,
    timeMs: 1000,
    from: 'kube-apiserver',
    to: 'kubelet/worker-1',
    kind: 'watch',
    object: 'pod/default/nginx',
    summary: 'watch ADDED pod nginx (spec.nodeName=worker-1)',
    ...over,
  };
}

const noPods = () => undefined;

describe('specFor: trace entry → animation', () => {
  it('a watch event is a ticket from the desk to the watcher, with its verb', () => {
    const s = specFor(entry({}), noPods);
    expect(s).toMatchObject({ shape: 'ticket', from: 'kube-apiserver', to: 'kubelet/worker-1' });
    expect(s?.label).toBe('ADDED');
  });

  it('an API call is a card to the desk; a refused one bounces back', () => {
    const ok = specFor(
      entry({ kind: 'api', from: 'kubelet/worker-1', to: 'kube-apiserver', summary: 'update' }),
      noPods,
    );
    expect(ok).toMatchObject({ shape: 'card', from: 'kubelet/worker-1', to: 'kube-apiserver' });
    expect(ok?.bounce).toBe(false);
    const refused = specFor(
      entry({ kind: 'api', from: 'kubectl', to: 'kube-apiserver', error: true, summary: 'x' }),
      noPods,
    );
    expect(refused).toMatchObject({ bounce: true, tone: 'bad' });
  });

  it('etcd writes go desk → ledger; heartbeats go kitchen → desk', () => {
    expect(specFor(entry({ kind: 'etcd', to: 'etcd' }), noPods)).toMatchObject({
      shape: 'dot',
      from: 'kube-apiserver',
      to: 'etcd',
    });
    expect(
      specFor(entry({ kind: 'heartbeat', from: 'kubelet/worker-2', to: 'kube-apiserver' }), noPods),
    ).toMatchObject({ shape: 'heart', from: 'kubelet/worker-2', to: 'kube-apiserver' });
  });

  it('a CRI call lights the stove with its verb; a process exit is a red ping at the station', () => {
    const cri = specFor(
      entry({
        kind: 'cri',
        from: 'kubelet/worker-1',
        to: 'containerd/worker-1',
        summary: 'RunPodSandbox (registry.k8s.io/pause:3.10.1, IP 10.244.1.2)',
      }),
      noPods,
    );
    expect(cri).toMatchObject({ shape: 'card', to: 'containerd/worker-1', label: 'RunPodSandbox' });
    const exit = specFor(
      entry({
        kind: 'process',
        from: 'containerd/worker-1',
        to: 'kubelet/worker-1',
        summary: 'container nginx exited with code 1',
      }),
      noPods,
    );
    expect(exit).toMatchObject({ shape: 'ping', to: 'pod/default/nginx', tone: 'bad' });
    const start = specFor(
      entry({ kind: 'process', summary: 'container nginx running', from: 'containerd/worker-1' }),
      noPods,
    );
    expect(start?.tone).toBe('ok');
  });

  it('rules are a ping on the seating chart; faults flash on the component', () => {
    expect(
      specFor(
        entry({ kind: 'rules', from: 'kube-proxy/worker-1', to: 'kube-proxy/worker-1' }),
        noPods,
      ),
    ).toMatchObject({ shape: 'ping', to: 'rules/worker-1' });
    expect(
      specFor(entry({ kind: 'fault', from: 'chaos', to: 'apiserver', error: true }), noPods),
    ).toMatchObject({ shape: 'flash', to: 'kube-apiserver', tone: 'bad' });
    expect(faultTarget('runtime/worker-2')).toBe('containerd/worker-2');
    expect(faultTarget('node/worker-2')).toBe('node/worker-2');
    expect(faultTarget('controller-manager')).toBe('kube-controller-manager');
  });

  it('a request to the host network reaches the static pod the engine names, not the first at that IP', () => {
    const summary =
      '10.96.0.1:443 → 192.168.0.10:6443 (kube-system/kube-apiserver-control-plane) via KUBE-SERVICES → KUBE-SVC-NPX46M4PTMTKRN6Y → KUBE-SEP-Z';
    const firstAtIp = (ip: string) =>
      ip === '192.168.0.10' ? 'pod/kube-system/etcd-control-plane' : undefined;
    expect(trafficPod(summary, firstAtIp)).toBe('pod/kube-system/kube-apiserver-control-plane');
    expect(
      specFor(
        entry({ kind: 'traffic', from: 'client', to: 'kube-proxy/control-plane', summary }),
        firstAtIp,
      ),
    ).toMatchObject({ shape: 'customer', to: 'pod/kube-system/kube-apiserver-control-plane' });
  });

  it('a customer walks from the dining room via the waiter to the cook the chart names', () => {
    const summary = '10.96.147.184:80 → 10.244.1.2:80 via KUBE-SERVICES → KUBE-SVC-X → KUBE-SEP-Y';
    expect(trafficDestination(summary)).toBe('10.244.1.2');
    const s = specFor(
      entry({ kind: 'traffic', from: 'client', to: 'kube-proxy/worker-2', summary }),
      (ip) => (ip === '10.244.1.2' ? 'pod/default/web-1' : undefined),
    );
    expect(s).toMatchObject({
      shape: 'customer',
      from: 'client',
      via: 'kube-proxy/worker-2',
      to: 'pod/default/web-1',
    });
    const stillWaiter = specFor(
      entry({ kind: 'traffic', from: 'client', to: 'kube-proxy/worker-2', summary }),
      () => 'pod/default/web-1',
      (node) => node === 'worker-2',
    );
    expect(stillWaiter?.via).toBe('rules/worker-2');
    const failed = specFor(
      entry({
        kind: 'traffic',
        from: 'client',
        to: 'kube-proxy/worker-2',
        summary: 'no endpoints',
        error: true,
      }),
      noPods,
    );
    expect(failed).toMatchObject({ bounce: true, tone: 'bad' });
  });
});

describe('activeSpecs and positionAt: derived from simulated time', () => {
  const anchors = new Map([
    ['kube-apiserver', { x: 0, y: 0 }],
    ['kubelet/worker-1', { x: 100, y: 0 }],
    ['kube-proxy/worker-1', { x: 50, y: 50 }],
    ['client', { x: 0, y: 100 }],
    ['pod/default/web-1', { x: 100, y: 100 }],
  ]);
  const anchor = (id: string) => anchors.get(id);

  it('progress is (now - t) / (real duration × speed): the same picture at every speed', () => {
    const e = entry({ timeMs: 10_000 });
    for (const speed of [0.25, 1, 4, 16]) {
      const half = 10_000 + (REAL_MS.ticket * speed) / 2;
      const [a] = activeSpecs([e], half, speed, noPods);
      expect(a.progress).toBeCloseTo(0.5);
      expect(positionAt(a.spec, a.progress, anchor)).toEqual({ x: 50, y: 0 });
    }
  });

  it('is a pure function of the instant: scrubbing back re-derives the same positions', () => {
    const es = [entry({ timeMs: 1000 }), entry({ timeMs: 1200 })];
    const at = (now: number) =>
      activeSpecs(es, now, 1, noPods).map((a) => positionAt(a.spec, a.progress, anchor));
    const first = at(1500);
    at(1800);
    expect(at(1500)).toEqual(first);
    expect(activeSpecs(es, 999, 1, noPods)).toEqual([]);
    expect(activeSpecs(es, 1000 + REAL_MS.ticket + 300, 1, noPods)).toEqual([]);
  });

  it('keeps at most MAX_ACTIVE moving things, the newest', () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      entry({ timeMs: 5000 + i, to: `kubelet/worker-${i}` }),
    );
    const active = activeSpecs(many, 5200, 1, noPods);
    expect(active).toHaveLength(MAX_ACTIVE);
    expect(active[active.length - 1].spec.key).toBe(many[99].seq);
  });

  it('bundles messages on one path a few ms apart; later ones travel on their own', () => {
    const burst = Array.from({ length: 10 }, (_, i) => entry({ timeMs: 5000 + i * 3 }));
    const later = entry({ timeMs: 5000 + REAL_MS.ticket * 0.6 });
    const active = activeSpecs([...burst, later], 5000 + REAL_MS.ticket * 0.7, 1, noPods);
    expect(active.map((a) => a.spec.count)).toEqual([10, 1]);
    // The bundle rides on its newest message's clock: scrubbing re-derives the same picture.
    expect(active[0].spec.startMs).toBe(burst[9].timeMs);
  });

  it('shows only one count where two bundles meet (no two words overlap)', () => {
    const a = activeSpecs(
      [
        ...Array.from({ length: 3 }, () => entry({ timeMs: 1000 })),
        ...Array.from({ length: 2 }, () => entry({ timeMs: 1000, to: 'kube-proxy/worker-1' })),
      ],
      1000,
      1,
      noPods,
    );
    expect(a).toHaveLength(2);
    const together = countsShown(a, () => ({ x: 0, y: 0 }), false);
    expect([...together]).toEqual([a[1].spec.key]);
    const apart = countsShown(a, (x) => ({ x: x.spec.count * 100, y: 0 }), false);
    expect(apart.size).toBe(2);
    expect(countsShown(a, () => ({ x: 0, y: 0 }), true).size).toBe(0);
  });

  it('a customer passes the waiter halfway; a bounced card turns back', () => {
    const e = entry({
      kind: 'traffic',
      from: 'client',
      to: 'kube-proxy/worker-1',
      summary: '10.96.0.1:80 → 10.244.1.2:80 via X',
    });
    const s = specFor(e, () => 'pod/default/web-1');
    expect(s && positionAt(s, 0.5, anchor)).toEqual({ x: 50, y: 50 });
    expect(s && positionAt(s, 1, anchor)).toEqual({ x: 100, y: 100 });
    const bounced = specFor(
      entry({ kind: 'api', from: 'kubelet/worker-1', to: 'kube-apiserver', error: true }),
      noPods,
    );
    expect(bounced && positionAt(bounced, 0, anchor)).toEqual({ x: 100, y: 0 });
    expect(bounced && positionAt(bounced, 0.5, anchor)).toEqual({ x: 40, y: 0 });
    expect(bounced && positionAt(bounced, 1, anchor)).toEqual({ x: 100, y: 0 });
  });
});

describe('visualAt: one pure picture per instant, moving or still', () => {
  const anchors = new Map([
    ['kube-apiserver', { x: 0, y: 0 }],
    ['etcd', { x: 100, y: 0 }],
  ]);
  const anchor = (id: string) => anchors.get(id);

  it('draws twins (same path, same instant) once, with a count', () => {
    const es = [1, 2, 3].map(() => entry({ kind: 'etcd', to: 'etcd', timeMs: 2000 }));
    const active = activeSpecs(es, 2100, 1, noPods);
    expect(active).toHaveLength(1);
    expect(active[0].spec.count).toBe(3);
  });

  it('moves the token along the path; with reduced motion it stays at the receiver and fades', () => {
    const [a] = activeSpecs(
      [entry({ kind: 'etcd', to: 'etcd', timeMs: 0 })],
      REAL_MS.dot / 2,
      1,
      noPods,
    );
    expect(visualAt(a, anchor, false)).toMatchObject({ x: 50, y: 0 });
    const still = visualAt({ ...a, progress: 0.5 }, anchor, true);
    expect(still).toMatchObject({ x: 100, y: -18, opacity: 0.5 });
  });
});
