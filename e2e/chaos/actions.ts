/**
 * The chaos test's session, drawn from a seed before the page opens: the same seed is the same
 * list of actions on every run (`CHAOS_SEED=N` replays one). Targets the page decides at run
 * time (the 3rd button of the scene, the 2nd fault button) are stored as indices, so the list
 * never depends on what the page happened to show.
 */
import { FUZZ_MANIFESTS } from '../../src/engine/testing/fuzzManifests';

export type Action =
  | { kind: 'line'; line: string }
  /** The nth button of the scene (a station, a cook's crash button, a chef, a table), modulo. */
  | { kind: 'scene-button'; index: number }
  /** A click at a point of the scene (fractions of its box): often on nothing at all. */
  | { kind: 'scene-point'; x: number; y: number }
  | { kind: 'tab'; name: 'Walkthrough' | 'Inspector' | 'Events' | 'Faults' }
  /** The nth Break/Repair button of the Faults tab, modulo. */
  | { kind: 'fault'; index: number }
  /** The timeline slider set to a fraction of its range. */
  | { kind: 'scrub'; fraction: number }
  | { kind: 'slider-key'; key: 'Home' | 'End' | 'ArrowLeft' | 'ArrowRight' | 'PageUp' | 'PageDown' }
  | { kind: 'step'; direction: 'back' | 'forward' }
  | { kind: 'live' }
  /** Play for `ms` of real time, then pause. */
  | { kind: 'play-pause'; ms: number }
  | { kind: 'speed'; value: string }
  | { kind: 'undo' }
  | { kind: 'events-filter'; text: string; errorsOnly: boolean }
  | { kind: 'shortcuts' }
  | { kind: 'labels'; value: 'kitchen' | 'kubernetes' | 'both' }
  | {
      kind: 'manifest';
      /** An example to pick first (index into the picker's options), or none. */
      example?: number;
      name: string;
      text?: string;
      apply: boolean;
    };

