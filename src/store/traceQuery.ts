import type { TraceEntry } from '../engine';

/**
 * The matches of a trace filter over the store's trace log, found incrementally: a filter asked
 * again (the inspector's, every frame while the clock runs) only looks at the entries added since
 * it was last asked, instead of walking back through a long quiet log each time. Entries are
 * never changed once logged; a log that is replaced (a fork, the cap) starts the scan again.
 */
export class TraceQueries {
  private byFilter = new WeakMap<
    (e: TraceEntry) => boolean,
    { log: TraceEntry[]; scanned: number; matches: number[] }
  >();

  /** The last `limit` entries among the first `visible` of `log` that pass `filter`, oldest first. */
  query(
    log: TraceEntry[],
    visible: number,
    filter: (e: TraceEntry) => boolean,
    limit: number,
  ): TraceEntry[] {
    let q = this.byFilter.get(filter);
    if (!q || q.log !== log || q.scanned > log.length) {
      q = { log, scanned: 0, matches: [] };
      this.byFilter.set(filter, q);
    }
    for (let i = q.scanned; i < log.length; i++) if (filter(log[i])) q.matches.push(i);
    q.scanned = log.length;
    // Matches before the cursor: the log may run ahead of it when the learner scrubs back.
    const m = q.matches;
    let lo = 0;
    let hi = m.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (m[mid] < visible) lo = mid + 1;
      else hi = mid;
    }
    const out: TraceEntry[] = [];
    for (let k = Math.max(0, lo - limit); k < lo; k++) out.push(log[m[k]]);
    return out;
  }
}
