import { describe, expect, it } from 'vitest';
import { createSimStore } from '../store/createSimStore';
import { layoutScene, overlaps, type Point } from './layout';
import {
  anchorsOf,
  cookState,
  fitText,
  litState,
  nodeShape,
  officeCooks,
  pendingCounts,
  pendingShape,
  placesFor,
  podTone,
  routeFor,
  type SceneShape,
  sceneShape,
  wrapText,
} from './model';

describe('podTone: every status reads by shape and words, not colour alone', () => {
  it('maps kubectl statuses', () => {
    const t = (status: string, ready = '1/1', terminating = false) =>
      podTone({ status, ready, terminating });
    expect(t('Running')).toBe('ok');
    expect(t('Running', '0/1')).toBe('warn');
    expect(t('CrashLoopBackOff', '0/1')).toBe('bad');
    expect(t('Error', '0/1')).toBe('bad');
    expect(t('ContainerCreating', '0/1')).toBe('pending');
    expect(t('Pending', '0/1')).toBe('pending');
    expect(t('Terminating', '1/1', true)).toBe('gone');
    expect(t('Completed', '0/1')).toBe('done');
  });

  it('cooks: one look per container state, the pose alone tells it', () => {
    const c = {
      name: 'a',
      image: 'nginx',
      imageRef: 'docker.io/library/nginx:latest',
      init: false,
      reason: '',
      ready: true,
      restartCount: 0,
      backOff: '',
    };
    const pod = { terminating: false, podIP: '10.244.1.2' };
    expect(cookState({ ...c, state: 'running' })).toBe('working');
    expect(cookState({ ...c, state: 'running', ready: false })).toBe('warming');
    expect(cookState({ ...c, state: 'waiting', reason: 'CrashLoopBackOff' })).toBe('collapsed');
    expect(cookState({ ...c, state: 'terminated', reason: 'Error' })).toBe('collapsed');
    expect(cookState({ ...c, state: 'terminated', reason: 'OOMKilled' })).toBe('fainted');
    expect(cookState({ ...c, state: 'terminated', reason: 'Completed' })).toBe('done');
    expect(cookState({ ...c, state: 'waiting', reason: 'ImagePullBackOff' })).toBe('pullFailed');
    expect(cookState({ ...c, state: 'waiting', reason: 'ErrImagePull' })).toBe('pullFailed');
    const creating = { ...c, state: 'waiting' as const, reason: 'ContainerCreating' };
    expect(cookState(creating, pod)).toBe('arriving');
    expect(cookState(creating, { ...pod, podIP: '' })).toBe('setup');
    expect(cookState(creating, pod, ['docker.io/library/nginx:latest'])).toBe('pulling');
    expect(cookState({ ...c, state: 'running' }, { ...pod, terminating: true })).toBe('leaving');
    // The runtime's truth: an exit 0 is a finished job, unless the pod calls its cooks back.
    const waiting = { ...c, state: 'waiting' as const, reason: 'CrashLoopBackOff' };
    const always = { ...pod, pod: { spec: { restartPolicy: 'Always' } } };
    const never = { ...pod, pod: { spec: { restartPolicy: 'Never' } } };
    expect(cookState(waiting, always, [], 'exited:0:Completed')).toBe('walkedOff');
    expect(cookState(waiting, never, [], 'exited:0:Completed')).toBe('done');
    expect(cookState({ ...waiting, init: true }, always, [], 'exited:0:Completed')).toBe('done');
    expect(cookState(waiting, always, [], 'exited:1:Error')).toBe('collapsed');
    expect(cookState(waiting, always, [], 'exited:137:OOMKilled')).toBe('fainted');
  });
});

describe('scene shape', () => {
  it('puts static pods under their office actor and kube-proxy under the waiter', () => {
    const office = nodeShape(
      'control-plane',
      [
        'kube-system/etcd-control-plane',
        'kube-system/kube-apiserver-control-plane',
        'kube-system/kube-proxy-abcde',
        'default/stray',
      ],
      true,
    );
    expect(office.strips).toEqual({
      ledger: 'kube-system/etcd-control-plane',
      desk: 'kube-system/kube-apiserver-control-plane',
      waiter: 'kube-system/kube-proxy-abcde',
    });
    expect(office.pods).toEqual(['default/stray']);
  });

  it('gives every node, pod and component of a real cluster an anchor', () => {
    const store = createSimStore({ spec: { workers: 3 } });
    store.getState().runLine('kubectl create deployment web --image=nginx --replicas=5');
    store.getState().runLine('kubectl expose deployment web --port=80');
    store.getState().runLine('wait 20s');
    const frame = store.getState().frame;
    const shape = sceneShape(frame);
    expect(shape.workers.map((w) => w.name)).toEqual(['worker-1', 'worker-2', 'worker-3']);
    const layout = layoutScene({
      width: 1200,
      officePods: shape.office.pods.length,
      pendingPods: shape.pendingPods.length,
      workers: shape.workers.map((w) => ({ name: w.name, pods: w.pods.length })),
      services: shape.services.length,
    });
    const anchors = anchorsOf(placesFor(layout, shape));
    for (const p of frame.pods) expect(anchors.has(`pod/${p.key}`), p.key).toBe(true);
    for (const n of frame.nodes) {
      for (const id of [`node/${n.name}`, `kubelet/${n.name}`, `containerd/${n.name}`]) {
        expect(anchors.has(id), id).toBe(true);
      }
    }
    for (const id of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager']) {
      expect(anchors.has(id)).toBe(true);
    }
    expect(anchors.has('service/default/web')).toBe(true);
    // Every actor that appears in the trace has a place on the scene.
    const actors = new Set(
      store
        .getState()
        .traceEntries()
        .flatMap((e) => [e.from, e.to]),
    );
    const missing = [...actors].filter((a) => !anchors.has(a));
    expect(missing).toEqual([]);
  });
});

