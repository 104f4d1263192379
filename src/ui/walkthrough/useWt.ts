import { useCallback } from 'react';
import { type Params, translate } from '../../i18n';
import { playerEn } from '../../i18n/player.en';
import { playerZhTW } from '../../i18n/player.zhTW';
import { walkthroughsEn } from '../../i18n/walkthroughs.en';
import { walkthroughsZhTW } from '../../i18n/walkthroughs.zhTW';
import { useSim } from '../../store';

const catalogues: Record<string, Record<string, string>> = {
  en: { ...walkthroughsEn, ...playerEn },
  'zh-TW': { ...walkthroughsZhTW, ...playerZhTW },
};

function fill(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{([\w-]+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

/** `t(key, params)` for the walkthrough texts and the player's strings (others: the app's). */
export function useWt(): (key: string, params?: Params) => string {
  const locale = useSim((s) => s.prefs.locale);
  return useCallback(
    (key: string, params?: Params) => {
      const text = catalogues[locale]?.[key] ?? catalogues.en[key];
      return text === undefined ? translate(locale, key, params) : fill(text, params);
    },
    [locale],
  );
}
