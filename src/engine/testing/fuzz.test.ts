/**
 * The simulation fuzzer in CI: a few fixed seeds on every run, a sweep on demand.
 *
 *   FUZZ_SEEDS=200 npx vitest run src/engine/testing/fuzz.test.ts   seeds 1..200 (FUZZ_SEED_BASE moves the start)
 *   FUZZ_SEED=72 npx vitest run src/engine/testing/fuzz.test.ts     replay one seed, print its transcript
 *   FUZZ_STEPS=100 …                                                 longer sessions
 *   FUZZ_SHRINK=1 …                                                  shrink failures before printing them
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/bootstrap';
import { Simulation } from '../sim/simulation';
import {
  convergenceProblems,
  type FuzzResult,
  formatFailure,
  replayFuzz,
  runFuzz,
  shrinkFuzz,
} from './fuzz';
import { checkInvariants } from './invariants';

const env = process.env;
const STEPS = Number(env.FUZZ_STEPS ?? 40);
/** Seeds that pass today; a seed that fails is an engine bug to fix, then to keep here. */
const CI_SEEDS = [2, 3, 4, 5, 6, 7, 8, 9];

function explain(result: FuzzResult): string {
  if (result.ok) return '';
  const shown = env.FUZZ_SHRINK ? shrinkFuzz(result) : result;
  return `\n${formatFailure(shown)}\n`;
}

function expectOk(result: FuzzResult): void {
  if (!result.ok) console.error(explain(result));
  expect(result.ok ? 'ok' : result.violation).toBe('ok');
}

describe.skipIf(env.FUZZ_SEED || env.FUZZ_SEEDS)('fuzz: fixed seeds', () => {
  it.each(CI_SEEDS)('seed %i keeps every invariant and converges after repair', (seed) => {
    expectOk(runFuzz(seed, { steps: STEPS }));
  });

  it('derives the same session from the same seed', () => {
    const a = runFuzz(3, { steps: 12, settleMs: 60_000 });
    const b = runFuzz(3, { steps: 12, settleMs: 60_000 });
    expect(a.commands).toEqual(b.commands);
    expect(replayFuzz(a.commands, { settleMs: 60_000 }).commands).toEqual(a.commands);
  });
});

describe.runIf(env.FUZZ_SEED)('fuzz: one seed', () => {
  it('replays FUZZ_SEED', () => {
    const seed = Number(env.FUZZ_SEED);
    const transcript: string[] = [];
    const result = runFuzz(seed, {
      steps: STEPS,
      log: (line, output) => transcript.push(`$ ${line}`, ...output.split('\n').filter(Boolean)),
    });
    console.log(transcript.join('\n'));
    expectOk(result);
  });
});

describe.runIf(env.FUZZ_SEEDS)('fuzz: sweep', () => {
  it('runs FUZZ_SEEDS seeds', () => {
    const base = Number(env.FUZZ_SEED_BASE ?? 1);
    const failures: string[] = [];
    for (let seed = base; seed < base + Number(env.FUZZ_SEEDS); seed++) {
      const result = runFuzz(seed, { steps: STEPS });
      if (!result.ok) failures.push(explain(result));
    }
    if (failures.length) console.error(failures.join('\n'));
    expect(failures.length).toBe(0);
  }, 3_600_000);
});

/**
 * Engine bugs the fuzzer found, as the shortest sessions that show them (each replays with a
 * fresh liveness phase: repair, uncordon, 10 minutes, convergence). `fixed: false` runs them as
 * expected failures; when one starts "failing", the bug is fixed: set `fixed: true` and the
 * session becomes a regression test.
 */
