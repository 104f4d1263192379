import { useEffect } from 'react';
import { preloadObjectText } from '../ui/inspector/ObjectYaml';

/**
 * Once the kitchen is up and the page is idle, fetch the last lazy chunks (the inspector's YAML
 * printer, the manifest editor) and, in a build, register the service worker that keeps this build for a reload
 * without network (scripts/offlinePlugin.ts): "works offline once loaded".
 */
export function usePreloadWhenIdle(): void {
  useEffect(() => {
    const work = () => {
      preloadObjectText();
      import('../ui/manifest/ManifestDialog').catch(() => {
        // Offline already: the editor says nothing until opened, and loads then.
      });
      if (import.meta.env.PROD && 'serviceWorker' in navigator)
        navigator.serviceWorker.register('./sw.js').catch(() => {
          // No offline copy (a private window, an old browser): the page works as before.
        });
    };
    const idle = window.requestIdleCallback;
    if (idle) {
      const id = idle(work, { timeout: 5_000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(work, 2_000);
    return () => clearTimeout(timer);
  }, []);
}
