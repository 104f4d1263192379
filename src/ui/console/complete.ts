/**
 * Tab completion for the console: lab-script commands, kubectl verbs, resource kinds, and the
 * names of nodes, pods and services in the frame. Pure: the line and what exists in, the
 * completed line and the candidates out.
 */

export interface CompletionContext {
  nodes: readonly string[];
  /** Pods as `namespace/name`. */
  pods: readonly string[];
  /** Containers per pod key (`namespace/name` → names). */
  containers: Readonly<Record<string, readonly string[]>>;
  /** Services as `namespace/name`. */
  services: readonly string[];
}

export interface Completion {
  /** The line with the last word completed as far as it is unambiguous. */
  line: string;
  /** Every candidate for the last word (more than one: the learner picks). */
  candidates: string[];
}

const LAB_COMMANDS = ['kubectl', 'wait', 'break', 'repair', 'crash', 'request', 'proxy-rules'];
const KUBECTL_VERBS = [
  'get',
  'describe',
  'logs',
  'exec',
  'apply',
  'create',
  'run',
  'delete',
  'scale',
  'expose',
  'rollout',
  'cordon',
  'uncordon',
  'drain',
  'taint',
  'label',
  'annotate',
  'set',
  'cluster-info',
  'api-resources',
  'version',
];
const KINDS = [
  'pods',
  'nodes',
  'services',
  'deployments',
  'replicasets',
  'daemonsets',
  'statefulsets',
  'jobs',
  'events',
  'endpointslices',
  'leases',
  'namespaces',
  'configmaps',
  'secrets',
  'serviceaccounts',
];
const CLUSTER_COMPONENTS = ['apiserver', 'etcd', 'scheduler', 'controller-manager'];
const NODE_COMPONENTS = ['kubelet', 'kube-proxy', 'runtime', 'node'];
const WAITS = ['10s', '30s', '1m', '5m'];

/** Canonical kind for kubectl's spellings (`po`, `pod`, `svc`, `no`…). */
const KIND_ALIASES: Record<string, string> = {
  po: 'pods',
  pod: 'pods',
  pods: 'pods',
  no: 'nodes',
  node: 'nodes',
  nodes: 'nodes',
  svc: 'services',
  service: 'services',
  services: 'services',
};

/** Names in the default namespace bare, others as kubectl would not take them (skipped). */
function defaultNames(keys: readonly string[]): string[] {
  return keys.filter((k) => k.startsWith('default/')).map((k) => k.slice('default/'.length));
}

/** Flags that take the next word as their value. */
const VALUE_FLAGS = new Set([
  '-o',
  '--output',
  '-n',
  '--namespace',
  '-l',
  '--selector',
  '-f',
  '--filename',
  '-c',
  '--container',
  '--tail',
  '--since',
]);

/**
 * kubectl's positional words (the last word always counts: it is being typed); null while a
 * flag's value is being typed.
 */
function positional(words: string[]): string[] | null {
  const out: string[] = [];
  for (let j = 0; j < words.length; j++) {
    const w = words[j];
    if (j === words.length - 1) out.push(w);
    else if (VALUE_FLAGS.has(w)) {
      if (j + 1 === words.length - 1) return null;
      j++;
    } else if (!w.startsWith('-')) out.push(w);
  }
  return out;
}

/** The value of `-c` in `kubectl logs|exec POD -c …`: that pod's containers. */
function containerValue(words: string[], ctx: CompletionContext): string[] {
  const flag = words[words.length - 2];
  if (flag !== '-c' && flag !== '--container') return [];
  const args = positional(words.slice(1, -2)) ?? [];
  if (args[0] !== 'logs' && args[0] !== 'exec') return [];
  const pod = args.length >= 2 ? args[args.length - 1] : '';
  return (ctx.containers[`default/${pod}`] ?? []).slice();
}

function candidatesFor(words: string[], ctx: CompletionContext): string[] {
  const [cmd] = words;
  const i = words.length - 1;
  if (i === 0) return LAB_COMMANDS;
  switch (cmd) {
    case 'kubectl': {
      const args = positional(words.slice(1));
      if (!args) return containerValue(words, ctx);
      const verb = args[0];
      const pos = args.length - 1;
      if (pos === 0) return KUBECTL_VERBS;
      if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain') {
        return pos === 1 ? ctx.nodes.slice() : [];
      }
      if (verb === 'taint') return pos === 1 ? ['nodes'] : pos === 2 ? ctx.nodes.slice() : [];
      if (verb === 'rollout') return pos === 1 ? ['status'] : pos === 2 ? ['deployment'] : [];
      if (verb === 'scale' || verb === 'expose') return pos === 1 ? ['deployment'] : [];
      if (verb === 'logs' || verb === 'exec') {
        // `kubectl logs POD [CONTAINER]`, `kubectl exec POD -- CMD` (the command is the learner's).
        if (words.slice(1, -1).includes('--')) return [];
        if (pos === 1) return defaultNames(ctx.pods);
        if (pos === 2 && verb === 'logs')
          return (ctx.containers[`default/${args[1]}`] ?? []).slice();
        return [];
      }
      if (verb === 'get' || verb === 'describe' || verb === 'delete' || verb === 'label') {
        if (pos === 1) return KINDS;
        if (pos === 2) {
          const kind = KIND_ALIASES[args[1]];
          if (kind === 'pods') return defaultNames(ctx.pods);
          if (kind === 'nodes') return ctx.nodes.slice();
          if (kind === 'services') return defaultNames(ctx.services);
        }
      }
      return [];
    }
    case 'break':
    case 'repair':
      if (i === 1) return [...CLUSTER_COMPONENTS, ...NODE_COMPONENTS];
      if (i === 2 && NODE_COMPONENTS.includes(words[1])) return ctx.nodes.slice();
      return [];
    case 'crash': {
      if (i === 1)
        return [...defaultNames(ctx.pods), ...ctx.pods.filter((k) => !k.startsWith('default/'))];
      if (i === 2) {
        const key = words[1].includes('/') ? words[1] : `default/${words[1]}`;
        return (ctx.containers[key] ?? []).slice();
      }
      return [];
    }
    case 'request':
      return i === 1 ? defaultNames(ctx.services) : [];
    case 'proxy-rules':
      return i === 1 ? ctx.nodes.slice() : [];
    case 'wait':
      return i === 1 ? WAITS : [];
    default:
      return [];
  }
}

function commonPrefix(words: string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) {
    while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** Complete the line's last word (the empty word after a trailing space counts). */
export function complete(line: string, ctx: CompletionContext): Completion {
  const words = line.replace(/^\s+/, '').split(/\s+/);
  const partial = words[words.length - 1] ?? '';
  const candidates = [...new Set(candidatesFor(words, ctx))].filter((c) => c.startsWith(partial));
  if (candidates.length === 0) return { line, candidates };
  const head = line.slice(0, line.length - partial.length);
  if (candidates.length === 1) return { line: `${head}${candidates[0]} `, candidates };
  return { line: `${head}${commonPrefix(candidates)}`, candidates };
}
