/**
 * What crosses from the worker to the page is what changed, and the page keeps the objects that
 * did not: the views memoise on identity (an unchanged pod keeps its view object, so React skips
 * it), and a frame cloned whole would be new objects every time.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { Frame, NodeView, PodView, ServiceView } from '../frame';

/** An append-mostly list: the first `keep` items stay, `add` follow. */
export interface ListDiff<T> {
  keep: number;
  add: T[];
}

export function listDiff<T>(prev: readonly T[], next: readonly T[]): ListDiff<T> {
  let keep = 0;
  const n = Math.min(prev.length, next.length);
  while (keep < n && prev[keep] === next[keep]) keep++;
  return { keep, add: next.slice(keep) };
}

export function applyListDiff<T>(prev: readonly T[], d: ListDiff<T>): T[] {
  return d.keep === prev.length ? [...prev, ...d.add] : [...prev.slice(0, d.keep), ...d.add];
}

/** A keyed list: the keys in order when they changed, and the items that are new objects. */
export interface KeyedDiff<T> {
  keys?: string[];
  items: [string, T][];
}

function keyedDiff<T>(
  prev: readonly T[],
  next: readonly T[],
  keyOf: (item: T) => string,
): KeyedDiff<T> {
  const before = new Map<string, T>();
  for (const item of prev) before.set(keyOf(item), item);
  const items: [string, T][] = [];
  let sameKeys = prev.length === next.length;
  for (let i = 0; i < next.length; i++) {
    const item = next[i];
    const key = keyOf(item);
    if (sameKeys && keyOf(prev[i]) !== key) sameKeys = false;
    if (before.get(key) !== item) items.push([key, item]);
  }
  return sameKeys ? { items } : { keys: next.map(keyOf), items };
}

function applyKeyedDiff<T>(prev: readonly T[], d: KeyedDiff<T>, keyOf: (item: T) => string): T[] {
  if (d.items.length === 0 && !d.keys) return prev as T[];
  const changed = new Map(d.items);
  if (!d.keys) return prev.map((item) => changed.get(keyOf(item)) ?? item);
  const before = new Map<string, T>();
  for (const item of prev) before.set(keyOf(item), item);
  return d.keys.map((key) => {
    const item = changed.get(key) ?? before.get(key);
    if (item === undefined) throw new Error(`frame diff: no item ${key}`);
    return item;
  });
}

const nodeKey = (n: NodeView) => n.name;
const itemKey = (p: PodView | ServiceView) => p.key;
const eventKey = (e: Event) =>
  e.metadata?.uid ?? `${e.metadata?.namespace ?? ''}/${e.metadata?.name ?? ''}`;

/** A frame as the change from the one before it (or whole, for the first). */
export interface FrameDiff {
  rest: Omit<Frame, 'nodes' | 'pods' | 'services' | 'events'>;
  nodes: KeyedDiff<NodeView>;
  pods: KeyedDiff<PodView>;
  services: KeyedDiff<ServiceView>;
  events: KeyedDiff<Event>;
}

const EMPTY: Pick<Frame, 'nodes' | 'pods' | 'services' | 'events'> = {
  nodes: [],
  pods: [],
  services: [],
  events: [],
};

export function frameDiff(prev: Frame | null, next: Frame): FrameDiff {
  const p = prev ?? EMPTY;
  const { nodes, pods, services, events, ...rest } = next;
  return {
    rest,
    nodes: keyedDiff(p.nodes, nodes, nodeKey),
    pods: keyedDiff(p.pods, pods, itemKey),
    services: keyedDiff(p.services, services, itemKey),
    events: keyedDiff(p.events, events, eventKey),
  };
}

export function applyFrameDiff(prev: Frame | null, d: FrameDiff): Frame {
  const p = prev ?? EMPTY;
  return {
    ...d.rest,
    nodes: applyKeyedDiff(p.nodes, d.nodes, nodeKey),
    pods: applyKeyedDiff(p.pods, d.pods, itemKey),
    services: applyKeyedDiff(p.services, d.services, itemKey),
    events: applyKeyedDiff(p.events, d.events, eventKey),
  };
}
