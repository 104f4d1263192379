import { useCallback } from 'react';
import { type Params, translate } from '../i18n';
import { useSim } from '../store';

/** `t(key, params)` in the learner's language (re-renders when the language changes). */
export function useT(): (key: string, params?: Params) => string {
  const locale = useSim((s) => s.prefs.locale);
  return useCallback((key: string, params?: Params) => translate(locale, key, params), [locale]);
}
