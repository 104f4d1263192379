// The worker's side of a huge Deployment (issue 12 row 2), in Node: what one playback tick costs
// (engine + frame) and how many bytes the page is sent, at each point of
// `create deployment x` → `scale --replicas=N` → `wait 10m` → `wait 1h`.
//   npx tsx scripts/bench-scale-worker.ts [REPLICAS=100000]
import { performance } from 'node:perf_hooks';
import { createSimStore } from '../src/store/createSimStore';
import { frameDiff } from '../src/store/worker/diff';

const replicas = Number(process.argv[2] ?? 100_000);
const store = createSimStore();
const s = () => store.getState();
s().runLine('kubectl create deployment x --image=nginx');
s().runLine(`kubectl scale deploy x --replicas=${replicas}`);

function measure(label: string) {
  const pods = s().frame.pods;
  const pending = pods.filter((p) => !p.nodeName).length;
  const times: number[] = [];
  const bytes: number[] = [];
  s().play();
  for (let i = 0; i < 30; i++) {
    const before = s().frame;
    const t0 = performance.now();
    s().tick(16);
    times.push(performance.now() - t0);
    const after = s().frame;
    if (after !== before) bytes.push(JSON.stringify(frameDiff(before, after)).length);
  }
  s().pause();
  times.sort((a, b) => a - b);
  bytes.sort((a, b) => a - b);
  const mem = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    `${label.padEnd(10)} pods ${String(pods.length).padStart(6)} pending ${String(pending).padStart(6)}` +
      `  tick p50 ${times[15].toFixed(1)} ms max ${times[29].toFixed(1)} ms` +
      `  diff p50 ${bytes.length ? (bytes[bytes.length >> 1] / 1024).toFixed(0) : '-'} KiB` +
      `  heap ${mem.toFixed(0)} MB`,
  );
}

measure('scaled');
for (const [label, line] of [
  ['+10m', 'wait 10m'],
  ['+1h', 'wait 1h'],
] as const) {
  const t0 = performance.now();
  s().runLine(line);
  console.log(`${line}: ${((performance.now() - t0) / 1000).toFixed(1)} s wall`);
  measure(label);
}
