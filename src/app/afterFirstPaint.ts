/**
 * Run `start` once the page's first contentful paint is on screen, so the engine's download and
 * boot never hold back what the page can show without it. In a hidden tab (nothing is painted)
 * it starts at once; a browser that never reports the paint starts it after `fallbackMs`.
 * Returns a cleanup that cancels a start not yet made, then runs `stop`.
 */
export function afterFirstPaint(
  start: () => void,
  stop: () => void,
  fallbackMs = 1000,
): () => void {
  let started = false;
  let observer: PerformanceObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const go = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    clearTimeout(timer);
    start();
  };
  if (
    document.visibilityState === 'hidden' ||
    !PerformanceObserver.supportedEntryTypes?.includes('paint')
  ) {
    go();
  } else {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) go();
    });
    observer.observe({ type: 'paint', buffered: true });
    timer = setTimeout(go, fallbackMs);
  }
  return () => {
    started = true;
    observer?.disconnect();
    clearTimeout(timer);
    stop();
  };
}
