/**
 * The headless check of every walkthrough: each step's expectations hold on the engine, going
 * back restores the exact state, going forward again gives the same bytes, the narration exists
 * in both languages with the placeholders the run provides, highlights name real things, and the
 * whole transcript replays as a lab script.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, runLab } from '../engine';
import { walkthroughsEn } from '../i18n/walkthroughs.en';
import { walkthroughsZhTW } from '../i18n/walkthroughs.zhTW';
import { walkthroughById, walkthroughs } from './index';
import { findObjects, interpolate, placeholders } from './matchers';
import { type StepCheckpoint, WalkthroughSession } from './runner';
import type { Walkthrough, WalkthroughMessageKey } from './schema';

const en: Record<string, string> = walkthroughsEn;
const zh: Record<string, string> = walkthroughsZhTW;

function keysOf(w: Walkthrough): WalkthroughMessageKey[] {
  const keys: WalkthroughMessageKey[] = [w.titleKey, w.summaryKey];
  for (const s of w.steps) {
    keys.push(s.narrationKey);
    if (s.bendsKey) keys.push(s.bendsKey);
    if (s.predict) keys.push(s.predict.questionKey, ...s.predict.choices.map((c) => c.key));
  }
  return keys;
}

/** Characters that exist only in Simplified Chinese (their Traditional forms differ). */
const SIMPLIFIED =
  /[这们个时为务节点说对进发过还从应该与实现开关门问间网络数据单厨师经员请录签标调态动东车长备启拟侦误让]/;

describe('walkthrough list', () => {
  it('has the seven walkthroughs, unique URL slugs, and finds them by id', () => {
    expect(walkthroughs.map((w) => w.id)).toEqual([
      'pod-creation',
      'apiserver-down',
      'node-lost',
      'seating-chart',
      'new-kitchen',
      'control-plane-taint',
      'cook-debug',
    ]);
    for (const w of walkthroughs) {
      expect(w.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(walkthroughById(w.id)).toBe(w);
      const ids = w.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(walkthroughById('nope')).toBeUndefined();
    expect(walkthroughById('pod-creation')?.steps.length).toBeGreaterThanOrEqual(10);
  });

  it('uses every catalogue key, and every key it uses exists in both languages', () => {
    const used = new Set(walkthroughs.flatMap(keysOf));
    for (const k of used) {
      expect(en[k], k).toBeTruthy();
      expect(zh[k], k).toBeTruthy();
    }
    expect(Object.keys(en).filter((k) => !used.has(k as WalkthroughMessageKey))).toEqual([]);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('writes 繁體中文 with the same placeholders as the English', () => {
    for (const k of Object.keys(en)) {
      expect(zh[k], k).not.toMatch(SIMPLIFIED);
      expect(placeholders(zh[k]).sort(), k).toEqual(placeholders(en[k]).sort());
    }
  });
});

describe.each(walkthroughs.map((w) => [w.id, w] as const))('walkthrough %s', (_id, w) => {
  it('holds at every step, forward, back and forward again', () => {
    const session = new WalkthroughSession(w, { strict: true });
    const forward = session.computeAll();
    expect(forward).toHaveLength(w.steps.length);
    for (const cp of forward) expect(cp.failures, cp.stepId).toEqual([]);

    // Every placeholder of a step's texts has a value after that step.
    forward.forEach((cp, i) => {
      const step = w.steps[i];
      const texts = [step.narrationKey, step.bendsKey, step.predict?.questionKey]
        .filter((k): k is WalkthroughMessageKey => k !== undefined)
        .flatMap((k) => [en[k], zh[k]]);
      for (const name of texts.flatMap(placeholders))
        expect(cp.vars[name], `${cp.stepId}: {${name}}`).toBeDefined();
    });

    // Back, one step at a time: the exact state of each step; highlights name real things.
    for (let i = w.steps.length - 1; i >= -1; i--) {
      const cp = session.goTo(i);
      expect(session.sim.snapshot(), `back to ${i}`).toBe(cp.snapshot);
      if (i < 0) continue;
      const actors = new Set(session.sim.traceEntries().flatMap((e) => [e.from, e.to]));
      for (const raw of w.steps[i].highlight) {
        const id = interpolate(raw, cp.vars);
        const known = actors.has(id) || findObjects(session.sim, id).length > 0;
        expect(known, `${w.steps[i].id}: highlight ${id}`).toBe(true);
      }
    }

    // Forward again, recomputing each step from the checkpoint before it: same bytes.
    for (let i = 0; i < w.steps.length; i++) {
      const again = session.replayStep(i);
      const kept = session.checkpoint(i) as StepCheckpoint;
      expect(again.snapshot === kept.snapshot, `step ${i} snapshot`).toBe(true);
      expect(again.transcript).toBe(kept.transcript);
      expect(again.trace).toEqual(kept.trace);
      expect(again.diff).toEqual(kept.diff);
      expect(again.failures).toEqual([]);
    }
  });

  it('replays as a lab script with the same transcript', () => {
    const session = new WalkthroughSession(w, { strict: true });
    const all = [session.initial, ...session.computeAll()].map((c) => c.transcript).join('');
    // A fresh-cluster step starts a new lab script.
    const segments = all.split(/(?=^\$ cluster )/m);
    for (const segment of segments) {
      const script = segment
        .split('\n')
        .filter((l) => l.startsWith('$ '))
        .map((l) => l.slice(2))
        .join('\n');
      const files = w.files ?? {};
      const lab = runLab(script, {
        createHost: (spec) =>
          createSimulation({ workers: spec.workers, proxyMode: spec.proxyMode, seed: spec.seed }),
        readFile: (p) => files[p],
      });
      expect(lab.exitCode).toBe(0);
      expect(lab.transcript).toBe(segment);
    }
  });
});
