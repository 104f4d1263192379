/**
 * Write a long lab script (default 50,000 lines) for the lab runner's memory check:
 *
 *   npx tsx scripts/long-lab.ts 50000 > /tmp/long.lab
 *   /usr/bin/time -v npm run --silent lab -- /tmp/long.lab > /tmp/long.out
 *
 * The runner writes each line's transcript as it goes, so the maximum resident size stays flat
 * however long the script is (see src/engine/lab/README.md).
 */
import { longLabScript } from '../src/engine/lab/longScript';

const lines = Number(process.argv[2] ?? 50_000);
if (!Number.isInteger(lines) || lines < 1) {
  process.stderr.write('usage: npx tsx scripts/long-lab.ts [LINES]\n');
  process.exitCode = 2;
} else {
  process.stdout.write(longLabScript(lines));
}