/** sfc32: small, fast, and the same numbers in every JavaScript engine. */
export class Rand {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e37_79b9;
    this.b = 0x243f_6a88;
    this.c = 0xb7e1_5162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  int(min: number, max: number): number {
    return max <= min ? min : min + (this.u32() % (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  chance(percent: number): boolean {
    return this.int(0, 99) < percent;
  }
  fraction(): number {
    return this.int(0, 1000) / 1000;
  }
}

const DEPLOYMENTS = ['web', 'api', 'cache'];
const PODS = ['solo', 'batch', 'stray'];
const IMAGES = ['nginx', 'nginx:1.14.2', 'redis', 'httpd:2.4'];
const BAD_IMAGES = ['nginx:no-such-tag', 'kitchen/nope:1'];
/** Good images: the liveness phase sets every other one in `default` back to nginx. */
const NODES = ['control-plane', 'worker-1', 'worker-2', 'worker-3'];
const COMPONENTS = ['apiserver', 'etcd', 'scheduler', 'controller-manager'];
const NODE_COMPONENTS = ['kubelet', 'kube-proxy', 'runtime', 'node'];
/** Manifest file names the dialog saved (or will): `kubectl apply -f` may name any of them. */
const FILES = [...Object.keys(FUZZ_MANIFESTS), 'broken.yaml', 'list.yaml', 'mixed.yaml'];

function wait(r: Rand): string {
  if (r.chance(3)) return `wait ${r.pick(['5m', '10m', '1h'])}`;
  const ms = 100 * 2 ** r.int(0, 10);
  return ms < 1000 ? `wait ${ms}ms` : `wait ${Math.min(120, Math.round(ms / 1000))}s`;
}

/** Lines a learner types that work (or fail the way kubectl does on a missing name). */
function goodLine(r: Rand): string {
  const d = r.pick(DEPLOYMENTS);
  const p = r.pick(PODS);
  const n = r.pick(NODES);
  switch (r.int(0, 27)) {
    case 0:
    case 1:
      return `kubectl create deployment ${d} --image=${r.pick(IMAGES)} --replicas=${r.int(0, 4)}`;
    case 2:
      return `kubectl scale deployment ${d} --replicas=${r.int(0, 6)}`;
    case 3:
      return `kubectl delete deployment ${d}${r.chance(50) ? ' --wait=false' : ''}`;
    case 4:
      return `kubectl run ${p} --image=${r.pick(IMAGES)}${r.chance(20) ? ' --restart=Never' : ''}`;
    case 5:
      return `kubectl run crasher --image=busybox --labels=fuzz=failing -- sh -c "exit ${r.int(1, 3)}"`;
    case 6:
      return `kubectl expose deployment ${d} --port=80`;
    case 7:
      return `kubectl delete service ${d}`;
    case 8:
      return `kubectl delete pod ${p}${r.pick(['', ' --wait=false', ' --now', ' --grace-period=0 --force'])}`;
    case 9:
      return `kubectl delete pods --all --wait=false`;
    case 10:
      return `kubectl get ${r.pick(['pods', 'nodes', 'deploy', 'svc', 'events', 'all', 'rs', 'endpointslices'])}${r.pick(['', ' -A', ' -o wide', ' -o yaml', ' -o json'])}`;
    case 11:
      return `kubectl describe ${r.pick([`node ${n}`, `pod ${p}`, `deployment ${d}`, `service ${d}`])}`;
    case 12:
      return `kubectl logs ${p}${r.pick(['', ' --previous', ' --tail=2'])}`;
    case 13:
      return `kubectl cordon ${n}`;
    case 14:
      return `kubectl uncordon ${n}`;
    case 15:
      return `kubectl drain ${n} --ignore-daemonsets --force --timeout=${r.int(5, 30)}s`;
    case 16:
      return r.chance(50)
        ? `kubectl taint nodes ${n} fuzz=x:${r.pick(['NoSchedule', 'NoExecute'])}`
        : `kubectl taint nodes ${n} fuzz-`;
    case 17:
      return `kubectl rollout status deployment/${d} --timeout=${r.int(2, 20)}s`;
    case 18:
      return `kubectl set image deployment/${d} *=${r.pick([...IMAGES, ...BAD_IMAGES])}`;
    case 19:
      return `kubectl apply -f ${r.pick(FILES)}`;
    case 20:
      return `kubectl delete -f ${r.pick(FILES)}${r.chance(50) ? ' --wait=false' : ''}`;
    case 21:
      return `kubectl get pods -w`;
    case 22:
      return r.chance(40)
        ? `break ${r.pick(COMPONENTS)}`
        : `break ${r.pick(NODE_COMPONENTS)} ${r.pick(NODES)}`;
    case 23:
      return r.chance(40)
        ? `repair ${r.pick(COMPONENTS)}`
        : `repair ${r.pick(NODE_COMPONENTS)} ${r.pick(NODES)}`;
    case 24:
      return r.chance(30)
        ? `crash kube-system/${r.pick(['coredns', 'kube-proxy', 'etcd-control-plane'])}`
        : `crash ${p}`;
    case 25:
      return `request ${d} ${r.int(1, 8)}`;
    case 26:
      return `proxy-rules ${n}`;
    default:
      return `join node worker-${r.int(3, 4)}`;
  }
}

/** Typos, missing arguments, values out of range, hostile and absurd input. */
function badLine(r: Rand): string {
  return r.pick([
    '',
    '   ',
    'kubectl',
    'kubect get pods',
    'kubectl gett pods',
    'kubectl get podz',
    'kubectl get pods -o jsonpath={.items[*',
    'kubectl scale deployment web --replicas=-1',
    'kubectl scale deployment web --replicas=lots',
    'kubectl scale deployment web --replicas=100000',
    'kubectl run x --image=',
    'kubectl run Bad_Name --image=nginx',
    'kubectl apply -f',
    'kubectl apply -f /etc/passwd',
    'kubectl apply -f ../../secret.yaml',
    'kubectl delete namespace kube-system',
    'kubectl delete namespace default',
    'kubectl create namespace kube-system',
    'kubectl logs',
    'kubectl exec solo -- rm -rf /',
    'kubectl get pods 🍳🔥',
    'kubectl create deployment "><img src=x onerror=alert(1)> --image=nginx',
    '<script>alert(1)</script>',
    'wait',
    'wait -5s',
    'wait forever',
    'wait 1y',
    'wait 0s',
    'break',
    'break toaster',
    'break kubelet nowhere',
    'repair',
    'repair node',
    'crash',
    'crash kube-apiserver-control-plane',
    'request',
    'request web 0',
    'request web 1000000',
    'proxy-rules',
    'join node Bad_Name',
    'join node control-plane',
    'cluster workers=3',
    `kubectl get pods ${'x'.repeat(r.int(1000, 5000))}`,
    `kubectl run ${'a'.repeat(300)} --image=nginx`,
    '\u0000\u0007\u001b[31mred',
    'kubectl get pods --namespace=',
    'kubectl get pods -n kube-system -l k8s-app=',
  ]);
}

/** Malformed or hostile manifests the dialog may be given. */
function badManifest(r: Rand): { name: string; text: string } {
  const good = r.pick(Object.values(FUZZ_MANIFESTS));
  return r.pick([
    { name: 'broken.yaml', text: 'kind: [Pod' },
    { name: 'broken.yaml', text: good.slice(0, r.int(1, good.length - 1)) },
    { name: 'broken.yaml', text: '{"apiVersion": "v1", "kind":' },
    { name: 'broken.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec: 5\n' },
    {
      name: 'broken.yaml',
      text: 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
    },
    {
      name: 'list.yaml',
      text: `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: listed\n  spec:\n    containers:\n    - name: c\n      image: nginx\n`,
    },
    {
      name: 'mixed.yaml',
      text: `${FUZZ_MANIFESTS['warm.yaml']}---\nkind: [broken\n---\napiVersion: v1\nkind: Nope\nmetadata:\n  name: z\n`,
    },
    { name: '../escape.yaml', text: FUZZ_MANIFESTS['warm.yaml'] },
    { name: 'two words.yaml', text: FUZZ_MANIFESTS['warm.yaml'] },
    { name: 'empty.yaml', text: '' },
    { name: 'huge.yaml', text: `# ${'x'.repeat(r.int(10_000, 200_000))}\n` },
  ]);
}

function manifest(r: Rand): Action {
  if (r.chance(20))
    return { kind: 'manifest', example: r.int(1, 30), name: '', apply: r.chance(70) };
  if (r.chance(45)) {
    const name = r.pick(Object.keys(FUZZ_MANIFESTS));
    return { kind: 'manifest', name, text: FUZZ_MANIFESTS[name], apply: r.chance(85) };
  }
  return { kind: 'manifest', ...badManifest(r), apply: r.chance(85) };
}

/** One action, by weight: mostly console lines, then everything else a curious hand does. */
function action(r: Rand): Action {
  const roll = r.int(0, 99);
  if (roll < 22) return { kind: 'line', line: goodLine(r) };
  if (roll < 30) return { kind: 'line', line: wait(r) };
  if (roll < 37) return { kind: 'line', line: badLine(r) };
  if (roll < 45) return { kind: 'scene-button', index: r.int(0, 200) };
  if (roll < 48) return { kind: 'scene-point', x: r.fraction(), y: r.fraction() };
  if (roll < 53)
    return { kind: 'tab', name: r.pick(['Walkthrough', 'Inspector', 'Events', 'Faults'] as const) };
  if (roll < 60) return { kind: 'fault', index: r.int(0, 40) };
  if (roll < 65) return { kind: 'scrub', fraction: r.fraction() };
  if (roll < 68)
    return {
      kind: 'slider-key',
      key: r.pick(['Home', 'End', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown'] as const),
    };
  if (roll < 75) return { kind: 'step', direction: r.chance(50) ? 'back' : 'forward' };
  if (roll < 78) return { kind: 'live' };
  if (roll < 81) return { kind: 'play-pause', ms: r.int(100, 1500) };
  if (roll < 83) return { kind: 'speed', value: r.pick(['0.25', '1', '4', '16']) };
  if (roll < 85) return { kind: 'undo' };
  if (roll < 87)
    return {
      kind: 'events-filter',
      text: r.pick(['', 'pod/default/', 'kubelet', 'nope', '((', '.*']),
      errorsOnly: r.chance(50),
    };
  if (roll < 88) return { kind: 'shortcuts' };
  if (roll < 89)
    return { kind: 'labels', value: r.pick(['kitchen', 'kubernetes', 'both'] as const) };
  return manifest(r);
}

/** The session for `seed`: a cluster to open and `count` actions. */
export function chaosSession(seed: number, count: number): { query: string; actions: Action[] } {
  const r = new Rand(seed);
  const query = `?workers=${r.int(1, 3)}&seed=${seed}`;
  return { query, actions: Array.from({ length: count }, () => action(r)) };
}

/** One line per action, for the failure report (long text cut short). */
export function describeAction(a: Action): string {
  const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}… (${s.length} chars)` : s);
  switch (a.kind) {
    case 'line':
      return `console: ${JSON.stringify(cut(a.line))}`;
    case 'manifest':
      return `manifest: ${a.example !== undefined ? `example #${a.example}` : JSON.stringify(a.name)}${a.text !== undefined ? ` text ${JSON.stringify(cut(a.text))}` : ''}${a.apply ? ' → Apply' : ' → Cancel'}`;
    default: {
      const { kind, ...rest } = a;
      return `${kind} ${JSON.stringify(rest)}`;
    }
  }
}
