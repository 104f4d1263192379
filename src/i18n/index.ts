/**
 * Message catalogues: every string a learner reads, in English and 繁體中文 (Taiwan).
 * Each area keeps its own pair of files (`area.en.ts`, `area.zhTW.ts`, the second typed by the
 * first so a missing translation fails type-checking); this file merges them.
 */
import { kitchenEn } from './kitchen.en';
import { kitchenZhTW } from './kitchen.zhTW';
import { metaphorEn } from './metaphor.en';
import { metaphorZhTW } from './metaphor.zhTW';
import { panelsEn } from './panels.en';
import { panelsZhTW } from './panels.zhTW';
import { uiEn } from './ui.en';
import { uiZhTW } from './ui.zhTW';

export type Locale = 'en' | 'zh-TW';

export const LOCALES: readonly { id: Locale; name: string }[] = [
  { id: 'en', name: 'English' },
  { id: 'zh-TW', name: '繁體中文' },
];

const catalogues: Record<Locale, Record<string, string>> = {
  en: { ...uiEn, ...metaphorEn, ...panelsEn, ...kitchenEn },
  'zh-TW': { ...uiZhTW, ...metaphorZhTW, ...panelsZhTW, ...kitchenZhTW },
};

export type Params = Record<string, string | number>;

/** The message for `key` in `locale`, with `{name}` placeholders filled; the key if missing. */
export function translate(locale: Locale, key: string, params?: Params): string {
  const text = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  );
}

export function hasMessage(key: string): boolean {
  return key in catalogues.en;
}

/** Every key of a locale (for the catalogue tests). */
export function messageKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}
