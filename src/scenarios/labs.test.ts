/**
 * Lab twins: each walkthrough as a lab script under src/scenarios/labs/, so a teacher can run it
 * headless (`npm run --silent lab -- src/scenarios/labs/pod-creation.lab`). The scripts are the
 * lines the walkthrough runs (with `until` as the wait it took) and each step's first sentence.
 * This test fails when a walkthrough and its twin drift apart; regenerate them with
 * `UPDATE_LABS=1 npx vitest run src/scenarios/labs.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { walkthroughsEn } from '../i18n/walkthroughs.en';
import { walkthroughs } from './list';
import { clusterLine, type LabLineRecord, WalkthroughSession } from './runner';
import type { Walkthrough } from './schema';

const dir = new URL('./labs/', import.meta.url);

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

/** The walkthrough's lab scripts: one per cluster it runs on. */
function twins(w: Walkthrough): { name: string; text: string }[] {
  const session = new WalkthroughSession(w, { strict: true });
  const steps = session.computeAll();
  const scripts: { name: string; text: string }[] = [];
  const header = (cluster: string) =>
    `# ${walkthroughsEn[w.titleKey]}: ${walkthroughsEn[w.summaryKey]}\n` +
    '# Generated from src/scenarios (labs.test.ts); the walkthrough is the source.\n' +
    `${cluster}\n`;
  const lines = (records: LabLineRecord[], kinds: LabLineRecord['kind'][]) =>
    records
      .filter((r) => kinds.includes(r.kind))
      .map((r) => `${r.line}\n`)
      .join('');
  let text = header(clusterLine(w.cluster)) + lines(session.initial.lines, ['setup']);
  let name = w.id;
  steps.forEach((cp, i) => {
    const step = w.steps[i];
    if (step.freshCluster) {
      scripts.push({ name, text });
      name = `${w.id}-${step.id}`;
      text = header(clusterLine(step.freshCluster.cluster)) + lines(cp.lines, ['setup']);
    }
    const said = firstSentence(walkthroughsEn[step.narrationKey]).replace(
      /\{(\w+)\}/g,
      (m, v) => cp.vars[v] ?? m,
    );
    text += `\n# ${i + 1}. ${said}\n${lines(cp.lines, ['command', 'until'])}`;
  });
  scripts.push({ name, text });
  return scripts;
}

describe('lab twins', () => {
  const all = walkthroughs.flatMap((w) => twins(w).map((t) => ({ ...t, w })));

  it.each(all.map((t) => [t.name, t] as const))('%s.lab matches its walkthrough', (_n, t) => {
    const url = new URL(`${t.name}.lab`, dir);
    if (process.env.UPDATE_LABS) writeFileSync(url, t.text);
    expect(readFileSync(url, 'utf8')).toBe(t.text);
    for (const [path, body] of Object.entries(t.w.files ?? {})) {
      const file = new URL(path, dir);
      if (process.env.UPDATE_LABS) writeFileSync(file, body);
      expect(readFileSync(file, 'utf8')).toBe(body);
    }
  });
});
