/**
 * One line of a lab script (shared/design.md, "The lab script"): blank or comment lines are
 * skipped, anything else is split like a shell would and named by its first word.
 */
import { splitCommandLine } from '../kubectl/argv';

export const LAB_VERBS = [
  'cluster',
  'kubectl',
  'wait',
  'break',
  'repair',
  'crash',
  'request',
  'proxy-rules',
  'join',
] as const;
export type LabVerb = (typeof LAB_VERBS)[number];

export type LabLine =
  | { kind: 'skip' }
  /** Not a command at all: unknown verb or a line that does not split. */
  | { kind: 'invalid'; text: string; message: string }
  | { kind: 'command'; text: string; verb: LabVerb; args: string[] };

export function parseLabLine(raw: string): LabLine {
  const text = raw.trim();
  if (text === '' || text.startsWith('#')) return { kind: 'skip' };
  const words = splitCommandLine(text);
  if (!Array.isArray(words)) return { kind: 'invalid', text, message: words.error };
  if (words.length === 0) return { kind: 'skip' };
  const verb = words[0];
  if (!(LAB_VERBS as readonly string[]).includes(verb)) {
    return { kind: 'invalid', text, message: `unknown command ${JSON.stringify(verb)}` };
  }
  return { kind: 'command', text, verb: verb as LabVerb, args: words.slice(1) };
}

export type ProxyMode = 'iptables' | 'ipvs';

export interface ClusterSpec {
  workers: number;
  proxyMode: ProxyMode;
  seed: number;
}

export const DEFAULT_CLUSTER: ClusterSpec = { workers: 2, proxyMode: 'iptables', seed: 1 };
/** Enough for any lab; the simulation itself scales further for benchmarks. */
export const MAX_WORKERS = 1000;

/** `cluster workers=N proxy=iptables|ipvs seed=S`, every setting optional. */
export function parseClusterArgs(args: string[]): ClusterSpec | { error: string } {
  const spec = { ...DEFAULT_CLUSTER };
  const seen = new Set<string>();
  const usage = 'expected workers=N proxy=iptables|ipvs seed=S';
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg : arg.slice(0, eq);
    const value = eq < 0 ? '' : arg.slice(eq + 1);
    if (seen.has(key)) return { error: `cluster: ${key} is given twice` };
    seen.add(key);
    switch (key) {
      case 'workers':
        if (!/^\d+$/.test(value) || Number(value) > MAX_WORKERS) {
          return {
            error: `cluster: workers must be a whole number from 0 to ${MAX_WORKERS}, not ${JSON.stringify(value)}`,
          };
        }
        spec.workers = Number(value);
        break;
      case 'proxy':
        if (value !== 'iptables' && value !== 'ipvs') {
          return { error: `cluster: proxy must be iptables or ipvs, not ${JSON.stringify(value)}` };
        }
        spec.proxyMode = value;
        break;
      case 'seed':
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
          return { error: `cluster: seed must be a whole number, not ${JSON.stringify(value)}` };
        }
        spec.seed = Number(value);
        break;
      default:
        return { error: `cluster: unknown setting ${JSON.stringify(arg)} (${usage})` };
    }
  }
  return spec;
}