const FOUND: { bug: string; fixed: boolean; commands: string[] }[] = [
  {
    bug: 'kubelet never re-posts Ready after the node controller marked its pods NotReady',
    fixed: true,
    commands: [
      'cluster workers=1 proxy=iptables seed=1',
      'kubectl create deployment web --image=nginx --replicas=2',
      'wait 30s',
      'break etcd',
      'wait 2m',
    ],
  },
  {
    bug: 'dependents of an owner deleted while the controller manager was down are never collected',
    fixed: true,
    commands: [
      'cluster workers=1 proxy=iptables seed=1',
      'kubectl create deployment web --image=nginx --replicas=2',
      'kubectl expose deployment web --port=80',
      'wait 30s',
      'break controller-manager',
      'kubectl delete service web',
      'kubectl expose deployment web --port=80',
      'kubectl delete pods --all',
    ],
  },
  {
    bug: 'a Deployment re-created while the controller manager was down never gets its pods',
    fixed: true,
    commands: [
      'cluster workers=1 proxy=iptables seed=1',
      'kubectl create deployment web --image=httpd:2.4 --replicas=0',
      'wait 500ms',
      'break controller-manager',
      'kubectl delete deployment web --wait=false',
      'wait 200ms',
      'kubectl create deployment web --image=httpd:2.4 --replicas=1',
    ],
  },
  {
    bug: 'a pod stays Terminating when its final delete failed during a short API server outage',
    fixed: true,
    commands: [
      'cluster workers=1 proxy=iptables seed=1',
      'kubectl run solo --image=nginx',
      'wait 30s',
      'kubectl delete pod solo --wait=false',
      'wait 200ms',
      'break apiserver',
      'wait 1s',
    ],
  },
  {
    bug: 'a container restarted during its readiness delay never becomes ready',
    fixed: true,
    commands: [
      'cluster workers=1 proxy=iptables seed=1',
      'kubectl run warmup --image=nginx',
      'wait 30s',
      'kubectl apply -f probed.yaml',
      'wait 3s',
      'crash probed',
    ],
  },
  {
    bug: 'a restarted kubelet leaves running the containers of pods deleted while it was down',
    fixed: true,
    commands: [
      'cluster workers=1 proxy=iptables seed=1',
      'kubectl run solo --image=nginx',
      'wait 30s',
      'break kubelet worker-1',
      'kubectl delete pod solo --grace-period=0 --force',
    ],
  },
];

describe.skipIf(env.FUZZ_SEED || env.FUZZ_SEEDS)('fuzz: sessions that found engine bugs', () => {
  for (const { bug, fixed, commands } of FOUND) {
    (fixed ? it : it.fails)(bug, () => expectOk(replayFuzz(commands)));
  }
});

