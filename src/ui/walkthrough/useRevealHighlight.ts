import { type RefObject, useEffect } from 'react';
import { useSim, useSimStore } from '../../store';
import { revealInScene } from './reveal';

const REDUCE_QUERY = '(prefers-reduced-motion: reduce)';

/**
 * When a step changes what the scene highlights, scroll the highlighted parts into view: inside
 * the scene and on the page, above `sheet` (the walkthrough sheet, when shown). A part the scene
 * has not drawn yet (a pod about to appear) is looked for again for about a second.
 */
export function useRevealHighlight(sheet: RefObject<HTMLElement | null>): void {
  const store = useSimStore();
  const highlight = useSim((s) => s.highlight);
  useEffect(() => {
    if (highlight.length === 0) return;
    let tries = 0;
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = () => {
      const scene = document.getElementById('scene');
      const motion = store.getState().prefs.motion;
      const reduce =
        motion === 'reduce' || (motion === 'system' && window.matchMedia(REDUCE_QUERY).matches);
      const inset = sheet.current?.offsetHeight ?? 0;
      if (scene && revealInScene(scene, highlight, inset, reduce ? 'auto' : 'smooth')) return;
      tries++;
      if (tries < 10)
        timer = setTimeout(() => {
          frame = requestAnimationFrame(attempt);
        }, 100);
    };
    // After the scene has drawn the step (it renders from the same store update).
    frame = requestAnimationFrame(attempt);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [highlight, store, sheet]);
}
