/**
 * A VOPR-style fuzzer for the simulation: one seed decides a cluster and a random lab session
 * (kubectl, waits, faults, crashes, requests). Safety invariants (invariants.ts) are checked
 * after every command and every slice of simulated time; then everything is repaired, time
 * passes, and the cluster must have converged (liveness).
 *
 * Reproducible from the seed alone: the fuzzer draws from its own sfc32 stream, apart from the
 * simulation's, and reads the state only to name things that exist (a pod to crash, a Service to
 * call). The returned command list starts with a `cluster` line, so it replays as a lab script.
 */
import type { KObject } from '../api/types';
import type { Component, LabHost } from '../kubectl/host';
import { runLabLine } from '../lab';
import { createSimulation } from '../sim/bootstrap';
import { nextU32, type RngState, seedRng } from '../sim/rng';
import type { Simulation } from '../sim/simulation';
import {
  type ApiObjects,
  apiConvergenceProblems,
  hasBadImage,
  setDiff,
  wantedEndpoints,
} from './convergence';
import { FUZZ_MANIFESTS } from './fuzzManifests';
import { checkInvariants, type InvariantMemo } from './invariants';

export interface FuzzOptions {
  /** How many random commands to run before the liveness phase. */
  steps: number;
  /** Simulated time between two invariant checks while time passes (default 1 s). */
  sliceMs?: number;
  /** How long the repaired cluster gets to converge (default 10 simulated minutes). */
  settleMs?: number;
  /** Sees every command and its output (for reading what a seed did). */
  log?: (line: string, output: string) => void;
}

export type FuzzResult =
  | { ok: true; commands: string[] }
  | { ok: false; seed: number; commands: string[]; violation: string };

const CLUSTER_COMPONENTS: Component[] = ['apiserver', 'etcd', 'scheduler', 'controller-manager'];
const NODE_COMPONENTS: Component[] = ['kubelet', 'kube-proxy', 'runtime', 'node'];
const DEPLOYMENTS = ['web', 'api', 'cache'];
const BARE_PODS = ['solo', 'batch', 'stray'];
const IMAGES = ['nginx', 'nginx:1.14.2', 'redis', 'httpd:2.4'];
/** Bare pods whose programs fail by design (labelled so the liveness check expects no Ready). */
const FAILING_PODS = ['crasher', 'typo'];
const FAILING_LABEL = 'fuzz=failing';
/** Images no pull can fetch: a missing tag, a missing repository, a private one (no secrets here). */
const BAD_IMAGES = [
  'nginx:no-such-tag',
  'kitchen/nope:1',
  'registry.example.com/kitchen/secret-sauce:1.0',
];
/** The taint key the fuzzer puts on nodes (and takes off before the liveness check). */
const FUZZ_TAINT = 'fuzz';

