/**
 * From trace entries to things that move. Pure: a trace entry becomes an animation spec (who
 * sends what to whom, drawn how), and a spec plus the simulated time gives a position. Nothing
 * here keeps animation state: scrubbing to any instant just re-derives every position, and the
 * same instant always looks the same.
 */
import type { TraceEntry, TraceKind } from '../engine/trace';
import type { Point } from './layout';

/** How a spec is drawn. */
export type AnimShape =
  /** A paper ticket (a watch event from the desk). */
  | 'ticket'
  /** A status card going back to the desk (an API call). */
  | 'card'
  /** A small dot (desk ↔ ledger). */
  | 'dot'
  /** A heartbeat (node Lease renewal). */
  | 'heart'
  /** A customer walking in (a request through kube-proxy's rules). */
  | 'customer'
  /** A ring in place: a stove lighting, a cook starting or collapsing, the chart rewritten. */
  | 'ping'
  /** A bright ring: a component broken or repaired. */
  | 'flash';

export interface AnimSpec {
  /** The trace entry's seq (stable key). */
  key: number;
  kind: TraceKind;
  shape: AnimShape;
  /** Scene ids (see metaphor.ts): where it starts, where it passes, where it ends. */
  from: string;
  via?: string;
  to: string;
  startMs: number;
  /** Real milliseconds the animation takes at any speed. */
  realMs: number;
  error: boolean;
  /** An error that never arrived: the card goes partway and comes back. */
  bounce: boolean;
  /** A short word drawn on the ticket (ADDED, RunPodSandbox, …), or ''. */
  label: string;
  /** 'ok' or 'bad' for pings (a cook starting vs. exiting). */
  tone: 'ok' | 'bad' | 'info' | 'warm';
  /** Entries drawn as this one (same picture, same path, same instant): drawn once, "×N". */
  count: number;
  /** The trace entry it draws (for the caption and the tooltip). */
  entry?: TraceEntry;
}

export const REAL_MS: Record<AnimShape, number> = {
  ticket: 900,
  card: 800,
  dot: 450,
  heart: 900,
  customer: 1200,
  ping: 800,
  flash: 1400,
};

/** At most this many things move at once; the newest win. */
export const MAX_ACTIVE = 40;

/** The scene id of a fault's target (the fault trace names components as the lab does). */
export function faultTarget(to: string): string {
  const [head, node] = to.split('/');
  if (node === undefined) {
    return (
      {
        apiserver: 'kube-apiserver',
        etcd: 'etcd',
        scheduler: 'kube-scheduler',
        'controller-manager': 'kube-controller-manager',
      }[head] ?? head
    );
  }
  if (head === 'runtime') return `containerd/${node}`;
  if (head === 'node') return `node/${node}`;
  return `${head}/${node}`;
}

/** The destination pod IP of a traffic entry (`… → 10.244.1.2:80 via …`). */
export function trafficDestination(summary: string): string | undefined {
  const m = /→ (\d+\.\d+\.\d+\.\d+):\d+/.exec(summary);
  return m?.[1];
}

/**
 * The cook a request reached: the pod the engine names after the address (`→ ip:port (ns/name)`),
 * else the pod with that IP. The name matters on the host network, where the control plane's
 * static pods share one IP.
 */
export function trafficPod(
  summary: string,
  podAt: (ip: string) => string | undefined,
): string | undefined {
  const named = /→ \d+\.\d+\.\d+\.\d+:\d+ \(([^/\s()]+\/[^/\s()]+)\)/.exec(summary);
  if (named) return `pod/${named[1]}`;
  const ip = trafficDestination(summary);
  return ip ? podAt(ip) : undefined;
}

const WATCH_VERB = /watch (ADDED|MODIFIED|DELETED|BOOKMARK)/;
const CRI_VERB = /^([A-Z][A-Za-z]+)/;

/**
 * The animation for one trace entry, or null when the entry has no picture.
 * `podAt(ip)` names the pod (`pod/ns/name`) behind a pod IP, for traffic; `waiterDown(node)`
 * says the node's kube-proxy is broken: its customers are then led by the chart on the wall
 * (the kernel keeps following the rules kube-proxy wrote).
 */
