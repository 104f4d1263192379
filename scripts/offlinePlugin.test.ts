import { describe, expect, it } from 'vitest';
import { serviceWorkerSource } from './offlinePlugin';

describe('the offline service worker', () => {
  it('lists the files it caches and names its cache for them', () => {
    const a = serviceWorkerSource(['./', 'assets/index-a.js']);
    const b = serviceWorkerSource(['./', 'assets/index-b.js']);
    expect(a).toContain('const FILES = ["./","assets/index-a.js"];');
    const cacheOf = (src: string) => /const CACHE = "(kube-kitchen-[0-9a-f]{8})";/.exec(src)?.[1];
    expect(cacheOf(a)).toBeDefined();
    expect(cacheOf(a)).not.toBe(cacheOf(b));
    expect(cacheOf(serviceWorkerSource(['./', 'assets/index-a.js']))).toBe(cacheOf(a));
    // It parses as a script.
    expect(() => new Function(a)).not.toThrow();
  });
});
