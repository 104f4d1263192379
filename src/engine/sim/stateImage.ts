/**
 * A copy of the state to restore from, cheaper than a snapshot's JSON: stored objects are never
 * mutated (README: a new version replaces the old one), so an image keeps them by reference and
 * copies only what the engine changes in place (the stores' maps, the components' own state).
 * Taking an image and restoring one each copy that part, about a quarter of the whole on a
 * cluster with events and pods, and parse nothing; images taken in a row share every stored
 * object that did not change between them.
 *
 * An image is a faithful copy of the live state (a key set to undefined stays one), so a
 * restored simulation continues exactly as the live one did; a JSON snapshot continues the
 * same way (the determinism tests hold both to that).
 */
import type { ClusterState } from './state';

export interface StateImage {
  /** The copy: never handed to a simulation itself (restore copies it again), never changed. */
  readonly state: ClusterState;
  /**
   * About what it costs in memory, in characters of JSON (a keyframe budget's unit): what it
   * copied, plus a reference for each stored object it keeps.
   */
  readonly size: number;
}

/**
 * Every object the API server has stored (or a restore found in the store). Not state: a fact
 * about objects that holds wherever they are, since a stored object is never changed again.
 */
const STORED = new WeakSet<object>();

/** `obj` is stored from now on, and never changed again. */
export function markStored(obj: object): void {
  STORED.add(obj);
}

/** Characters of JSON an object or array the image copies stands for, on average. */
const CHARS_PER_COPIED = 96;
/** What a kept reference costs: an entry in a copied map. */
const CHARS_PER_SHARED = 8;

/** An image of `state` (its stored objects shared, the rest copied). */
export function imageOf(state: ClusterState): StateImage {
  const copier = new Copier();
  const copy = copier.copy(state) as ClusterState;
  return {
    state: copy,
    size: copier.copied * CHARS_PER_COPIED + copier.shared * CHARS_PER_SHARED,
  };
}

/** A state of its own to run from `image` (which stays as it was). */
export function stateOf(image: StateImage): ClusterState {
  return copyState(image.state);
}

/**
 * A state of its own from a snapshot's JSON or an image (which stays as it was). The objects
 * JSON makes anew in the store are stored ones, and marked so (an image's already are).
 */
export function stateFrom(from: string | StateImage): ClusterState {
  if (typeof from !== 'string') return stateOf(from);
  const state = JSON.parse(from) as ClusterState;
  for (const objects of Object.values(state.etcd.data))
    for (const key in objects) markStored(objects[key]);
  return state;
}

/** A copy of `state` to run on its own, sharing its stored objects. */
export function copyState(state: ClusterState): ClusterState {
  return new Copier().copy(state) as ClusterState;
}

class Copier {
  copied = 0;
  shared = 0;

  copy(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (STORED.has(value)) {
      this.shared++;
      return value;
    }
    this.copied++;
    if (Array.isArray(value)) {
      const n = value.length;
      const out = new Array(n);
      for (let i = 0; i < n; i++) out[i] = this.copy(value[i]);
      return out;
    }
    // The state is plain data; the stores' maps have no prototype (hashRecord) and keep none.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new Error('state image: the state holds something that is not plain data');
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = proto === null ? Object.create(null) : {};
    for (const key in source) out[key] = this.copy(source[key]);
    return out;
  }
}
