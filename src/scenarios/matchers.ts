/**
 * Matchers: declarative checks of what a walkthrough step claims, evaluated against a running
 * Simulation. Objects are read from the API server's store (etcd) without going through the
 * API server: reading must not add trace entries or change the state, and it must work while
 * the API server is broken.
 */
import type { KObject, Simulation, TraceEntry } from '../engine';
import type { FieldPath, FieldTest, Matcher, ObjectRef, TraceMatch, VarRef } from './schema';

/** Kinds whose objects have no namespace. */
const CLUSTER_SCOPED = new Set(['node', 'namespace']);

/** Lower-case kind → the resource its objects are stored under. */
const RESOURCES: Record<string, string> = {
  pod: 'pods',
  node: 'nodes',
  service: 'services',
  endpointslice: 'endpointslices',
  deployment: 'deployments',
  replicaset: 'replicasets',
  daemonset: 'daemonsets',
  lease: 'leases',
  event: 'events',
  namespace: 'namespaces',
  serviceaccount: 'serviceaccounts',
  configmap: 'configmaps',
  secret: 'secrets',
  statefulset: 'statefulsets',
};

export interface MatchContext {
  sim: Simulation;
  /** Trace entries recorded since the step began, oldest first. */
  trace: readonly TraceEntry[];
  /** What the step's commands printed so far. */
  transcript: string;
  /** Simulated milliseconds since the step began. */
  elapsedMs: number;
  vars: Readonly<Record<string, string>>;
}

export interface MatchResult {
  ok: boolean;
  /** What the matcher asks, in words. */
  description: string;
  /** On failure: what was found instead. */
  actual?: string;
}

// ---- variables ---------------------------------------------------------------------------------

const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;

/** `{name}` replaced by its variable; `missing` collects names that have no value. */
export function interpolate(
  text: string,
  vars: Readonly<Record<string, string>>,
  missing?: Set<string>,
): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) {
      missing?.add(name);
      return whole;
    }
    return v;
  });
}

/** The placeholders a text uses. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** A matcher with every string in it interpolated. */
function bind<T>(value: T, vars: Readonly<Record<string, string>>, missing: Set<string>): T {
  if (typeof value === 'string') return interpolate(value, vars, missing) as T;
  if (Array.isArray(value)) return value.map((v) => bind(v, vars, missing)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = bind(v, vars, missing);
    return out as T;
  }
  return value;
}

// ---- objects -------------------------------------------------------------------------------------

export interface ParsedRef {
  kind: string;
  resource: string;
  namespace?: string;
  name: string;
  /** The name ends in `*`: `name` is a prefix. */
  prefix: boolean;
  /** A namespaced kind named without a namespace: every namespace. */
  anyNamespace: boolean;
}

export function parseRef(ref: ObjectRef): ParsedRef | undefined {
  const parts = ref.split('/');
  if (parts.length < 2 || parts.length > 3) return undefined;
  const kind = parts[0];
  const resource = RESOURCES[kind];
  if (!resource) return undefined;
  const raw = parts[parts.length - 1];
  const prefix = raw.endsWith('*');
  return {
    kind,
    resource,
    namespace: parts.length === 3 ? parts[1] : undefined,
    name: prefix ? raw.slice(0, -1) : raw,
    prefix,
    anyNamespace: parts.length === 2 && !CLUSTER_SCOPED.has(kind),
  };
}

/** The stored objects a ref names (several for a `*` ref), sorted by name. */
export function findObjects(sim: Simulation, ref: ObjectRef): KObject[] {
  const p = parseRef(ref);
  if (!p) return [];
  const store = sim.state.etcd.data[p.resource] as Record<string, KObject> | undefined;
  if (!store) return [];
  if (p.anyNamespace) {
    return Object.keys(store)
      .filter((k) => {
        const name = k.slice(k.indexOf('/') + 1);
        return p.prefix ? name.startsWith(p.name) : name === p.name;
      })
      .sort()
      .map((k) => store[k]);
  }
  const ns = p.namespace ? `${p.namespace}/` : '';
  if (!p.prefix) {
    const obj = store[`${ns}${p.name}`];
    return obj ? [obj] : [];
  }
  const start = `${ns}${p.name}`;
  return Object.keys(store)
    .filter((k) => k.startsWith(start))
    .sort()
    .map((k) => store[k]);
}

