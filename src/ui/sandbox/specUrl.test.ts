import { describe, expect, it } from 'vitest';
import { specFromUrl } from '../../app/makeStore';
import { withSpec } from './specUrl';

describe('the sandbox link', () => {
  it('is read back as the same cluster, other parameters left alone', () => {
    const url = withSpec(new URL('http://x/?lang=zh&workers=2'), {
      workers: 7,
      proxyMode: 'ipvs',
      seed: 42,
    });
    expect(url.search).toBe('?lang=zh&workers=7&proxy=ipvs&seed=42');
    expect(specFromUrl(url.searchParams)).toEqual({
      spec: { workers: 7, proxyMode: 'ipvs', seed: 42 },
      bad: false,
    });
  });
});
