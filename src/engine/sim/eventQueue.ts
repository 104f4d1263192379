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
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

export function heapPop<M>(heap: Scheduled<M>[]): Scheduled<M> | undefined {
  const top = heap[0];
  if (top === undefined) return undefined;
  const last = heap.pop() as Scheduled<M>;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && less(heap[l], heap[m])) m = l;
      if (r < n && less(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

export function heapPeek<M>(heap: Scheduled<M>[]): Scheduled<M> | undefined {
  return heap[0];
}
