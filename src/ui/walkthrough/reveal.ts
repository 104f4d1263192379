/**
 * Where to scroll so the parts of the scene a step talks about are on screen: pure geometry
 * (`scrollToFit`) and its use on the page (`revealInScene`).
 */

/** An element's extent along one axis, in the same coordinates as the visible range. */
export interface Span {
  start: number;
  end: number;
}

/**
 * How far to scroll (positive: the content moves up / left) so that as many spans as possible lie
 * inside [lo, hi]; among equally good positions, the nearest one. A span longer than the range
 * gets its start at `lo`. Nothing to show, or already shown: 0.
 */
export function scrollToFit(spans: readonly Span[], lo: number, hi: number): number {
  const room = hi - lo;
  if (spans.length === 0 || room <= 0) return 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let best = { count: 0, delta: 0 };
  for (const first of sorted) {
    // The most spans that fit a window starting at this one's start.
    let end = first.end;
    let count = 0;
    for (const s of sorted) {
      if (s.start < first.start || (s !== first && s.end - first.start > room)) continue;
      end = Math.max(end, s.end);
      count++;
    }
    const delta = deltaToShow(first.start, end, lo, hi);
    if (count > best.count || (count === best.count && Math.abs(delta) < Math.abs(best.delta)))
      best = { count, delta };
  }
  return best.delta;
}

function deltaToShow(start: number, end: number, lo: number, hi: number): number {
  if (end - start > hi - lo || start < lo) return start - lo;
  if (end > hi) return end - hi;
  return 0;
}

/** Breathing room between a revealed part and the edge of what is visible. */
const MARGIN = 8;

/**
 * Scroll the scene (when it scrolls inside itself) and then the page so the elements marked
 * `data-select` with one of `ids` are visible, above `bottomInset` px at the bottom of the
 * window (the walkthrough sheet on a narrow screen). Returns false when none is drawn yet.
 */
export function revealInScene(
  scene: HTMLElement,
  ids: readonly string[],
  bottomInset: number,
  behavior: ScrollBehavior,
): boolean {
  const rects: DOMRect[] = [];
  for (const id of ids) {
    for (const el of Array.from(scene.querySelectorAll(`[data-select="${CSS.escape(id)}"]`))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 || r.height > 0) rects.push(r);
    }
  }
  if (rects.length === 0) return false;

  // First inside the scene's own scroll box.
  let dx = 0;
  let dy = 0;
  const box = scene.getBoundingClientRect();
  const top = box.top + scene.clientTop;
  const left = box.left + scene.clientLeft;
  if (scene.scrollHeight > scene.clientHeight)
    dy = scrollToFit(
      rects.map((r) => ({ start: r.top, end: r.bottom })),
      top + MARGIN,
      top + scene.clientHeight - MARGIN,
    );
  if (scene.scrollWidth > scene.clientWidth)
    dx = scrollToFit(
      rects.map((r) => ({ start: r.left, end: r.right })),
      left + MARGIN,
      left + scene.clientWidth - MARGIN,
    );
  if (dx !== 0 || dy !== 0) scene.scrollBy({ left: dx, top: dy, behavior });

  // Then the page, from where the scene's scroll will have put them.
  const shown = rects.map((r) => ({ start: r.top - dy, end: r.bottom - dy }));
  const pageDy = scrollToFit(shown, MARGIN, window.innerHeight - bottomInset - MARGIN);
  if (pageDy !== 0) window.scrollBy({ top: pageDy, behavior });
  return true;
}
