import { useEffect } from 'react';
import { PREFS_KEY, type Prefs, serializePrefs, useSim } from '../store';

/** Save preferences and reflect them on <html>: lang, theme, reduced motion. */
export function usePrefsEffects(): void {
  const prefs = useSim((s) => s.prefs);
  useEffect(() => {
    try {
      localStorage.setItem(PREFS_KEY, serializePrefs(prefs));
    } catch {
      // Storage full or blocked: preferences just don't persist.
    }
    reflectPrefs(prefs);
  }, [prefs]);
}

/** Preferences on <html> (also before the engine has loaded, so the first frame has them). */
export function reflectPrefs(prefs: Prefs): void {
  const root = document.documentElement;
  root.lang = prefs.locale;
  root.dataset.theme = prefs.theme;
  root.dataset.motion = prefs.motion;
  root.dataset.labels = prefs.labels;
}