export function specFor(
  e: TraceEntry,
  podAt: (ip: string) => string | undefined,
  waiterDown?: (node: string) => boolean,
): AnimSpec | null {
  const base = {
    key: e.seq,
    kind: e.kind,
    startMs: e.timeMs,
    error: !!e.error,
    bounce: false,
    label: '',
    tone: 'info' as AnimSpec['tone'],
    count: 1,
    entry: e,
  };
  const make = (shape: AnimShape, from: string, to: string, extra: Partial<AnimSpec> = {}) => ({
    ...base,
    shape,
    from,
    to,
    realMs: REAL_MS[shape],
    ...extra,
  });
  switch (e.kind) {
    case 'watch':
      return make('ticket', 'kube-apiserver', e.to, {
        label: WATCH_VERB.exec(e.summary)?.[1] ?? '',
      });
    case 'api':
      // Requests go to the API server; pods/log and pods/exec it passes on to a kubelet.
      return make('card', e.from, e.from === 'kube-apiserver' ? e.to : 'kube-apiserver', {
        bounce: !!e.error,
        tone: e.error ? 'bad' : 'info',
      });
    case 'etcd':
      return make('dot', 'kube-apiserver', 'etcd', {
        bounce: !!e.error,
        tone: e.error ? 'bad' : 'info',
      });
    case 'heartbeat':
      return make('heart', e.from, 'kube-apiserver', {
        bounce: !!e.error,
        tone: e.error ? 'bad' : 'warm',
      });
    case 'cri': {
      const verb = CRI_VERB.exec(e.summary)?.[1] ?? '';
      // A CRI call goes to the stoves as a pan; the runtime's answer comes back the same way.
      if (e.from.startsWith('kubelet/')) {
        return make('card', e.from, e.to, {
          label: verb,
          tone: e.error ? 'bad' : 'warm',
          bounce: !!e.error,
        });
      }
      return make('card', e.from, e.to, { tone: e.error ? 'bad' : 'info' });
    }
    case 'process': {
      const exited = /exited|killed|error/i.test(e.summary) || !!e.error;
      const at = e.object.startsWith('pod/') ? e.object : e.from;
      return make('ping', at, at, { tone: exited ? 'bad' : 'ok' });
    }
    case 'rules': {
      const node = e.to.split('/')[1] ?? '';
      return make('ping', `rules/${node}`, `rules/${node}`, { tone: 'warm' });
    }
    case 'traffic': {
      const pod = trafficPod(e.summary, podAt);
      if (e.error || !pod) {
        return make('customer', 'client', e.to, { bounce: true, error: true, tone: 'bad' });
      }
      const node = e.to.split('/')[1] ?? '';
      const via = waiterDown?.(node) ? `rules/${node}` : e.to;
      return make('customer', 'client', pod, { via, tone: 'ok' });
    }
    case 'fault': {
      const at = faultTarget(e.to);
      return make('flash', at, at, { tone: e.error ? 'bad' : 'ok' });
    }
    default:
      return null;
  }
}

/** A spec in flight at `nowMs`, with its progress in [0, 1]. */
export interface Active {
  spec: AnimSpec;
  progress: number;
}

/**
 * The specs in flight at `nowMs`: those whose entry happened at most their duration ago.
 * Durations are real milliseconds times the playback speed, so an animation reads the same at
 * any speed. `entries` are oldest first; the newest `limit` win.
 */
export function activeSpecs(
  entries: readonly TraceEntry[],
  nowMs: number,
  speed: number,
  podAt: (ip: string) => string | undefined,
  opts: { limit?: number; linger?: number; waiterDown?: (node: string) => boolean } = {},
): Active[] {
  const limit = opts.limit ?? MAX_ACTIVE;
  const linger = opts.linger ?? 1;
  const longest = LONGEST_MS * speed * linger;
  const out: Active[] = [];
  /** Same picture, same path, same instant: one drawing with a count. */
  const same = new Map<string, Active>();
  for (let i = entries.length - 1; i >= 0 && out.length < limit; i--) {
    const e = entries[i];
    if (e.timeMs > nowMs) continue;
    if (e.timeMs < nowMs - longest) break;
    const spec = specFor(e, podAt, opts.waiterDown);
    if (!spec) continue;
    const duration = spec.realMs * speed * linger;
    const progress = duration <= 0 ? 1 : (nowMs - spec.startMs) / duration;
    if (progress < 0 || progress > 1) continue;
    // Twins travel as one bundle: the same picture on the same path, started within a quarter
    // of the trip of the newest (a Deployment's ten pods are written a few ms apart).
    const group = `${spec.shape}|${spec.from}|${spec.via ?? ''}|${spec.to}|${spec.tone}`;
    const twin = same.get(group);
    if (twin && twin.spec.startMs - spec.startMs <= duration * BUNDLE_WINDOW) {
      twin.spec.count++;
      continue;
    }
    const a = { spec, progress };
    same.set(group, a);
    out.push(a);
  }
  return out.reverse();
}

const LONGEST_MS = Math.max(...Object.values(REAL_MS));

/** Messages on one path closer than this part of a trip travel as one bundle. */
export const BUNDLE_WINDOW = 0.25;

/**
 * Which bundles show their count: a count is words, and no two words in the scene may overlap,
 * so where two counted tokens meet (two bundles on a shared corridor), only the newer one (the
 * later in `list`) shows its count. `at` gives each token's position this frame.
 */