/** The fuzzer's own random stream (the engine's sfc32, seeded apart from the simulation's). */
class Rand {
  private readonly s: RngState;
  constructor(seed: number) {
    this.s = seedRng((seed ^ 0x5eed_f00d) >>> 0);
  }
  int(min: number, max: number): number {
    return max <= min ? min : min + (nextU32(this.s) % (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }
  weighted<T>(table: readonly (readonly [number, T])[]): T {
    const total = table.reduce((n, [w]) => n + w, 0);
    let r = this.int(0, total - 1);
    for (const [w, v] of table) {
      if (r < w) return v;
      r -= w;
    }
    return table[table.length - 1][1];
  }
}

/** `wait` durations in Go syntax, as a learner would type them. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  if (m === 0) return `${s}s`;
  return s === 0 ? `${m}m` : `${m}m${s}s`;
}

/**
 * From 100 ms to 2 min, about log-uniform (a power-of-two bucket, then a point in it): many short
 * waits, some long ones. Integers only, so a seed means the same session on every platform.
 */
function randomWaitMs(r: Rand): number {
  const base = 100 * 2 ** r.int(0, 10);
  return Math.min(120_000, r.int(base / 100, (2 * base) / 100) * 100);
}

/**
 * A LabHost over the simulation whose clock advances in slices, checking the invariants after
 * each, so time that passes inside a command (wait, kubectl delete --wait, drain) is covered
 * too. After a violation the clock stops: the run is over and the state is kept for reading.
 */
class CheckedHost implements LabHost {
  memo: InvariantMemo | undefined;
  violation: string | undefined;
  constructor(
    readonly sim: Simulation,
    private readonly sliceMs: number,
  ) {}

  check(when: string): boolean {
    if (this.violation) return false;
    const { violations, memo } = checkInvariants(this.sim, this.memo);
    this.memo = memo;
    if (violations.length > 0)
      this.violation = `${when} (t=${this.sim.nowMs()} ms): ${violations.join('; ')}`;
    return !this.violation;
  }

  get serverAddress() {
    return this.sim.serverAddress;
  }
  call: LabHost['call'] = (req) => this.sim.call(req);
  nowMs = () => this.sim.nowMs();
  advanceBy = (ms: number) => {
    const target = this.sim.nowMs() + ms;
    while (this.sim.nowMs() < target && !this.violation) {
      this.sim.advanceTo(Math.min(target, this.sim.nowMs() + this.sliceMs));
      this.check('while time passed');
    }
  };
  readFile = (path: string) =>
    Object.hasOwn(FUZZ_MANIFESTS, path) ? FUZZ_MANIFESTS[path] : undefined;
  nodeNames = () => this.sim.nodeNames();
  breakComponent: LabHost['breakComponent'] = (c, n) => this.sim.breakComponent(c, n);
  repairComponent: LabHost['repairComponent'] = (c, n) => this.sim.repairComponent(c, n);
  crash: LabHost['crash'] = (p, c) => this.sim.crash(p, c);
  request: LabHost['request'] = (s, n) => this.sim.request(s, n);
  proxyRules: LabHost['proxyRules'] = (n) => this.sim.proxyRules(n);
  joinNode: LabHost['joinNode'] = (n) => this.sim.joinNode(n);
  watchEvents: LabHost['watchEvents'] = (id) => this.sim.watchEvents(id);
  stopWatches = () => this.sim.stopWatches();
}

// ---- what exists (read straight from the state: the fuzzer is omniscient) -------------------

function storeOf(sim: Simulation, resource: string): Record<string, KObject> {
  return sim.state.etcd.data[resource] ?? {};
}

function defaultNames(sim: Simulation, resource: string): string[] {
  return Object.values(storeOf(sim, resource))
    .filter((o) => o.metadata.namespace === 'default')
    .map((o) => o.metadata.name as string)
    .sort();
}

function brokenComponents(sim: Simulation): { component: Component; node?: string }[] {
  const s = sim.state;
  const out: { component: Component; node?: string }[] = [];
  if (!s.apiserverUp) out.push({ component: 'apiserver' });
  if (!s.etcd.up) out.push({ component: 'etcd' });
  if (!s.scheduler.up) out.push({ component: 'scheduler' });
  if (!s.kcm.up) out.push({ component: 'controller-manager' });
  for (const name of s.nodeNames) {
    const n = s.nodes[name];
    // A powered-off node comes back whole: its own components are repaired with it.
    if (!n.up) {
      out.push({ component: 'node', node: name });
      continue;
    }
    if (n.kubelet.broken) out.push({ component: 'kubelet', node: name });
    if (n.runtime.broken) out.push({ component: 'runtime', node: name });
    if (n.proxy.broken) out.push({ component: 'kube-proxy', node: name });
  }
  return out;
}

function faultLine(verb: 'break' | 'repair', f: { component: Component; node?: string }): string {
  return f.node ? `${verb} ${f.component} ${f.node}` : `${verb} ${f.component}`;
}

// ---- the random session ---------------------------------------------------------------------

type Mix = (readonly [number, string])[];

const COMMAND_WEIGHTS: Mix = [
  [14, 'wait'],
  [5, 'create'],
  [4, 'scale'],
  [1, 'delete-deployment'],
  [3, 'delete-pod'],
  [1, 'delete-all-pods'],
  [2, 'run'],
  [2, 'expose'],
  [1, 'delete-service'],
  [2, 'cordon'],
  [2, 'uncordon'],
  [1, 'drain'],
  [3, 'break'],
  [3, 'repair'],
  [3, 'crash'],
  [2, 'request'],
  [3, 'apply'],
  [1, 'delete-file'],
  [1, 'taint'],
  [1, 'untaint'],
  [1, 'rollout-status'],
  [1, 'join'],
  [2, 'run-failing'],
  [1, 'run-oom'],
  [2, 'run-sleeper'],
  [2, 'bad-image'],
  [1, 'fix-image'],
  [2, 'logs'],
  [2, 'exec'],
];

/**
 * Swarm testing: each seed leaves some kinds of command out entirely, so that sessions differ in
 * character (a fault storm without scaling, scaling without faults...), which finds bugs a
 * uniform mix dilutes. `wait` always stays: time must pass for anything to happen.
 */
function swarmMix(r: Rand): Mix {
  const mix = COMMAND_WEIGHTS.filter(([, kind]) => kind === 'wait' || r.chance(70));
  return mix.length > 1 ? mix : COMMAND_WEIGHTS;
}

function randomCommand(r: Rand, mix: Mix, sim: Simulation): string {
  const nodes = sim.nodeNames();
  const deployments = defaultNames(sim, 'deployments');
  const services = defaultNames(sim, 'services').filter((n) => n !== 'kubernetes');
  const pods = Object.keys(storeOf(sim, 'pods')).sort();
  const defaultPods = defaultNames(sim, 'pods');
  const broken = brokenComponents(sim);
  // Mostly act on what exists; sometimes on a name that does not (an error is a fine outcome).
  const deployment = () =>
    deployments.length && r.chance(85) ? r.pick(deployments) : r.pick(DEPLOYMENTS);
  const kind = r.weighted(mix);
  switch (kind) {
    case 'create':
      return `kubectl create deployment ${r.pick(DEPLOYMENTS)} --image=${r.pick(IMAGES)} --replicas=${r.int(0, 5)}`;
    case 'scale':
      return `kubectl scale deployment ${deployment()} --replicas=${r.int(0, 6)}`;
    case 'delete-deployment':
      return `kubectl delete deployment ${deployment()}${r.chance(50) ? ' --wait=false' : ''}`;
    case 'delete-pod': {
      if (!defaultPods.length) return `kubectl delete pod ${r.pick(BARE_PODS)} --wait=false`;
      const how = r.pick(['', ' --wait=false', ' --now', ' --grace-period=0 --force']);
      return `kubectl delete pod ${r.pick(defaultPods)}${how}`;
    }
    case 'delete-all-pods':
      return `kubectl delete pods --all${r.chance(50) ? ' --wait=false' : ''}`;
    case 'rollout-status':
      return `kubectl rollout status deployment/${deployment()} --timeout=${r.int(5, 60)}s`;
    case 'run': {
      const restart = r.chance(20) ? ' --restart=Never' : '';
      // A bare pod carrying a Deployment's label joins that Deployment's Service.
      const labels = r.chance(25) ? ` --labels=app=${r.pick(DEPLOYMENTS)}` : '';
      return `kubectl run ${r.pick(BARE_PODS)} --image=${r.pick(IMAGES)}${labels}${restart}`;
    }
    case 'run-failing': {
      // A command that exits non-zero, or one the image does not have (StartError).
      const restart = r.pick(['', ' --restart=Never', ' --restart=OnFailure']);
      const cmd = r.chance(50) ? `-- sh -c "exit ${r.int(1, 3)}"` : '--command -- nope';
      return `kubectl run ${r.pick(FAILING_PODS)} --image=busybox --labels=${FAILING_LABEL}${restart} ${cmd}`;
    }
    case 'run-oom':
      return 'kubectl apply -f oom.yaml';
    case 'run-sleeper':
      // `sleep` as PID 1 ignores SIGTERM: a delete waits out the grace period.
      return r.chance(50)
        ? `kubectl run ${r.pick(BARE_PODS)} --image=busybox -- sleep 3600`
        : `kubectl run ${r.pick(BARE_PODS)} --image=busybox --restart=Never -- sleep ${r.int(1, 20)}`;
    case 'expose':
      if (defaultPods.length && r.chance(20))
        return `kubectl expose pod ${r.pick(defaultPods)} --port=80`;
      return `kubectl expose deployment ${deployment()} --port=80`;
    case 'delete-service':
      return services.length
        ? `kubectl delete service ${r.pick(services)}`
        : `kubectl delete service ${r.pick(DEPLOYMENTS)}`;
    case 'cordon':
      return `kubectl cordon ${r.pick(nodes)}`;
    case 'uncordon':
      return `kubectl uncordon ${r.pick(nodes)}`;
    case 'drain': {
      const workers = nodes.filter((n) => n !== 'control-plane');
      return `kubectl drain ${r.pick(workers)} --ignore-daemonsets --force --timeout=${r.int(10, 90)}s`;
    }
    case 'break': {
      if (r.chance(35)) return `break ${r.pick(CLUSTER_COMPONENTS)}`;
      return `break ${r.pick(NODE_COMPONENTS)} ${r.pick(nodes)}`;
    }
    case 'repair': {
      if (broken.length && r.chance(90)) return faultLine('repair', r.pick(broken));
      if (r.chance(35)) return `repair ${r.pick(CLUSTER_COMPONENTS)}`;
      return `repair ${r.pick(NODE_COMPONENTS)} ${r.pick(nodes)}`;
    }
    case 'crash':
      if (!pods.length) return `crash ${r.pick(BARE_PODS)}`;
      return `crash ${r.pick(pods).replace(/^default\//, '')}`;
    case 'apply': {
      const validate = r.chance(20) ? ` --validate=${r.pick(['warn', 'false'])}` : '';
      return `kubectl apply -f ${r.pick(Object.keys(FUZZ_MANIFESTS))}${validate}`;
    }
    case 'delete-file':
      return `kubectl delete -f ${r.pick(Object.keys(FUZZ_MANIFESTS))}${r.chance(50) ? ' --wait=false' : ''}`;
    case 'taint':
      return `kubectl taint nodes ${r.pick(nodes)} ${FUZZ_TAINT}=x:${r.pick(['NoSchedule', 'NoExecute', 'PreferNoSchedule'])}`;
    case 'untaint':
      return `kubectl taint nodes ${r.pick(nodes)} ${FUZZ_TAINT}-`;
    case 'logs': {
      // Any pod, any state: the answer may be an error from the API server or the kubelet.
      const target = pods.length && r.chance(80) ? r.pick(pods) : `default/${r.pick(BARE_PODS)}`;
      const [ns, name] = target.split('/');
      const how = r.pick(['', ' --previous', ' --tail=3', ' --timestamps', ' --since=10s']);
      return `kubectl logs -n ${ns} ${name}${how}`;
    }
    case 'exec': {
      const target = pods.length && r.chance(80) ? r.pick(pods) : `default/${r.pick(BARE_PODS)}`;
      const [ns, name] = target.split('/');
      const cmd = r.pick(['touch /tmp/fuzz', 'cat /etc/hostname', 'sh -c "exit 2"', 'ls /']);
      return `kubectl exec -n ${ns} ${name} -- ${cmd}`;
    }
    case 'request':
      return `request ${services.length ? r.pick(services) : r.pick(DEPLOYMENTS)} ${r.int(1, 5)}`;
    case 'bad-image': {
      // A typo'd or private image: pods back off pulling it (ErrImagePull / ImagePullBackOff).
      const bad = r.pick(BAD_IMAGES);
      const how = r.int(0, 2);
      if (how === 0)
        return `kubectl create deployment ${r.pick(DEPLOYMENTS)} --image=${bad} --replicas=${r.int(1, 5)}`;
      if (how === 1) return `kubectl set image deployment/${deployment()} *=${bad}`;
      return `kubectl run ${r.pick(BARE_PODS)} --image=${bad}`;
    }
    case 'fix-image':
      return `kubectl set image deployment/${deployment()} *=${r.pick(IMAGES)}`;
    case 'join':
      // Mostly a new machine; sometimes a name already in the cluster (refused).
      return `join node ${r.chance(80) ? `worker-${nodes.length}` : r.pick(nodes)}`;
    default:
      return `wait ${formatWait(randomWaitMs(r))}`;
  }
}

// ---- liveness ---------------------------------------------------------------------------------

/**
 * Images are repaired like components: every Deployment and bare pod of the session that names
 * an image no pull can fetch gets one that exists (kubectl set image), so it can converge.
 */
function imageRepairs(sim: Simulation): string[] {
  const lines: string[] = [];
  for (const d of Object.values(storeOf(sim, 'deployments')))
    if (d.metadata.namespace === 'default' && hasBadImage(d.spec?.template?.spec))
      lines.push(`kubectl set image deployment/${d.metadata.name} *=nginx`);
  for (const p of Object.values(storeOf(sim, 'pods')))
    if (
      p.metadata.namespace === 'default' &&
      !p.metadata.ownerReferences?.length &&
      !p.metadata.deletionTimestamp &&
      hasBadImage(p.spec)
    )
      lines.push(`kubectl set image pod/${p.metadata.name} *=nginx`);
  return lines.sort();
}

/** The simulation's API objects, as the convergence check reads them. */
function apiObjectsOf(sim: Simulation): ApiObjects {
  const all = (resource: string) => Object.values(storeOf(sim, resource));
  return {
    nodes: all('nodes'),
    pods: all('pods'),
    deployments: all('deployments'),
    statefulsets: all('statefulsets'),
    daemonsets: all('daemonsets'),
    jobs: all('jobs'),
    services: all('services'),
    endpointslices: all('endpointslices'),
  };
}

/**
 * What a converged cluster looks like, the API objects (convergence.ts) and what only the nodes
 * hold: every kubelet, runtime and kube-proxy agrees with the API server. Every difference is
 * reported.
 */
export function convergenceProblems(sim: Simulation): string[] {
  const api = apiObjectsOf(sim);
  const out = apiConvergenceProblems(api);
  for (const name of sim.state.nodeNames)
    if (!storeOf(sim, 'nodes')[name]) out.push(`node ${name} has no Node object`);

  // The kubelets and runtimes hold exactly the pods the API server binds to them.
  const bound = new Map(api.pods.map((p) => [p.metadata.uid as string, p]));
  for (const name of sim.state.nodeNames) {
    const node = sim.state.nodes[name];
    for (const kp of Object.values(node.kubelet.pods)) {
      if (kp.isStatic) {
        if (!storeOf(sim, 'pods')[kp.key]) out.push(`static pod ${kp.key} has no mirror pod`);
        continue;
      }
      if (bound.get(kp.uid)?.spec?.nodeName !== name)
        out.push(
          `kubelet on ${name} still tracks pod ${kp.key} (uid ${kp.uid}), gone from the API`,
        );
    }
    for (const uid of Object.keys(node.runtime.sandboxes))
      if (!node.kubelet.pods[uid] && bound.get(uid)?.spec?.nodeName !== name)
        out.push(
          `runtime on ${name} still has a sandbox of pod uid ${uid}, unknown to the kubelet`,
        );
  }

  // Every kube-proxy has programmed the ready endpoints (no terminating ones remain to fall back
  // on). A headless Service has no ClusterIP, so kube-proxy has nothing to program for it.
  for (const svc of api.services) {
    if (!svc.spec?.selector || svc.spec.clusterIP === 'None') continue;
    const ns = svc.metadata.namespace;
    const want = wantedEndpoints(svc, api.pods);
    for (const name of sim.state.nodeNames) {
      const rules = sim.state.nodes[name].proxy.rules;
      const port = rules?.services.find((p) => p.namespace === ns && p.name === svc.metadata.name);
      if (!port) {
        out.push(`kube-proxy on ${name} has no rules for service ${ns}/${svc.metadata.name}`);
        continue;
      }
      const programmed = setDiff(want, new Set(port.endpoints.map((e) => e.ip)));
      if (programmed)
        out.push(
          `kube-proxy on ${name}, service ${ns}/${svc.metadata.name}: endpoints ${programmed}`,
        );
    }
  }
  return out;
}

// ---- the run ------------------------------------------------------------------------------------

/** Marks where the random session ends and the liveness phase begins (a lab comment). */
export const LIVENESS_MARK = '# liveness: repair everything, uncordon, settle';

export function runFuzz(seed: number, opts: FuzzOptions): FuzzResult {
  const r = new Rand(seed);
  const workers = r.int(1, 4);
  const proxyMode = r.chance(50) ? 'iptables' : 'ipvs';
  const mix = swarmMix(r);
  let left = opts.steps;
  return execute(seed, workers, proxyMode, opts, (sim) =>
    left-- > 0 ? randomCommand(r, mix, sim) : undefined,
  );
}

/**
 * Run a recorded session again (the commands of a FuzzResult, or a shrunk part of them): the
 * lines up to LIVENESS_MARK, then a fresh liveness phase, so a shorter list still ends repaired.
 */
export function replayFuzz(commands: readonly string[], opts: Omit<FuzzOptions, 'steps'> = {}) {
  const m = /^cluster workers=(\d+) proxy=(iptables|ipvs) seed=(\d+)$/.exec(commands[0] ?? '');
  if (!m) throw new Error(`replayFuzz: the first command must be a cluster line: ${commands[0]}`);
  const end = commands.indexOf(LIVENESS_MARK);
  const session = commands.slice(1, end < 0 ? undefined : end);
  let i = 0;
  return execute(Number(m[3]), Number(m[1]), m[2] as 'iptables' | 'ipvs', opts, () => session[i++]);
}

function execute(
  seed: number,
  workers: number,
  proxyMode: 'iptables' | 'ipvs',
  opts: Omit<FuzzOptions, 'steps'>,
  next: (sim: Simulation) => string | undefined,
): FuzzResult {
  const commands = [`cluster workers=${workers} proxy=${proxyMode} seed=${seed}`];
  const fail = (violation: string): FuzzResult => ({ ok: false, seed, commands, violation });

  let sim: Simulation;
  try {
    sim = createSimulation({ workers, proxyMode, seed });
  } catch (e) {
    return fail(`createSimulation threw: ${errorText(e)}`);
  }
  const host = new CheckedHost(sim, opts.sliceMs ?? 1000);
  if (!host.check('after boot')) return fail(host.violation as string);

  const run = (line: string): string | undefined => {
    commands.push(line);
    let result: ReturnType<typeof runLabLine>;
    try {
      result = runLabLine(line, { host });
      opts.log?.(line, result.output);
    } catch (e) {
      return `\`${line}\` threw: ${errorText(e)}`;
    }
    if (result.output.includes('error: internal error:'))
      return `\`${line}\` hit an internal error: ${result.output.trim()}`;
    if (host.violation) return `during \`${line}\`: ${host.violation}`;
    if (!host.check(`after \`${line}\``)) return host.violation;
    return undefined;
  };

  for (let line = next(sim); line !== undefined; line = next(sim)) {
    const problem = run(line);
    if (problem) return fail(problem);
  }

  // Liveness: repair everything, let the cluster settle, and it must have converged.
  commands.push(LIVENESS_MARK);
  for (const f of brokenComponents(sim)) {
    const problem = run(faultLine('repair', f));
    if (problem) return fail(problem);
  }
  for (const name of sim.nodeNames()) {
    const node = storeOf(sim, 'nodes')[name];
    const lines = [];
    if (node?.spec?.unschedulable) lines.push(`kubectl uncordon ${name}`);
    if ((node?.spec?.taints ?? []).some((t: { key: string }) => t.key === FUZZ_TAINT))
      lines.push(`kubectl taint nodes ${name} ${FUZZ_TAINT}-`);
    for (const line of lines) {
      const problem = run(line);
      if (problem) return fail(problem);
    }
  }
  for (const line of imageRepairs(sim)) {
    const problem = run(line);
    if (problem) return fail(problem);
  }
  const settle = run(`wait ${formatWait(opts.settleMs ?? 10 * 60_000)}`);
  if (settle) return fail(settle);
  const problems = convergenceProblems(sim);
  if (problems.length) return fail(`not converged after repair: ${problems.join('; ')}`);
  return { ok: true, commands };
}

/** What kind of failure this is, without the names and numbers that change from run to run. */
function signature(violation: string): string {
  return violation
    .replace(/[a-z0-9]+-[a-z0-9]{5,}/g, 'NAME')
    .replace(/\d+/g, 'N')
    .slice(0, 60);
}

/**
 * Delta debugging on a failing run: drop chunks of the session, then single lines, keeping any
 * shorter list that still fails the same way. Pod names come from the simulation's random
 * stream, so a removal can rename pods and turn a later `crash`/`delete` into a harmless error:
 * the result is a smaller reproduction, not always the smallest.
 */
export function shrinkFuzz(
  failure: Extract<FuzzResult, { ok: false }>,
  opts: Omit<FuzzOptions, 'steps'> = {},
  budget = 400,
): Extract<FuzzResult, { ok: false }> {
  const want = signature(failure.violation);
  const end = failure.commands.indexOf(LIVENESS_MARK);
  let best = failure;
  let session = failure.commands.slice(1, end < 0 ? undefined : end);
  const header = failure.commands[0];
  for (let chunk = Math.max(1, session.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let at = 0; at < session.length && budget > 0; ) {
      const candidate = [...session.slice(0, at), ...session.slice(at + chunk)];
      budget--;
      const result = replayFuzz([header, ...candidate], opts);
      if (!result.ok && signature(result.violation) === want) {
        session = candidate;
        best = result;
      } else at += chunk;
    }
  }
  return best;
}

function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** A failing run as a lab script and a one-line replay hint. */
export function formatFailure(result: Extract<FuzzResult, { ok: false }>): string {
  return [
    `FUZZ_SEED=${result.seed} npx vitest run src/engine/testing/fuzz.test.ts`,
    `violation: ${result.violation}`,
    'commands (a lab script):',
    ...result.commands.map((c) => `  ${c}`),
  ].join('\n');
}
