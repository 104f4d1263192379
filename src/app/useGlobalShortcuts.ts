import { useEffect } from 'react';
import { useSimStore } from '../store';

const NO_TEXT = new Set(['checkbox', 'radio', 'range', 'button', 'submit', 'reset', 'color']);

/**
 * Space play/pause, ←/→ step, `?` help. Keys typed into a field, or already handled by a
 * component (the walkthrough player takes ←/→ for its steps and calls preventDefault), are left
 * alone.
 */
export function useGlobalShortcuts(onHelp: () => void): void {
  const store = useSimStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      const typing =
        tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable;
      // `?` types nothing into a checkbox, a radio button or a slider: help opens there too.
      const entersText = typing && !(tag === 'INPUT' && NO_TEXT.has((el as HTMLInputElement).type));
      if (e.key === '?' && !entersText) {
        e.preventDefault();
        onHelp();
        return;
      }
      if (typing) return;
      const s = store.getState();
      if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'A') {
        e.preventDefault();
        s.togglePlay();
      } else if (e.key === 'ArrowRight' && el?.getAttribute('role') !== 'tab') {
        e.preventDefault();
        s.stepForward();
      } else if (e.key === 'ArrowLeft' && el?.getAttribute('role') !== 'tab') {
        e.preventDefault();
        s.stepBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, onHelp]);
}
