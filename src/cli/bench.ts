/**
 * `npm run bench`: how fast the engine runs on this machine. Prints, per case, the wall time,
 * the simulated time, the events processed, the peak heap (sampled every 5 simulated seconds,
 * garbage included) and the live heap at the end (after a full collection). Cases:
 *   - 3 workers / 30 pods for one simulated hour (the teaching-size cluster, heartbeats and all);
 *   - 1,000 nodes / 30,000 pods and 5,000 nodes / 150,000 pods via Deployments, until every pod
 *     is Running.
 * `BENCH=small` runs only the first case, `BENCH=medium` the first two.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSimulation, type Simulation } from '../engine';

interface Figures {
  name: string;
  wallMs: number;
  simMs: number;
  events: number;
  peakHeapMb: number;
  /** What the finished cluster holds: heap used after a full collection, the simulation alive. */
  liveHeapMb: number;
  pods: number;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function createDeployments(sim: Simulation, total: number, perDeployment: number): void {
  for (let i = 0; i * perDeployment < total; i++) {
    const replicas = Math.min(perDeployment, total - i * perDeployment);
    const res = sim.call({
      verb: 'create',
      resource: 'deployments',
      namespace: 'default',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: `web-${i}` },
        spec: {
          replicas,
          selector: { matchLabels: { app: `web-${i}` } },
          template: {
            metadata: { labels: { app: `web-${i}` } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
          },
        },
      },
    });
    if (!res.ok) throw new Error(`create deployment failed: ${JSON.stringify(res)}`);
  }
}

function runningPods(sim: Simulation): number {
  // Straight over the store: listPods() would copy 150,000 pods into an array every 5 s.
  let n = 0;
  const pods = sim.store('pods');
  for (const key in pods) {
    const pod = pods[key];
    if (pod.metadata?.namespace === 'default' && pod.status?.phase === 'Running') n++;
  }
  return n;
}

/**
 * runningPods(sim) >= n, without a full pass when the answer is no: the default namespace's pod
 * keys from the index, stopping as soon as too many are not Running.
 */
function atLeastRunning(sim: Simulation, n: number): boolean {
  const keys = sim.indexes.byNamespace.get('default')?.get('pods');
  if (!keys || keys.size < n) return false;
  const pods = sim.store('pods');
  let notRunning = 0;
  for (const key of keys) {
    if (pods[key]?.status?.phase !== 'Running' && ++notRunning > keys.size - n) return false;
  }
  return true;
}

function measure(
  name: string,
  body: (peak: () => void) => { sim: Simulation; pods: number },
): Figures {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = heapMb();
  const sample = () => {
    peak = Math.max(peak, heapMb());
  };
  const t0 = performance.now();
  const { sim, pods } = body(sample);
  const wallMs = performance.now() - t0;
  sample();
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapMb = heapMb();
  return {
    name,
    wallMs,
    simMs: sim.nowMs(),
    events: sim.state.processed,
    peakHeapMb: peak,
    liveHeapMb,
    pods,
  };
}

/**
 * The large cases measure the engine's throughput, so they run as scale tests do, with the
 * components' client-side rate limits lifted (--kube-api-qps=-1): with the defaults the
 * ReplicaSet controller's client creates 20 pods a second and 150,000 pods take over two
 * simulated hours of mostly idle heartbeats (BENCH_CLIENT_LIMITS=default measures that).
 */
const LARGE_KUBE_API =
  process.env.BENCH_CLIENT_LIMITS === 'default' ? undefined : { qps: -1, burst: 0 };

function untilAllRunning(workers: number, pods: number, perDeployment: number) {
  return (sample: () => void) => {
    const sim = createSimulation({ workers, seed: 1, kubeApi: LARGE_KUBE_API });
    sample();
    createDeployments(sim, pods, perDeployment);
    const limitMs = sim.nowMs() + 4 * 60 * 60_000;
    while (!atLeastRunning(sim, pods)) {
      if (sim.nowMs() > limitMs)
        throw new Error(
          `not all pods Running after 4 simulated hours (${runningPods(sim)}/${pods})`,
        );
      sim.advanceBy(5_000);
      sample();
    }
    return { sim, pods };
  };
}

const cases: [string, (sample: () => void) => { sim: Simulation; pods: number }][] = [
  [
    '3 workers, 30 pods, 1 simulated hour',
    (sample) => {
      const sim = createSimulation({ workers: 3, seed: 1 });
      createDeployments(sim, 30, 30);
      for (let i = 0; i < 60; i++) {
        sim.advanceBy(60_000);
        sample();
      }
      return { sim, pods: runningPods(sim) };
    },
  ],
];
if (process.env.BENCH !== 'small') {
  cases.push(['1,000 nodes, 30,000 pods, until all Running', untilAllRunning(1000, 30_000, 1000)]);
}
if (process.env.BENCH !== 'small' && process.env.BENCH !== 'medium') {
  cases.push([
    '5,000 nodes, 150,000 pods, until all Running',
    untilAllRunning(5000, 150_000, 1000),
  ]);
}

console.log(
  `kube-kitchen engine bench — Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
);
for (const [name, body] of cases) {
  const f = measure(name, body);
  console.log(
    `${f.name}: wall ${(f.wallMs / 1000).toFixed(2)} s, simulated ${(f.simMs / 1000).toFixed(0)} s, ` +
      `${f.events.toLocaleString('en')} events (${Math.round(f.events / (f.wallMs / 1000)).toLocaleString('en')}/s), ` +
      `peak heap ${f.peakHeapMb.toFixed(0)} MB (live ${f.liveHeapMb.toFixed(0)} MB after a full GC), ` +
      `${f.pods} pods Running`,
  );
}
