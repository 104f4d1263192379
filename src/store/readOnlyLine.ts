import { parseLabLine } from '../engine';

/** kubectl commands that only read (kubectl's own: none of them writes to the API). */
const READS = new Set([
  'get',
  'describe',
  'logs',
  'explain',
  'api-resources',
  'api-versions',
  'version',
  'cluster-info',
  'top',
  'events',
  'auth',
]);

/**
 * A line that changes nothing in the cluster: `kubectl get|describe|logs|explain…` (not a watch
 * or a follow, which keep running), any kubectl command with `--dry-run=client|server`, and
 * `proxy-rules`. Run in the past, it looks at the cluster as it was there; the timeline's future
 * stays (issue 12, row 3). Anything else (`request` too: the Service's pods serve and log it)
 * acts there, and the future is dropped.
 */
export function isReadOnlyLine(line: string): boolean {
  const parsed = parseLabLine(line);
  if (parsed.kind !== 'command') return false;
  if (parsed.verb === 'proxy-rules') return true;
  if (parsed.verb !== 'kubectl') return false;
  const args = parsed.args;
  if (args.some((a) => /^--dry-run(=(client|server))?$/.test(a))) return true;
  const sub = subcommand(args);
  if (!sub || !READS.has(sub)) return false;
  if (sub === 'auth') return args.includes('can-i') || args.includes('whoami');
  // A watch or a follow keeps running: it belongs to the live cluster.
  const keepsRunning =
    sub === 'logs' ? /^(-f|--follow)(=true)?$/ : /^(-w|--watch|--watch-only)(=true)?$/;
  return !args.some((a) => keepsRunning.test(a));
}

/** kubectl's global flags that take a value as the next word (`-n kube-system get pods`). */
const GLOBAL_WITH_VALUE = new Set([
  '-n',
  '--namespace',
  '--context',
  '--cluster',
  '--user',
  '--kubeconfig',
  '-s',
  '--server',
  '--as',
  '--as-group',
  '--token',
  '--request-timeout',
  '-v',
]);

function subcommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}
