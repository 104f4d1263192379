import { describe, expect, it } from 'vitest';
import { messageKeys, translate } from './index';

describe('message catalogues', () => {
  it('have the same keys in English and 繁體中文', () => {
    expect(messageKeys('zh-TW').sort()).toEqual(messageKeys('en').sort());
  });

  it('translate every key to a non-empty string in both languages', () => {
    for (const key of messageKeys('en')) {
      expect(translate('en', key).trim(), key).not.toBe('');
      expect(translate('zh-TW', key).trim(), key).not.toBe('');
    }
  });

  it('keep the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of messageKeys('en')) {
      expect(placeholders(translate('zh-TW', key)), key).toEqual(
        placeholders(translate('en', key)),
      );
    }
  });

  it('use Traditional characters, not Simplified ones', () => {
    // Characters that differ between the scripts and are common in this app's vocabulary.
    const simplified = /[这个们来时说对点击应设计务节执调务]/;
    for (const key of messageKeys('zh-TW')) {
      expect(translate('zh-TW', key), key).not.toMatch(simplified);
    }
  });

  it('fill placeholders and fall back to the key', () => {
    expect(translate('en', 'playback.inputs', { count: 3 })).toBe('3 inputs on this timeline');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
