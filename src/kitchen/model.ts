/**
 * Pure helpers between the store's frame and the scene: which pods go where, how a status reads
 * (tone + shape, never colour alone), where each scene id sits, and what a highlight lights.
 */
import type { ContainerView, Frame, PendingGroup, PodView } from '../store/frame';
import {
  type Box,
  centre,
  PENDING_MAX,
  type Point,
  type SceneLayout,
  type StaffSlot,
} from './layout';

/** A node's pods: the staff's own pods drawn under them, and the stations. */
export interface NodeShape {
  name: string;
  /** Pods drawn as stations (the learner's first). */
  pods: string[];
  /** Pods drawn under an actor: static pods under their component, kube-proxy under the waiter. */
  strips: Partial<Record<StaffSlot, string>>;
}

/**
 * A ticket for many pending pods of one owner (`x-5d8f7c9b4 ×99,780`). Its count is not here: it
 * changes with every pod the ReplicaSet creates, and the shape (hence the layout) must not.
 */
export type PendingTicket = Pick<PendingGroup, 'id' | 'kind' | 'name' | 'firstKey'>;

/** Everything the layout depends on (serialised once per frame: a stable selector result). */
export interface SceneShape {
  controlPlane: string;
  office: NodeShape;
  /**
   * Orders no kitchen has taken yet, one ticket each while they fit on the board; past that,
   * one ticket per owner (`pendingGroups`) and, when owners are left off, a last "+N" ticket
   * (`pendingMore`). The counts are read where they are drawn (pendingCounts).
   */
  pendingPods: string[];
  pendingGroups: PendingTicket[];
  pendingMore: boolean;
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
    ...pendingShape(frame),
    workers: frame.nodes
      .filter((n) => n.role !== 'control-plane')
      .map((n) => nodeShape(n.name, n.podKeys, false)),
    services: frame.services.map((s) => s.key),
  };
}

/**
 * The expediter's board: every pending order while they fit (PENDING_MAX); past that a ticket
 * per owner, the largest first, and one "+N" for the orders of the owners left off.
 */
export function pendingShape(
  frame: Pick<Frame, 'pods' | 'pending'>,
): Pick<SceneShape, 'pendingPods' | 'pendingGroups' | 'pendingMore'> {
  const { count, groups } = frame.pending;
  if (count <= PENDING_MAX) {
    return {
      pendingPods: frame.pods.filter((p) => !p.nodeName).map((p) => p.key),
      pendingGroups: [],
      pendingMore: false,
    };
  }
  const shown = groups.slice(0, PENDING_MAX - 1);
  return {
    pendingPods: [],
    pendingGroups: shown.map(({ id, kind, name, firstKey }) => ({ id, kind, name, firstKey })),
    pendingMore: pendingCounts(frame.pending, shown.length).more > 0,
  };
}

