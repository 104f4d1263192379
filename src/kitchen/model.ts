/**
 * Pure helpers between the store's frame and the scene: which pods go where, how a status reads
 * (tone + shape, never colour alone), where each scene id sits, and what a highlight lights.
 */
import type { ContainerView, Frame, PodView } from '../store/frame';
import { type Box, centre, type Point, type SceneLayout, type StaffSlot } from './layout';

/** A node's pods: the staff's own pods drawn under them, and the stations. */
export interface NodeShape {
  name: string;
  /** Pods drawn as stations (the learner's first). */
  pods: string[];
  /** Pods drawn under an actor: static pods under their component, kube-proxy under the waiter. */
  strips: Partial<Record<StaffSlot, string>>;
}

/** Everything the layout depends on (serialised once per frame: a stable selector result). */
export interface SceneShape {
  controlPlane: string;
  office: NodeShape;
  pendingPods: string[];
  workers: NodeShape[];
  services: string[];
}

const STATIC_SLOTS: [string, StaffSlot][] = [
  ['kube-apiserver', 'desk'],
  ['etcd', 'ledger'],
  ['kube-scheduler', 'scheduler'],
  ['kube-controller-manager', 'controllerManager'],
];

/** Split a node's pods between the staff strips and the stations. */
export function nodeShape(name: string, podKeys: readonly string[], office: boolean): NodeShape {
  const strips: Partial<Record<StaffSlot, string>> = {};
  const rest: string[] = [];
  for (const key of podKeys) {
    if (!strips.waiter && key.startsWith('kube-system/kube-proxy-')) {
      strips.waiter = key;
      continue;
    }
    const slot = office
      ? STATIC_SLOTS.find(([c]) => key === `kube-system/${c}-${name}`)?.[1]
      : undefined;
    if (slot && !strips[slot]) strips[slot] = key;
    else rest.push(key);
  }
  return { name, pods: orderPods(rest), strips };
}

export function sceneShape(frame: Frame): SceneShape {
  const cp = frame.nodes.find((n) => n.role === 'control-plane');
  const cpName = cp?.name ?? 'control-plane';
  return {
    controlPlane: cpName,
    office: nodeShape(cpName, cp?.podKeys ?? [], true),
    pendingPods: frame.pods.filter((p) => !p.nodeName).map((p) => p.key),
    workers: frame.nodes
      .filter((n) => n.role !== 'control-plane')
      .map((n) => nodeShape(n.name, n.podKeys, false)),
    services: frame.services.map((s) => s.key),
  };
}

/** The learner's own pods first, the system's after. */
export function orderPods(keys: readonly string[]): string[] {
  const own = keys.filter((k) => !k.startsWith('kube-system/'));
  const system = keys.filter((k) => k.startsWith('kube-system/'));
  return [...own, ...system];
}

export function shapeKey(frame: Frame): string {
  return JSON.stringify(sceneShape(frame));
}

/** kubectl STATUS → how the scene draws it: colour, shape and words all differ. */
export type Tone = 'ok' | 'warn' | 'bad' | 'pending' | 'gone' | 'done';

const BAD = /CrashLoopBackOff|Error|BackOff|ErrImage|OOMKilled|Failed|Evicted|Invalid/;
const PENDING = /Pending|ContainerCreating|PodInitializing|Init:/;

export function podTone(pod: Pick<PodView, 'status' | 'ready' | 'terminating'>): Tone {
  if (pod.terminating || pod.status === 'Terminating') return 'gone';
  if (BAD.test(pod.status)) return 'bad';
  if (PENDING.test(pod.status)) return 'pending';
  if (pod.status === 'Completed' || pod.status === 'Succeeded') return 'done';
  if (pod.status === 'Running') {
    const [ready, total] = pod.ready.split('/');
    return ready === total ? 'ok' : 'warn';
  }
  return 'warn';
}

export type CookState = 'working' | 'warming' | 'collapsed' | 'arriving' | 'done';

export function cookState(c: ContainerView): CookState {
  if (c.state === 'running') return c.ready || c.init ? 'working' : 'warming';
  if (c.state === 'terminated') return c.reason === 'Completed' ? 'done' : 'collapsed';
  if (c.reason === 'CrashLoopBackOff' || BAD.test(c.reason)) return 'collapsed';
  return 'arriving';
}

