import { useEffect } from 'react';
import { walkthroughById } from '../../scenarios/list';
import { useSimStore } from '../../store';
import { useWalkthroughSlice } from './useWalkthrough';

/**
 * `?walkthrough=pod-creation&step=3` (steps counted from 1; 0 is before the first step): a
 * reload or a shared link opens the same step; the URL follows the learner (replaceState).
 */
export function useWalkthroughUrl(): void {
  const sim = useSimStore();
  const store = useWalkthroughSlice();
  useEffect(() => {
    if (!store) return;
    const params = new URLSearchParams(location.search);
    const id = params.get('walkthrough');
    if (id !== null) {
      const raw = params.get('step');
      // An empty or malformed step was named in the page's URL notice (app/urlParams.ts).
      const step = raw === null || !/^\d+$/.test(raw) ? 1 : Number(raw);
      const w = walkthroughById(id);
      const ok =
        w !== undefined &&
        Number.isInteger(step) &&
        step >= 0 &&
        step <= w.steps.length &&
        store.getState().start(id, step - 1);
      if (ok) sim.getState().setPanel('walkthrough');
      else if (!sim.getState().notice) sim.getState().setNotice('notice.badUrl');
    }
    return store.subscribe((s, prev) => {
      const c = s.current;
      const p = prev.current;
      if (c?.id === p?.id && c?.index === p?.index) return;
      const url = new URL(location.href);
      if (c) {
        url.searchParams.set('walkthrough', c.id);
        url.searchParams.set('step', String(c.index + 1));
      } else {
        url.searchParams.delete('walkthrough');
        url.searchParams.delete('step');
      }
      if (url.href !== location.href) history.replaceState(history.state, '', url);
    });
  }, [sim, store]);
}
