import { useEffect } from 'react';
import { useWalkthroughStore } from './useWalkthrough';

/**
 * ←/→ go to the previous / next step while a walkthrough is shown, unless focus is in a text
 * field, a select, a slider or a tab list. Runs before the app's own shortcuts (capture) and
 * marks the key handled so they leave it alone.
 */
export function useWalkthroughKeys(): void {
  const store = useWalkthroughStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const s = store.getState();
      if (!s.current) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable)
        return;
      const role = el?.getAttribute('role');
      if (role === 'tab' || role === 'slider' || role === 'radio') return;
      e.preventDefault();
      if (e.key === 'ArrowRight') s.next();
      else s.previous();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store]);
}
