import { defaultPrefs, type LoadedPrefs, PREFS_KEY, parsePrefs } from '../store/prefs';

/**
 * The learner's saved preferences (untrusted: corrupt data gives defaults and `corrupt`), with
 * the browser's language as the default. No engine code: the page reads them before the engine
 * has loaded, so it paints in the learner's language and theme from the first frame.
 */
export function loadSavedPrefs(): LoadedPrefs {
  const defaults = defaultPrefs(navigator.languages ?? [navigator.language]);
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(PREFS_KEY);
  } catch {
    // Storage blocked (private mode, policy): run with defaults.
  }
  return parsePrefs(raw, defaults);
}
