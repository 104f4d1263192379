/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { CSP_HEADER, cspPlugin } from './scripts/csp.ts';
import { offlinePlugin } from './scripts/offlinePlugin.ts';

/**
 * V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints): the engine's chunk is
 * fetched only to boot the cluster at once, which runs most of it, so Chromium compiles all of
 * its functions eagerly while streaming it in, off the main thread, instead of one by one during
 * the boot's long task. Other browsers read a comment. After minification, or it is stripped.
 */
const COMPILE_ALL = '//# allFunctionsCalledOnLoad';

export default defineConfig({
  plugins: [react(), offlinePlugin(), cspPlugin()],
  build: {
    rolldownOptions: {
      output: {
        postBanner: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/src/engine/')) ? COMPILE_ALL : '',
      },
    },
  },
  // The engine's worker (src/store/worker) is an ES module (its compile hint as the page's).
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        postBanner: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('/src/engine/')) ? COMPILE_ALL : '',
      },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
    headers: { 'Content-Security-Policy': CSP_HEADER },
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
