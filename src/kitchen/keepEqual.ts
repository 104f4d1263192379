/**
 * Structural sharing for plain JSON values: `next` with every part equal to `prev`'s replaced by
 * `prev`'s own object. The scene's shape and layout are computed afresh when a pod binds; with
 * the unchanged kitchens, stations and boxes kept as the same objects, memoised parts skip their
 * render (a node filling with 110 pods re-rendered every cook of every kitchen for each one).
 */
export function keepEqual<T>(prev: T | undefined, next: T): T {
  if (prev === next || prev === undefined) return next;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null)
    return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(next)) {
    const p = prev as unknown[];
    let same = p.length === next.length;
    const out = next.map((v, i) => {
      const kept = keepEqual(p[i], v);
      if (kept !== p[i]) same = false;
      return kept;
    });
    return (same ? prev : out) as T;
  }
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const keys = Object.keys(n);
  let same = keys.length === Object.keys(p).length;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const kept = keepEqual(p[k], n[k]);
    if (kept !== p[k] || !(k in p)) same = false;
    out[k] = kept;
  }
  return (same ? prev : out) as T;
}
