/**
 * Learner preferences, saved in localStorage. Saved data is untrusted: anything malformed is
 * ignored field by field, and the caller is told so it can show a notice (never a blank page).
 */

export type Locale = 'en' | 'zh-TW';
export type LabelMode = 'kitchen' | 'kubernetes' | 'both';
export type MotionPref = 'system' | 'reduce' | 'full';
export type ThemePref = 'system' | 'light' | 'dark';

export interface Prefs {
  locale: Locale;
  labels: LabelMode;
  motion: MotionPref;
  theme: ThemePref;
  speed: number;
}

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;

export const PREFS_KEY = 'kube-kitchen:prefs';

export function defaultPrefs(browserLanguages: readonly string[] = []): Prefs {
  return {
    locale: localeFromBrowser(browserLanguages),
    labels: 'both',
    motion: 'system',
    theme: 'system',
    speed: 1,
  };
}

/** zh-TW for Chinese (Traditional or unspecified-script) browsers; English otherwise. */
export function localeFromBrowser(languages: readonly string[]): Locale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-TW';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export interface LoadedPrefs {
  prefs: Prefs;
  /** True when saved data existed but some or all of it could not be used. */
  corrupt: boolean;
}

export function parsePrefs(raw: string | null, defaults: Prefs): LoadedPrefs {
  if (raw === null) return { prefs: defaults, corrupt: false };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { prefs: defaults, corrupt: true };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { prefs: defaults, corrupt: true };
  }
  const d = data as Record<string, unknown>;
  let corrupt = false;
  const pick = <T>(key: string, ok: (v: unknown) => v is T, fallback: T): T => {
    if (!(key in d)) return fallback;
    if (ok(d[key])) return d[key];
    corrupt = true;
    return fallback;
  };
  const oneOf =
    <T extends string | number>(values: readonly T[]) =>
    (v: unknown): v is T =>
      values.includes(v as T);
  const prefs: Prefs = {
    locale: pick('locale', oneOf<Locale>(['en', 'zh-TW']), defaults.locale),
    labels: pick('labels', oneOf<LabelMode>(['kitchen', 'kubernetes', 'both']), defaults.labels),
    motion: pick('motion', oneOf<MotionPref>(['system', 'reduce', 'full']), defaults.motion),
    theme: pick('theme', oneOf<ThemePref>(['system', 'light', 'dark']), defaults.theme),
    speed: pick('speed', oneOf<number>(SPEEDS), defaults.speed),
  };
  return { prefs, corrupt };
}

export function serializePrefs(prefs: Prefs): string {
  return JSON.stringify(prefs);
}
