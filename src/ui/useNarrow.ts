import { useSyncExternalStore } from 'react';

/** The one-column layout's breakpoint: keep in step with `@media (max-width: 900px)` in shell.css. */
export const NARROW_QUERY = '(max-width: 900px)';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(NARROW_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

const narrowNow = () => window.matchMedia(NARROW_QUERY).matches;

/** True on a phone or a tablet held upright: the page is one column, scene first. */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, narrowNow, () => false);
}