describe.skipIf(env.FUZZ_SEED || env.FUZZ_SEEDS)('fuzz: images no pull can fetch', () => {
  it('backs off while they are named, and converges once the liveness phase fixes them', () => {
    const session = [
      'cluster workers=2 proxy=iptables seed=4',
      'kubectl create deployment web --image=nginx:no-such-tag --replicas=5',
      'kubectl run solo --image=registry.example.com/kitchen/secret-sauce:1.0',
      'kubectl create deployment api --image=nginx --replicas=2',
      'wait 40s',
      'kubectl get pods',
      'kubectl set image deployment/api *=kitchen/nope:1',
      'break runtime worker-1',
      'wait 30s',
      'repair runtime worker-1',
      'wait 1m',
    ];
    const seen: string[] = [];
    const result = replayFuzz(session, { log: (line, out) => seen.push(line, out) });
    expectOk(result);
    expect(seen.join('\n')).toMatch(/web-\S+\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    expect(seen.join('\n')).toMatch(/solo\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/);
    expect(result.commands).toContain('kubectl set image deployment/web *=nginx');
    expect(result.commands).toContain('kubectl set image deployment/api *=nginx');
    expect(result.commands).toContain('kubectl set image pod/solo *=nginx');
  });

  it('gives an image that serves its probes to a Deployment set to one that cannot (seed 5790)', () => {
    // web-v2 probes :80; redis listens on 6379 only: never Ready, as on a real cluster.
    const session = [
      'cluster workers=2 proxy=iptables seed=5790',
      'kubectl apply -f web-v2.yaml',
      'wait 20s',
      'kubectl set image deployment/web *=redis',
      'wait 1m',
    ];
    const result = replayFuzz(session);
    expectOk(result);
    expect(result.commands).toContain('kubectl set image deployment/web *=nginx');
  });

  it('reports a container that runs from an image its node does not hold', () => {
    const sim = createSimulation({ workers: 1, seed: 11 });
    sim.advanceBy(20_000);
    const { memo } = checkInvariants(sim);
    const c = Object.values(sim.state.nodes['worker-1'].runtime.containers).find(
      (x) => x.state === 'running',
    );
    if (!c) throw new Error('no running container on worker-1');
    c.image = 'nginx:no-such-tag';
    expect(checkInvariants(sim, memo).violations.join('\n')).toMatch(
      /runs nginx:no-such-tag, not on the node/,
    );
  });
});

describe('the invariant checker', () => {
  function booted(): Simulation {
    const sim = createSimulation({ workers: 2, seed: 11 });
    sim.advanceBy(20_000);
    return sim;
  }

  it('passes a healthy cluster', () => {
    const sim = booted();
    const first = checkInvariants(sim);
    sim.advanceBy(5_000);
    expect(first.violations).toEqual([]);
    expect(checkInvariants(sim, first.memo).violations).toEqual([]);
  });

  it('reports an etcd write that did not come from the API server', () => {
    const sim = booted();
    const { memo } = checkInvariants(sim);
    sim.trace('kubelet/worker-1', 'etcd', 'etcd', 'node/worker-1', 'put /registry/nodes/worker-1');
    expect(checkInvariants(sim, memo).violations.join('\n')).toMatch(
      /etcd written by kubelet\/worker-1/,
    );
  });

  it('reports a revision that went back (a snapshot restored with a lower revision)', () => {
    const sim = booted();
    const { memo } = checkInvariants(sim);
    const state = JSON.parse(sim.snapshot());
    state.etcd.revision -= 5;
    const restored = new Simulation(state);
    const found = checkInvariants(restored, memo).violations.join('\n');
    expect(found).toMatch(/etcd revision went back/);
    expect(found).toMatch(/above etcd revision/);
  });

  it('reports a resourceVersion that went back', () => {
    const sim = booted();
    const { memo } = checkInvariants(sim);
    const lease = sim.store('leases')['kube-node-lease/worker-1'];
    lease.metadata.resourceVersion = '1';
    expect(checkInvariants(sim, memo).violations.join('\n')).toMatch(
      /leases\/kube-node-lease\/worker-1: resourceVersion went back/,
    );
  });

  it('reports a pod that moved to another node, or runs on two', () => {
    const sim = booted();
    const { memo } = checkInvariants(sim);
    const proxy = Object.values(sim.store('pods')).find(
      (p) => p.spec?.nodeName === 'worker-1' && p.metadata.name?.startsWith('kube-proxy-'),
    );
    if (!proxy) throw new Error('no kube-proxy pod on worker-1');
    const uid = proxy.metadata.uid as string;
    proxy.spec.nodeName = 'worker-2';
    const sandbox = sim.state.nodes['worker-1'].runtime.sandboxes[uid];
    sim.state.nodes['worker-2'].runtime.sandboxes[uid] = { ...sandbox, ip: '10.244.2.250' };
    const found = checkInvariants(sim, memo).violations.join('\n');
    expect(found).toMatch(/spec.nodeName changed from worker-1 to worker-2/);
    expect(found).toMatch(/live containers or sandboxes on worker-1 and worker-2/);
    expect(found).toMatch(
      /worker-1 runs pod kube-system\/kube-proxy-\w+, which is bound to worker-2/,
    );
  });

  it('reports two live sandboxes with one pod IP', () => {
    const sim = booted();
    const rt = sim.state.nodes['worker-2'].runtime;
    rt.sandboxes['fake-uid'] = { id: 'f', podUid: 'fake-uid', ip: '10.244.2.9', ready: true };
    rt.sandboxes['fake-uid-2'] = { id: 'g', podUid: 'fake-uid-2', ip: '10.244.2.9', ready: true };
    expect(checkInvariants(sim).violations.join('\n')).toMatch(
      /pod IP 10.244.2.9 held by two live sandboxes/,
    );
  });

  it('reports a scheduled event in the past', () => {
    const sim = booted();
    sim.state.queue[0].atMs = sim.state.nowMs - 1;
    expect(checkInvariants(sim).violations.join('\n')).toMatch(/before now/);
  });

  it('reports a cluster that has not converged', () => {
    const sim = booted();
    sim.breakComponent('node', 'worker-1');
    sim.advanceBy(120_000);
    expect(convergenceProblems(sim).join('\n')).toMatch(/node worker-1 is not Ready/);
  });
});
