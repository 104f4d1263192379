/**
 * `npm run fuzz -- --seeds 10000 [--from 1] [--steps 40] [--shrink]`: the simulation fuzzer
 * (src/engine/testing/fuzz.ts) over a long run of seeds, one after another in this process.
 * Prints a progress line every so often, each failing seed the moment it fails with a one-line
 * replay command, and at the end (or on Ctrl-C) the totals and the `--from` that resumes the run.
 * Exit status 1 when a seed failed, 130 when interrupted. Not in CI: 10,000 seeds take hours.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { formatFailure, runFuzz, shrinkFuzz } from '../engine/testing/fuzz';

const USAGE = 'usage: npm run fuzz -- [--seeds N] [--from SEED] [--steps N] [--shrink]';
/** A progress line at most this often (and after the last seed). */
const PROGRESS_EVERY_MS = 30_000;

function positiveInt(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw new Error(`--${name} must be a positive integer: ${text}`);
  return n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return m < 60
    ? `${m} min ${Math.round((ms % 60_000) / 1000)} s`
    : `${Math.floor(m / 60)} h ${m % 60} min`;
}

function main(argv: string[]): number {
  let opts: { seeds: number; from: number; steps: number; shrink: boolean };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        seeds: { type: 'string' },
        from: { type: 'string' },
        steps: { type: 'string' },
        shrink: { type: 'boolean' },
      },
    });
    opts = {
      seeds: positiveInt('seeds', values.seeds, 100),
      from: positiveInt('from', values.from, 1),
      steps: positiveInt('steps', values.steps, 40),
      shrink: values.shrink ?? false,
    };
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { seeds, from, steps } = opts;
  const last = from + seeds - 1;
  // The vitest replay reads FUZZ_STEPS; say it only when it is not the default.
  const stepsEnv = steps === 40 ? '' : `FUZZ_STEPS=${steps} `;
  const times: number[] = [];
  const failed: number[] = [];
  const started = performance.now();
  let lastProgress = started;
  let next = from;

  const summary = (): string => {
    const done = times.length;
    const wall = performance.now() - started;
    const lines = [
      `fuzz: ${done} seeds (${from}..${from + done - 1}) in ${duration(wall)}, median ${done ? (median(times) / 1000).toFixed(2) : '-'} s a seed, slowest ${done ? (Math.max(...times) / 1000).toFixed(2) : '-'} s, ${failed.length} failed${failed.length ? `: ${failed.join(' ')}` : ''}`,
    ];
    if (next <= last)
      lines.push(
        `resume: npm run fuzz -- --from ${next} --seeds ${last - next + 1}${steps === 40 ? '' : ` --steps ${steps}`}`,
      );
    return `${lines.join('\n')}\n`;
  };
  process.on('SIGINT', () => {
    process.stdout.write(`\ninterrupted during seed ${next}\n${summary()}`);
    process.exit(130);
  });

  process.stdout.write(`fuzz: seeds ${from}..${last}, ${steps} commands each\n`);
  for (; next <= last; next++) {
    const t0 = performance.now();
    const result = runFuzz(next, { steps });
    const t1 = performance.now();
    times.push(t1 - t0);
    if (!result.ok) {
      failed.push(next);
      const shown = opts.shrink ? shrinkFuzz(result) : result;
      process.stdout.write(
        `FAIL seed ${next}: ${result.violation.split('\n')[0].slice(0, 300)}\n  repro: ${stepsEnv}FUZZ_SEED=${next} npx vitest run src/engine/testing/fuzz.test.ts\n${formatFailure(
          shown,
        )
          .split('\n')
          .slice(1)
          .map((l) => `  ${l}`)
          .join('\n')}\n`,
      );
    }
    if (t1 - lastProgress >= PROGRESS_EVERY_MS && next < last) {
      lastProgress = t1;
      const done = times.length;
      const etaMs = ((t1 - started) / done) * (last - next);
      process.stdout.write(
        `  ${done}/${seeds} seeds, at ${next}, ${failed.length} failed, median ${(median(times) / 1000).toFixed(2)} s, about ${duration(etaMs)} left\n`,
      );
    }
  }
  process.stdout.write(summary());
  return failed.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
