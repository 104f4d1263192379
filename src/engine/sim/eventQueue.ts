/**
 * A binary min-heap of scheduled messages ordered by (atMs, seq). `seq` is unique and breaks
 * ties, so the order never depends on sort stability. The heap is a plain array inside the
 * simulation state, so it serialises with the rest.
 */
export interface Scheduled<M> {
  atMs: number;
  seq: number;
  msg: M;
}

function less<M>(a: Scheduled<M>, b: Scheduled<M>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

export function heapPush<M>(heap: Scheduled<M>[], item: Scheduled<M>): void {
  // Sift up with a hole: the same moves as swapping, with one write per level.
  let i = heap.length;
  heap.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent];
    if (!less(item, p)) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = item;
}

export function heapPop<M>(heap: Scheduled<M>[]): Scheduled<M> | undefined {
  const top = heap[0];
  if (top === undefined) return undefined;
  const last = heap.pop() as Scheduled<M>;
  const n = heap.length;
  if (n > 0) {
    // Sift `last` down from the root with a hole (the same positions as swapping).
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      let child = heap[l];
      if (r < n && less(heap[r], child)) {
        m = r;
        child = heap[r];
      }
      if (!less(child, last)) break;
      heap[i] = child;
      i = m;
    }
    heap[i] = last;
  }
  return top;
}

export function heapPeek<M>(heap: Scheduled<M>[]): Scheduled<M> | undefined {
  return heap[0];
}