/** How many pending pods are on none of the first `shownGroups` owners' tickets. */
export function pendingCounts(pending: Frame['pending'], shownGroups: number): { more: number } {
  let inGroups = 0;
  for (const g of pending.groups.slice(0, shownGroups)) inGroups += g.count;
  return { more: pending.count - inGroups };
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

/**
 * A cook's look: what the container is doing, told by the drawing alone (kitchen-art.md, "the
 * cook's states").
 */
export type CookState =
  /** Running and ready (a plate goes on the pass when the whole pod is Ready). */
  | 'working'
  /** Running, not ready yet. */
  | 'warming'
  /** The station's counter (the pod sandbox) is still being set up. */
  | 'setup'
  /** Unpacking a crate: the runtime is pulling the image. */
  | 'pulling'
  /** An empty crate: ErrImagePull / ImagePullBackOff. */
  | 'pullFailed'
  /** Slumped, smoking: exited with an error or CrashLoopBackOff. */
  | 'collapsed'
  /** Fainted under a stack of plates: OOMKilled. */
  | 'fainted'
  /** Apron hung up: exited 0 (Completed). */
  | 'done'
  /**
   * Walked off: exited 0, yet the pod restarts its containers (restartPolicy Always). The cook did
   * its one job and left; the head chef calls it back after a back-off that doubles each time
   * (CrashLoopBackOff with Reason Completed).
   */
  | 'walkedOff'
  /** Walking out: the pod is Terminating. */
  | 'leaving'
  /** Waiting at the door: created, not started. */
  | 'arriving';

const PULL_FAILED = /ErrImagePull|ImagePullBackOff|ErrImageNeverPull|InvalidImageName/;

/**
 * The cook's look. `runtime` is what the node's runtime says of the container (frame.runtime):
 * the kitchen shows the node's own truth, so a cook that crashed while the API server is down
 * falls and gets up again even though the API server still says Running. Without it (nothing
 * created yet), the pod's status and the node's pulls tell.
 */
export function cookState(
  c: ContainerView,
  pod?: Pick<PodView, 'terminating' | 'podIP'> & { pod?: { spec?: { restartPolicy?: string } } },
  pulling: readonly string[] = [],
  runtime?: string,
): CookState {
  if (pod?.terminating) return 'leaving';
  if (runtime === 'running')
    return c.state === 'running' && (c.ready || c.init) ? 'working' : 'warming';
  if (runtime?.startsWith('exited:')) {
    const [, code, reason] = runtime.split(':');
    if (reason === 'OOMKilled') return 'fainted';
    if (code !== '0') return 'collapsed';
    return !c.init && (pod?.pod?.spec?.restartPolicy ?? 'Always') === 'Always'
      ? 'walkedOff'
      : 'done';
  }
  if (runtime === 'created') return 'arriving';
  if (c.state === 'running') return c.ready || c.init ? 'working' : 'warming';
  if (c.state === 'terminated') {
    if (c.reason === 'Completed') return 'done';
    return c.reason === 'OOMKilled' ? 'fainted' : 'collapsed';
  }
  if (PULL_FAILED.test(c.reason)) return 'pullFailed';
  if (c.reason === 'CrashLoopBackOff' || BAD.test(c.reason)) return 'collapsed';
  if (c.imageRef && pulling.includes(c.imageRef)) return 'pulling';
  if (pod && !pod.podIP) return 'setup';
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

/** Which room a scene id stands in: the office, a kitchen (its index) or the dining room. */
export type Room = 'office' | 'dining' | number;

export interface Place {
  at: Point;
  room: Room;
  /** The whole thing (its words included), for the walkthrough's highlight ring. */
  box: Box;
}

/** Where every scene id sits (the centre of its figure, a place without words) and its room. */
export function placesFor(layout: SceneLayout, shape: SceneShape): Map<string, Place> {
  const m = new Map<string, Place>();
  const put = (id: string, b: Box | null | undefined, room: Room, whole?: Box) => {
    if (b) m.set(id, { at: centre(b), room, box: whole ?? b });
  };
  const o = layout.office;
  put('kubectl', o.kubectl.figure, 'office', o.kubectl);
  // kubeadm's own calls while the cluster boots come in like any order slip.
  put('kubeadm', o.kubectl.figure, 'office', o.kubectl);
  put('kube-apiserver', o.desk.figure, 'office', o.desk);
  put('etcd', o.ledger.figure, 'office', o.ledger);
  put('kube-scheduler', o.scheduler.figure, 'office', o.scheduler);
  put('kube-controller-manager', o.controllerManager.figure, 'office', o.controllerManager);
  const cp = shape.controlPlane;
  put(`kubelet/${cp}`, o.chef.figure, 'office', o.chef);
  put(`containerd/${cp}`, o.stoves.figure, 'office', o.stoves);
  put(`kube-proxy/${cp}`, o.waiter.figure, 'office', o.waiter);
  put(`rules/${cp}`, o.waiter.figure, 'office', o.waiter);
  put(`node/${cp}`, o.box, 'office');
  shape.office.pods.forEach((k, i) => {
    put(podId(k), o.staff[i], 'office');
  });
  const slotSpot: Record<StaffSlot, Box> = {
    desk: o.desk.figure,
    ledger: o.ledger.figure,
    scheduler: o.scheduler.figure,
    controllerManager: o.controllerManager.figure,
    waiter: o.waiter.figure,
  };
  for (const [slot, key] of Object.entries(shape.office.strips)) {
    put(podId(key), slotSpot[slot as StaffSlot], 'office');
  }
  shape.pendingPods.forEach((k, i) => {
    put(podId(k), o.pending[Math.min(i, o.pending.length - 1)], 'office');
  });
  shape.pendingGroups.forEach((g, i) => {
    put(podId(g.firstKey), o.pending[i], 'office');
  });
  layout.kitchens.forEach((k, i) => {
    const n = k.name;
    put(`kubelet/${n}`, k.chef.figure, i, k.chef);
    put(`containerd/${n}`, k.stoves.figure, i, k.stoves);
    put(`kube-proxy/${n}`, k.waiter.figure, i, k.waiter);
    put(`rules/${n}`, k.chart.figure, i, k.chart);
    put(`node/${n}`, k.box, i);
    const w = shape.workers[i];
    if (w?.strips.waiter) put(podId(w.strips.waiter), k.waiter.figure, i, k.waiter);
    (w?.pods ?? []).forEach((key, j) => {
      const b = k.stations[j];
      // A station's cooks stand in its upper part; its words are at the bottom.
      put(podId(key), b ? { ...b, h: Math.min(b.h, 44) } : (k.more ?? k.box), i, b ?? undefined);
    });
  });
  put('client', layout.dining.customers.figure, 'dining', layout.dining.customers);
  shape.services.forEach((key, i) => {
    put(`service/${key}`, layout.dining.services[i], 'dining');
  });
  return m;
}

/** Where every scene id sits (centres), for tokens and pulses. */
export function anchorsOf(places: ReadonlyMap<string, Place>): Map<string, Point> {
  return new Map([...places].map(([id, p]) => [id, p.at]));
}

/**
 * The way a message walks from one place to another: within a room, straight; between rooms,
 * out of the office downwards into the corridor, along it to the kitchen's aisle, down the aisle
 * and in through the hatch (and the same way back). Corridors and aisles hold no words, so a
 * message never crosses a label on its way.
 */
export function routeFor(
  layout: SceneLayout,
  places: ReadonlyMap<string, Place>,
  from: string,
  to: string,
): Point[] | null {
  const a = places.get(from);
  const b = places.get(to);
  if (!a || !b) return null;
  if (a.room === b.room) return [a.at, b.at];
  if (a.room === 'dining' && typeof b.room === 'number') {
    return throughDoor(layout, a.at, b.room, b.at);
  }
  if (b.room === 'dining' && typeof a.room === 'number') {
    return throughDoor(layout, b.at, a.room, a.at)?.reverse() ?? null;
  }
  const legOut = leg(layout, a);
  const legIn = leg(layout, b);
  if (!legOut || !legIn) return [a.at, b.at];
  return [a.at, ...legOut, ...legIn.reverse(), b.at];
}

/**
 * Customers: from the dining room up to the corridor above it, to the kitchen's door (or, for a
 * kitchen that is not on the last row, up its aisle and in through the hatch).
 */
function throughDoor(layout: SceneLayout, from: Point, room: number, to: Point): Point[] | null {
  const k = layout.kitchens[room];
  if (!k) return null;
  const y = layout.dining.box.y - GAP_HALF;
  const lastRow = k.box.y + k.box.h + GAP_HALF * 2 >= layout.dining.box.y;
  if (lastRow) {
    return [from, { x: from.x, y }, { x: k.door.x, y }, k.door, to];
  }
  return [from, { x: from.x, y }, { x: k.aisleX, y }, { x: k.aisleX, y: to.y }, to];
}

/** From a place to the corridor under the office (first point nearest the place). */
function leg(layout: SceneLayout, p: Place): Point[] | null {
  const cy = layout.corridorY;
  if (p.room === 'office') return [{ x: p.at.x, y: cy }];
  if (p.room === 'dining') {
    const d = layout.dining.box;
    const x = d.x - GAP_HALF;
    return [
      { x: p.at.x, y: d.y - GAP_HALF },
      { x, y: d.y - GAP_HALF },
      { x, y: cy },
    ];
  }
  const k = layout.kitchens[p.room];
  if (!k) return null;
  return [
    { x: k.aisleX, y: p.at.y },
    { x: k.aisleX, y: cy },
  ];
}

const GAP_HALF = 10;

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

/** The taint kubeadm puts on the control-plane node: the office's "no cooking here" sign. */
export const CONTROL_PLANE_TAINT = {
  key: 'node-role.kubernetes.io/control-plane',
  effect: 'NoSchedule',
} as const;

interface TaintLike {
  key: string;
  effect: string;
  value?: string;
}

/** v1.Toleration.ToleratesTaint: the effect and key match (empty = any), then Exists or Equal. */
export function tolerates(pod: Pick<PodView, 'pod'>, taint: TaintLike): boolean {
  return (pod.pod.spec?.tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.key && t.key !== taint.key) return false;
    if (t.operator === 'Exists') return true;
    return (t.value ?? '') === (taint.value ?? '');
  });
}

/**
 * Why pods other than the office staff stand in the office, for its caption: every one
 * tolerates the sign, some came while the sign was down (NoSchedule never evicts), or no sign
 * hangs at all.
 */
export type OfficeCooks = 'tolerate' | 'mixed' | 'noSign';

export function officeCooks(pods: readonly Pick<PodView, 'pod'>[], signUp: boolean): OfficeCooks {
  if (!signUp) return 'noSign';
  return pods.every((p) => tolerates(p, CONTROL_PLANE_TAINT)) ? 'tolerate' : 'mixed';
}

/**
 * Words laid into at most `maxLines` lines of `maxWidth` (greedy; a line may break after a space
 * or after Chinese punctuation); what still does not fit ends the last line with "…".
 */
export function wrapText(
  text: string,
  maxWidth: number,
  maxLines: number,
  measure: (s: string) => number,
): string[] {
  const words = text.match(/[^ ，：、]+[ ，：、]*|[ ，：、]+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && measure((line + word).trimEnd()) > maxWidth) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += word;
  }
  if (line) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}
