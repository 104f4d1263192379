/**
 * `npm run --silent lab -- FILE`: run a lab script on the headless engine and print its
 * transcript. The only place lab files touch a real file system: manifest paths in the script
 * are resolved against the script's own folder.
 */

import { once } from 'node:events';
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { createSimulation } from '../engine';
import { labSteps } from '../engine/lab';

/** Past this a manifest is not read at all (kubectl's decoder refuses anything over 1 MiB). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1) {
    process.stderr.write('usage: npm run --silent lab -- FILE\n');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `lab: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
    );
    return 2;
  }
  const base = dirname(resolve(file));
  const locate = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const steps = labSteps(text, {
    createHost: ({ workers, proxyMode, seed }) => createSimulation({ workers, proxyMode, seed }),
    readFile(path) {
      try {
        const stat = statSync(locate(path));
        if (!stat.isFile()) return undefined;
        // An absurdly large file is still "too large", without reading it into memory.
        if (stat.size > MAX_READ_BYTES) return ' '.repeat(1024 * 1024 + 1);
        return readFileSync(locate(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    listDir(path) {
      try {
        if (!statSync(locate(path)).isDirectory()) return undefined;
        return readdirSync(locate(path), { withFileTypes: true }).map((d: Dirent) =>
          d.isDirectory() ? `${d.name}/` : d.name,
        );
      } catch {
        return undefined;
      }
    },
  });
  // Each line's transcript goes out as soon as it has run; waiting for a full pipe to drain keeps
  // memory bounded whatever the script's length (the transcript as one string once overflowed).
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (!process.stdout.write(step.value)) await once(process.stdout, 'drain');
  }
}

// A reader that stops early (`| head`) closes the pipe: stop quietly, as a shell command would.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
process.exitCode = await main(process.argv.slice(2));