export function countsShown(
  list: readonly Active[],
  at: (a: Active) => Point | null,
  still: boolean,
): Set<number> {
  const shown = new Set<number>();
  if (still) return shown;
  const placed: Point[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i];
    if (a.spec.count < 2 || (a.spec.shape !== 'ticket' && a.spec.shape !== 'card')) continue;
    const p = at(a);
    if (!p) continue;
    if (placed.some((q) => Math.abs(q.x - p.x) < 26 && Math.abs(q.y - p.y) < 18)) continue;
    placed.push(p);
    shown.add(a.spec.key);
  }
  return shown;
}

/** Everything that changes from one frame to the next, for one drawing. */
export interface Visual {
  /** Where the token is (travelling shapes). */
  x: number;
  y: number;
  opacity: number;
  trailOpacity: number;
  /** Ring radius (pings, flashes). */
  r: number;
}

/**
 * The drawing of an active spec at its progress: a pure function, used both when the set of
 * drawings changes (React) and on every frame in between (attributes set directly).
 */
export function visualAt(
  a: Active,
  anchor: (id: string) => Point | undefined,
  still: boolean,
  route?: Route,
): Visual | null {
  const { spec, progress: p } = a;
  if (spec.shape === 'ping' || spec.shape === 'flash') {
    const at = anchor(spec.to);
    if (!at) return null;
    const big = spec.shape === 'flash' ? 70 : 30;
    return still
      ? {
          x: at.x,
          y: at.y,
          opacity: Math.max(0.15, 1 - p),
          trailOpacity: 0,
          r: spec.shape === 'flash' ? 44 : 26,
        }
      : {
          x: at.x,
          y: at.y,
          opacity: Math.max(0, 1 - p),
          trailOpacity: 0,
          r: 10 + big * p,
        };
  }
  if (still) {
    const end = spec.bounce ? positionAt(spec, 0.5, anchor, route) : (anchor(spec.to) ?? null);
    if (!end) return null;
    const o = Math.max(0.15, 1 - p);
    return { x: end.x, y: end.y - 18, opacity: o, trailOpacity: o, r: 0 };
  }
  const pos = positionAt(spec, p, anchor, route);
  if (!pos) return null;
  const fade = p < 0.1 ? p * 10 : p > 0.85 ? (1 - p) / 0.15 : 1;
  return {
    x: pos.x,
    y: pos.y,
    opacity: fade,
    trailOpacity: 0.35 * fade,
    r: 0,
  };
}

export function easeInOut(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

/** The way between two scene ids (see `routeFor` in model.ts); null: straight. */
export type Route = (from: string, to: string) => Point[] | null;

function leg(from: string, to: string, anchor: (id: string) => Point | undefined, route?: Route) {
  const r = route?.(from, to);
  if (r && r.length >= 2) return r;
  const a = anchor(from);
  const b = anchor(to);
  return a && b ? [a, b] : null;
}

/** The polyline a spec travels: from → (via) → to; for a bounce, only as far as it gets. */
export function pathOf(
  spec: AnimSpec,
  anchor: (id: string) => Point | undefined,
  route?: Route,
): Point[] | null {
  if (!anchor(spec.from) || !anchor(spec.to)) return null;
  if (spec.via && anchor(spec.via)) {
    const first = leg(spec.from, spec.via, anchor, route);
    if (spec.bounce) return first;
    const second = leg(spec.via, spec.to, anchor, route);
    return first && second ? [...first, ...second.slice(1)] : null;
  }
  return leg(spec.from, spec.to, anchor, route);
}

function length(path: readonly Point[]): number {
  let sum = 0;
  for (let i = 1; i < path.length; i++) {
    sum += Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  }
  return sum;
}

/** The point a fraction `t` of the way along a polyline. */
export function pointAlong(path: readonly Point[], t: number): Point {
  const total = length(path);
  if (total === 0) return path[0];
  let left = Math.min(1, Math.max(0, t)) * total;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= d || i === path.length - 1) {
      const f = d === 0 ? 0 : Math.min(1, left / d);
      return { x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f };
    }
    left -= d;
  }
  return path[path.length - 1];
}

/**
 * Where a spec is drawn at `progress`: along its path, eased; a bounce goes 60 % of the way (or
 * to `via` for a refused customer) and comes back. Returns null when an end is not on the scene.
 */
export function positionAt(
  spec: AnimSpec,
  progress: number,
  anchor: (id: string) => Point | undefined,
  route?: Route,
): Point | null {
  const path = pathOf(spec, anchor, route);
  if (!path) return null;
  const t = easeInOut(Math.min(1, Math.max(0, progress)));
  if (spec.bounce) {
    const out = t < 0.5 ? t * 2 : (1 - t) * 2;
    return pointAlong(path, out * (spec.via && anchor(spec.via) ? 1 : 0.6));
  }
  return pointAlong(path, t);
}