/** `default/nginx` → `pod/default/nginx`. */
export function podId(key: string): string {
  return `pod/${key}`;
}

/** Each pod view by key, built once per frame's pod array. */
const byKeyMemo = new WeakMap<readonly PodView[], Map<string, PodView>>();

export function podByKey(pods: readonly PodView[], key: string): PodView | undefined {
  let map = byKeyMemo.get(pods);
  if (!map) {
    map = new Map(pods.map((p) => [p.key, p]));
    byKeyMemo.set(pods, map);
  }
  return map.get(key);
}

const byIpMemo = new WeakMap<readonly PodView[], Map<string, string>>();

/** The pod (`pod/ns/name`) with this IP, for traffic animations. */
export function podAtIp(pods: readonly PodView[], ip: string): string | undefined {
  let map = byIpMemo.get(pods);
  if (!map) {
    map = new Map();
    for (const p of pods) if (p.podIP && !p.terminating) map.set(p.podIP, podId(p.key));
    for (const p of pods) if (p.podIP && !map.has(p.podIP)) map.set(p.podIP, podId(p.key));
    byIpMemo.set(pods, map);
  }
  return map.get(ip);
}

/** Where every scene id sits (centres), for tickets and pulses. */
export function anchorsFor(layout: SceneLayout, shape: SceneShape): Map<string, Point> {
  const m = new Map<string, Point>();
  const put = (id: string, b: Box | null | undefined) => {
    if (b) m.set(id, centre(b));
  };
  const o = layout.office;
  put('kubectl', o.kubectl);
  // kubeadm's own calls while the cluster boots come in like any order slip.
  put('kubeadm', o.kubectl);
  put('kube-apiserver', o.desk);
  put('etcd', o.ledger);
  put('kube-scheduler', o.scheduler);
  put('kube-controller-manager', o.controllerManager);
  const cp = shape.controlPlane;
  put(`kubelet/${cp}`, o.chef);
  put(`containerd/${cp}`, o.stoves);
  put(`kube-proxy/${cp}`, o.waiter);
  put(`rules/${cp}`, o.waiter);
  put(`node/${cp}`, o.box);
  shape.office.pods.forEach((k, i) => {
    put(podId(k), o.staff[i]);
  });
  for (const [slot, key] of Object.entries(shape.office.strips)) {
    put(podId(key), o.strips[slot as StaffSlot]);
  }
  shape.pendingPods.forEach((k, i) => {
    put(podId(k), o.pending[Math.min(i, o.pending.length - 1)]);
  });
  layout.kitchens.forEach((k, i) => {
    const n = k.name;
    put(`kubelet/${n}`, k.chef);
    put(`containerd/${n}`, k.stoves);
    put(`kube-proxy/${n}`, k.waiter);
    put(`rules/${n}`, k.chart);
    put(`node/${n}`, k.box);
    const w = shape.workers[i];
    if (w?.strips.waiter) put(podId(w.strips.waiter), k.waiterStrip);
    const pods = w?.pods ?? [];
    pods.forEach((key, j) => {
      put(podId(key), k.stations[j] ?? k.more ?? k.box);
    });
  });
  put('client', layout.dining.customers);
  shape.services.forEach((key, i) => {
    put(`service/${key}`, layout.dining.services[i]);
  });
  return m;
}

/**
 * How a walkthrough's highlight treats an element: 'none' when nothing is highlighted, 'lit' when
 * the element, something that contains it, or something it contains is listed; else 'dim'.
 */
export type Lit = 'none' | 'lit' | 'dim';

export function litState(
  highlight: readonly string[],
  self: string,
  ancestors: readonly string[] = [],
  contains?: (id: string) => boolean,
): Lit {
  if (highlight.length === 0) return 'none';
  for (const h of highlight) {
    if (h === self || ancestors.includes(h)) return 'lit';
    if (contains?.(h)) return 'lit';
  }
  return 'dim';
}

/** A name too long for its box, cut in the middle (`web-577b…wv82j`). */
export function fitText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 3) return text.slice(0, maxChars);
  const head = Math.ceil((maxChars - 1) / 2);
  const tail = Math.floor((maxChars - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}
