/**
 * The engine bundled into one module (as esbuild and Vite ship it) runs byte for byte as it does
 * from its separate modules: nothing depends on the order modules initialise in, on a table
 * filled at import time, or on function names (which bundling renames).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as engine from '../index';

const LINES = [
  'kubectl create deployment web --image=nginx:1.14.2 --replicas=30',
  'kubectl expose deployment web --port=80',
  'kubectl run typo --image=nginx:no-such-tag',
  'kubectl run bb --image=busybox -- sh -c "echo hi; exit 1"',
  'wait 10m',
];

type Engine = typeof engine;

/** The lines through the engine's own lab runner: the transcript, the count of events, the state. */
function run(e: Engine): { transcript: string; processed: number; snapshot: string } {
  const sim = e.createSimulation({ workers: 3, seed: 1 });
  const transcript = LINES.map((line) => e.runLabLine(line, { host: sim }).output).join('\n');
  return { transcript, processed: sim.state.processed, snapshot: sim.snapshot() };
}

const dir = mkdtempSync(join(tmpdir(), 'engine-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled engine', () => {
  it('runs the same as the engine from its modules', async () => {
    const out = join(dir, 'engine.mjs');
    const result = await build({
      entryPoints: [join(import.meta.dirname, '../index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
    });
    writeFileSync(out, result.outputFiles[0].text);
    const bundled = (await import(/* @vite-ignore */ pathToFileURL(out).href)) as Engine;
    const fromModules = run(engine);
    const fromBundle = run(bundled);
    expect(fromBundle.transcript).toBe(fromModules.transcript);
    expect(fromBundle.processed).toBe(fromModules.processed);
    expect(fromBundle.snapshot === fromModules.snapshot).toBe(true);
  }, 120_000);
});