describe('pending orders', () => {
  it('draws a full node of 110 cooks and groups the orders no kitchen takes, each with a place', () => {
    const store = createSimStore({ spec: { workers: 1 } });
    store.getState().runLine('kubectl create deployment x --image=nginx --replicas=300');
    store.getState().runLine('wait 3m');
    const frame = store.getState().frame;
    expect(frame.pending.count).toBeGreaterThan(150);
    const shape = sceneShape(frame);
    expect(shape.workers[0].pods.length).toBeGreaterThan(100);
    expect(shape.pendingPods).toEqual([]);
    expect(shape.pendingGroups.map((g) => g.kind)).toEqual(['ReplicaSet']);
    expect(frame.pending.groups[0].count).toBe(frame.pending.count);
    expect(shape.pendingMore).toBe(false);
    const layout = layoutScene({
      width: 1366,
      officePods: shape.office.pods.length,
      pendingPods: shape.pendingGroups.length,
      pendingMore: shape.pendingMore,
      workers: shape.workers.map((w) => ({ name: w.name, pods: w.pods.length })),
      services: 0,
    });
    const k = layout.kitchens[0];
    expect(k.stations.length + k.hidden).toBe(shape.workers[0].pods.length);
    const anchors = anchorsOf(placesFor(layout, shape));
    expect(anchors.has(`pod/${shape.pendingGroups[0].firstKey}`)).toBe(true);
  });

  it('lists each order while they fit on the board, then a ticket per owner and "+N" for the rest', () => {
    const pods = Array.from({ length: 13 }, (_, i) => ({ key: `default/p${i}`, nodeName: '' }));
    const group = (name: string, count: number) => ({
      id: `ReplicaSet/default/${name}`,
      kind: 'ReplicaSet',
      name,
      namespace: 'default',
      count,
      firstKey: `default/${name}-a`,
    });
    const few = pendingShape({
      pods: pods.slice(0, 3) as never,
      pending: { count: 3, groups: [group('a', 3)], otherCount: 0 },
    });
    expect(few.pendingPods).toEqual(['default/p0', 'default/p1', 'default/p2']);
    expect(few.pendingGroups).toEqual([]);
    const groups = Array.from({ length: 14 }, (_, i) => group(`g${i}`, 1000 - i));
    const count = groups.reduce((n, g) => n + g.count, 0) + 50;
    const manyPending = { count, groups: groups.slice(0, 12), otherCount: 50 + 988 + 987 };
    const many = pendingShape({ pods: pods as never, pending: manyPending });
    expect(many.pendingPods).toEqual([]);
    expect(many.pendingGroups.map((g) => g.name)).toEqual(groups.slice(0, 11).map((g) => g.name));
    expect(many.pendingMore).toBe(true);
    // The shape has no counts: the ReplicaSet creating more pods does not lay the scene out again.
    const more = pendingShape({
      pods: pods as never,
      pending: {
        count: count + 7,
        groups: [{ ...groups[0], count: groups[0].count + 7 }, ...groups.slice(1, 12)],
        otherCount: 50 + 988 + 987,
      },
    });
    expect(JSON.stringify(more)).toBe(JSON.stringify(many));
    expect(pendingCounts(manyPending, 11).more).toBe(50 + 988 + 987 + 989);
  });
});

describe('highlight and text', () => {
  it('lights the listed element, what contains it and what it contains; dims the rest', () => {
    expect(litState([], 'kube-apiserver')).toBe('none');
    expect(litState(['kube-apiserver'], 'kube-apiserver')).toBe('lit');
    expect(litState(['kube-apiserver'], 'etcd')).toBe('dim');
    expect(litState(['node/worker-1'], 'kubelet/worker-1', ['node/worker-1'])).toBe('lit');
    expect(
      litState(['container/default/web/nginx'], 'pod/default/web', [], (h) =>
        h.startsWith('container/default/web/'),
      ),
    ).toBe('lit');
  });

  it('cuts long names in the middle', () => {
    expect(fitText('web-577b4f67b-x8zqk', 12)).toBe('web-57…x8zqk');
    expect(fitText('nginx', 12)).toBe('nginx');
  });
});