export function findObject(sim: Simulation, ref: ObjectRef): KObject | undefined {
  return findObjects(sim, ref)[0];
}

// ---- paths ---------------------------------------------------------------------------------------

type Segment =
  | { field: string }
  | { index: number }
  | { select: string; value: string }
  | { length: true };

const pathCache = new Map<string, Segment[]>();

export function parsePath(path: FieldPath): Segment[] {
  const cached = pathCache.get(path);
  if (cached) return cached;
  const segs: Segment[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const end = path.indexOf(']', i);
      if (end < 0) throw new Error(`bad path ${path}: unclosed [`);
      const inner = path.slice(i + 1, end);
      i = end + 1;
      if (/^\d+$/.test(inner)) segs.push({ index: Number(inner) });
      else if (/^".*"$/.test(inner)) segs.push({ field: inner.slice(1, -1) });
      else {
        const eq = inner.indexOf('=');
        if (eq < 0) throw new Error(`bad path ${path}: [${inner}] needs field=value`);
        segs.push({ select: inner.slice(0, eq), value: inner.slice(eq + 1) });
      }
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    const name = path.slice(i, j);
    segs.push(name === 'length' && j === path.length ? { length: true } : { field: name });
    i = j;
  }
  pathCache.set(path, segs);
  return segs;
}

/** The value at `path` in `obj`, or undefined. */
export function readPath(obj: unknown, path: FieldPath): unknown {
  let cur: unknown = obj;
  for (const seg of parsePath(path)) {
    if (cur === undefined || cur === null) return undefined;
    if ('length' in seg) {
      if (Array.isArray(cur)) return cur.length;
      if (typeof cur === 'object') return Object.keys(cur).length;
      return undefined;
    }
    if ('index' in seg) {
      cur = Array.isArray(cur) ? cur[seg.index] : undefined;
    } else if ('select' in seg) {
      cur = Array.isArray(cur)
        ? cur.find(
            (e) =>
              e !== null && typeof e === 'object' && String(readPath(e, seg.select)) === seg.value,
          )
        : undefined;
    } else {
      cur = typeof cur === 'object' ? (cur as Record<string, unknown>)[seg.field] : undefined;
    }
  }
  return cur;
}