describe('routes: messages travel where no words are', () => {
  it('enters each kitchen through the hatch, along corridors and aisles clear of labels', () => {
    for (const [width, workers] of [
      [945, 2],
      [945, 3],
      [1400, 6],
    ]) {
      const shape: SceneShape = {
        controlPlane: 'control-plane',
        office: { name: 'control-plane', pods: [], strips: {} },
        pendingPods: [],
        pendingGroups: [],
        pendingMore: false,
        workers: Array.from({ length: workers }, (_, i) => ({
          name: `worker-${i + 1}`,
          pods: ['default/a', 'default/b', 'default/c', 'default/d'].map((p) => `${p}${i}`),
          strips: {},
        })),
        services: [],
      };
      const layout = layoutScene({
        width,
        officePods: 0,
        pendingPods: 0,
        workers: shape.workers.map((w) => ({ name: w.name, pods: w.pods.length })),
        services: 0,
      });
      const places = placesFor(layout, shape);
      // Words: every place's label lines and every station's name lines, in every kitchen.
      const words = layout.kitchens.flatMap((k) => [
        ...[k.chef, k.stoves, k.chart, k.waiter].map((s) => ({
          x: s.x,
          y: s.figure.y + s.figure.h,
          w: s.w,
          h: s.h - s.figure.h,
        })),
        ...k.stations.map((b) => ({ x: b.x, y: b.y + 44, w: b.w, h: b.h - 44 })),
        { x: k.box.x + 6, y: k.box.y + 4, w: 260, h: 24 },
      ]);
      for (const k of layout.kitchens) {
        const path = routeFor(layout, places, 'kube-apiserver', `kubelet/${k.name}`);
        expect(path, k.name).not.toBeNull();
        // A token is 20×24 px: sample every 4 px along the path.
        for (let i = 1; i < (path?.length ?? 0); i++) {
          const a = path?.[i - 1] as Point;
          const b = path?.[i] as Point;
          const steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 4);
          for (let s = 0; s <= steps; s++) {
            const p = { x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps };
            const token = { x: p.x - 10, y: p.y - 12, w: 20, h: 24 };
            const hit = words.find((w) => overlaps(w, token));
            expect(hit, `${k.name} at ${JSON.stringify(p)} (width ${width})`).toBeUndefined();
          }
        }
      }
    }
  });
});

describe("the kitchen shows the node's own truth", () => {
  it('a cook crashed while the API server is down falls and gets up again; the API says Running', () => {
    const store = createSimStore({ spec: { workers: 1 } });
    const run = (line: string) => store.getState().runLine(line);
    run('kubectl run nginx --image=nginx');
    run('wait 20s');
    run('break apiserver');
    run('crash default/nginx');
    const look = () => {
      const f = store.getState().frame;
      const pod = f.pods.find((p) => p.name === 'nginx');
      if (!pod) throw new Error('no pod');
      const c = pod.containers[0];
      return { status: pod.status, cook: cookState(c, pod, [], f.runtime[`${pod.uid}/nginx`]) };
    };
    expect(look()).toEqual({ status: 'Running', cook: 'collapsed' });
    run('wait 15s');
    expect(look()).toEqual({ status: 'Running', cook: 'working' });
  });
});

describe('wrapText', () => {
  const width = (s: string) => s.length;
  it('breaks after spaces and Chinese punctuation, and ends with … what does not fit', () => {
    expect(wrapText('Cooking here all the same: they tolerate the sign', 30, 2, width)).toEqual([
      'Cooking here all the same:',
      'they tolerate the sign',
    ]);
    expect(wrapText('照樣在這裡烹飪：他們容忍這塊牌子', 9, 2, width)).toEqual([
      '照樣在這裡烹飪：',
      '他們容忍這塊牌子',
    ]);
    expect(wrapText('one two three four', 8, 1, width)).toEqual(['one two…']);
    expect(wrapText('short', 30, 1, width)).toEqual(['short']);
  });
});

describe('officeCooks', () => {
  const pod = (tolerations: object[]) => ({ pod: { spec: { tolerations } } }) as never;
  const coredns = pod([
    { key: 'CriticalAddonsOnly', operator: 'Exists' },
    { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  ]);
  it('tells pods that tolerate the sign from those that came while it was down', () => {
    expect(officeCooks([coredns, pod([{ operator: 'Exists' }])], true)).toBe('tolerate');
    expect(officeCooks([coredns, pod([])], true)).toBe('mixed');
    expect(
      officeCooks(
        [pod([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoExecute' }])],
        true,
      ),
    ).toBe('mixed');
    expect(officeCooks([pod([])], false)).toBe('noSign');
  });
});