/** A value as the diff display and failure messages show it. */
export function showValue(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function testField(obj: unknown, t: FieldTest): boolean {
  const v = readPath(obj, t.path);
  if (t.exists !== undefined) return t.exists ? v !== undefined : v === undefined;
  if (t.empty !== undefined) return isEmpty(v) === t.empty;
  if (t.equals !== undefined) return v === t.equals;
  if (t.notEquals !== undefined) return v !== t.notEquals;
  if (t.includes !== undefined) return showValue(v)?.includes(t.includes) ?? false;
  return v !== undefined;
}

/** Absent, null, '' , [] or {}. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

function describeTest(t: FieldTest): string {
  if (t.exists !== undefined) return `${t.path} ${t.exists ? 'exists' : 'is absent'}`;
  if (t.empty !== undefined) return `${t.path} ${t.empty ? 'is empty' : 'is not empty'}`;
  if (t.equals !== undefined) return `${t.path} = ${JSON.stringify(t.equals)}`;
  if (t.notEquals !== undefined) return `${t.path} ≠ ${JSON.stringify(t.notEquals)}`;
  if (t.includes !== undefined) return `${t.path} includes ${JSON.stringify(t.includes)}`;
  return `${t.path} exists`;
}

// ---- trace ---------------------------------------------------------------------------------------

function globMatch(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

export function traceMatches(e: TraceEntry, m: TraceMatch): boolean {
  if (m.kind !== undefined && e.kind !== m.kind) return false;
  if (m.from !== undefined && !globMatch(m.from, e.from)) return false;
  if (m.to !== undefined && !globMatch(m.to, e.to)) return false;
  if (m.object !== undefined && !globMatch(m.object, e.object)) return false;
  if (m.summaryIncludes !== undefined && !e.summary.includes(m.summaryIncludes)) return false;
  if (m.error !== undefined && (e.error ?? false) !== m.error) return false;
  return true;
}

function describeTrace(m: TraceMatch): string {
  const parts: string[] = [];
  if (m.kind) parts.push(m.kind);
  if (m.from || m.to) parts.push(`${m.from ?? '*'} → ${m.to ?? '*'}`);
  if (m.object) parts.push(`[${m.object}]`);
  if (m.summaryIncludes) parts.push(`"…${m.summaryIncludes}…"`);
  if (m.error !== undefined) parts.push(m.error ? '(error)' : '(ok)');
  return parts.join(' ');
}

function showEntry(e: TraceEntry): string {
  return `${e.kind} ${e.from} → ${e.to} [${e.object}] ${e.summary}${e.error ? ' (error)' : ''}`;
}

// ---- evaluation ------------------------------------------------------------------------------

export function describeMatcher(m: Matcher): string {
  if ('trace' in m)
    return `trace: ${describeTrace(m.trace)}${m.atLeast ? ` at least ${m.atLeast}×` : ''}`;
  if ('noTrace' in m) return `no trace: ${describeTrace(m.noTrace)}`;
  if ('field' in m) return `${m.field.object}: ${describeTest(m.field)}`;
  if ('condition' in m)
    return `${m.condition.object}: condition ${m.condition.type}=${m.condition.status}${m.condition.reason ? ` (${m.condition.reason})` : ''}`;
  if ('event' in m)
    return `event ${m.event.type ?? ''}${m.event.type ? ' ' : ''}${m.event.reason} about ${m.event.object}${m.event.messageIncludes ? ` with "…${m.event.messageIncludes}…"` : ''}`;
  if ('count' in m) {
    const c = m.count;
    const where = c.where?.length ? ` where ${c.where.map(describeTest).join(', ')}` : '';
    const bounds = [
      c.equals !== undefined ? `= ${c.equals}` : '',
      c.atLeast !== undefined ? `≥ ${c.atLeast}` : '',
      c.atMost !== undefined ? `≤ ${c.atMost}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `count ${c.objects}${where} ${bounds}`;
  }
  if ('output' in m) {
    const o = m.output;
    return [
      o.includes !== undefined ? `output includes ${JSON.stringify(o.includes)}` : '',
      o.excludes !== undefined ? `output excludes ${JSON.stringify(o.excludes)}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
  }
  const el = m.elapsed;
  return `elapsed ${el.atLeastMs !== undefined ? `≥ ${el.atLeastMs} ms` : ''}${el.atLeastMs !== undefined && el.atMostMs !== undefined ? ' and ' : ''}${el.atMostMs !== undefined ? `≤ ${el.atMostMs} ms` : ''}`;
}

export function evaluate(raw: Matcher, ctx: MatchContext): MatchResult {
  const missing = new Set<string>();
  const m = bind(raw, ctx.vars, missing);
  const description = describeMatcher(m);
  if (missing.size > 0)
    return { ok: false, description, actual: `no value for {${[...missing].join('}, {')}}` };
  const fail = (actual: string): MatchResult => ({ ok: false, description, actual });
  const pass: MatchResult = { ok: true, description };

  if ('trace' in m) {
    const n = ctx.trace.filter((e) => traceMatches(e, m.trace)).length;
    if (n >= (m.atLeast ?? 1)) return pass;
    return fail(`${n} matching of ${ctx.trace.length} entries in this step`);
  }
  if ('noTrace' in m) {
    const hit = ctx.trace.find((e) => traceMatches(e, m.noTrace));
    return hit ? fail(`found: ${showEntry(hit)}`) : pass;
  }
  if ('field' in m) {
    const objs = findObjects(ctx.sim, m.field.object);
    if (objs.length === 0) {
      // An absent object has no fields: "exists: false" holds.
      return m.field.exists === false ? pass : fail('no such object');
    }
    if (objs.some((o) => testField(o, m.field))) return pass;
    return fail(objs.map((o) => showValue(readPath(o, m.field.path)) ?? '(absent)').join(', '));
  }
  if ('condition' in m) {
    const c = m.condition;
    const objs = findObjects(ctx.sim, c.object);
    if (objs.length === 0) return fail('no such object');
    const found = objs.map(
      (o) =>
        readPath(o, `status.conditions[type=${c.type}]`) as
          | { status?: string; reason?: string }
          | undefined,
    );
    if (
      found.some((f) => f?.status === c.status && (c.reason === undefined || f.reason === c.reason))
    )
      return pass;
    return fail(
      found
        .map((f) => (f ? `${f.status}${f.reason ? ` (${f.reason})` : ''}` : '(none)'))
        .join(', '),
    );
  }
  if ('event' in m) {
    const e = m.event;
    const target = parseRef(e.object);
    if (!target) return fail(`bad object ref ${e.object}`);
    const events = Object.values((ctx.sim.state.etcd.data.events ?? {}) as Record<string, KObject>);
    const about = events.filter((ev) => {
      const io = ev.involvedObject ?? {};
      if (String(io.kind ?? '').toLowerCase() !== target.kind) return false;
      if (target.namespace !== undefined && (io.namespace ?? 'default') !== target.namespace)
        return false;
      const name = String(io.name ?? '');
      return target.prefix ? name.startsWith(target.name) : name === target.name;
    });
    const hit = about.find(
      (ev) =>
        ev.reason === e.reason &&
        (e.type === undefined || ev.type === e.type) &&
        (e.messageIncludes === undefined || String(ev.message).includes(e.messageIncludes)),
    );
    if (hit) return pass;
    return fail(
      about.length
        ? `events about it: ${[...new Set(about.map((ev) => ev.reason))].join(', ')}`
        : 'no events about it',
    );
  }
  if ('count' in m) {
    const c = m.count;
    const n = findObjects(ctx.sim, c.objects).filter((o) =>
      (c.where ?? []).every((t) => testField(o, t)),
    ).length;
    const ok =
      (c.equals === undefined || n === c.equals) &&
      (c.atLeast === undefined || n >= c.atLeast) &&
      (c.atMost === undefined || n <= c.atMost);
    return ok ? pass : fail(`${n}`);
  }
  if ('output' in m) {
    const o = m.output;
    const ok =
      (o.includes === undefined || ctx.transcript.includes(o.includes)) &&
      (o.excludes === undefined || !ctx.transcript.includes(o.excludes));
    return ok ? pass : fail(`output was:\n${ctx.transcript}`);
  }
  const el = m.elapsed;
  const ok =
    (el.atLeastMs === undefined || ctx.elapsedMs >= el.atLeastMs) &&
    (el.atMostMs === undefined || ctx.elapsedMs <= el.atMostMs);
  return ok ? pass : fail(`${ctx.elapsedMs} ms`);
}

/** Every matcher's result; `ok` when all hold. */
export function evaluateAll(
  matchers: readonly Matcher[],
  ctx: MatchContext,
): { ok: boolean; results: MatchResult[] } {
  const results = matchers.map((m) => evaluate(m, ctx));
  return { ok: results.every((r) => r.ok), results };
}

/** A failed matcher as one readable line. */
export function formatFailure(r: MatchResult): string {
  return `expected ${r.description}${r.actual !== undefined ? `; found ${r.actual}` : ''}`;
}

/** A variable's value now, or undefined when nothing matches yet. */
export function resolveVar(
  sim: Simulation,
  ref: VarRef,
  vars: Readonly<Record<string, string>>,
): string | undefined {
  const missing = new Set<string>();
  const b = bind(ref, vars, missing);
  if (missing.size > 0) return undefined;
  for (const o of findObjects(sim, b.object)) {
    if (!(b.where ?? []).every((t) => testField(o, t))) continue;
    const v = readPath(o, b.path);
    if (v !== undefined && v !== null) return showValue(v);
  }
  return undefined;
}

/** `path` read from the object a ref names (first match), for the diff display. */
export function readRef(sim: Simulation, ref: ObjectRef, path: FieldPath): string | undefined {
  const obj = findObject(sim, ref);
  return obj ? showValue(readPath(obj, path)) : undefined;
}
