/**
 * What the page's own URL asks for, checked before the store is made: every parameter that is
 * empty, malformed, out of range or ignored (cluster settings beside a walkthrough or a served
 * cluster, a step without a walkthrough) is named in a notice with the reason; whatever is
 * valid is used as before. No engine code (walkthroughs are data).
 */
import { walkthroughById } from '../scenarios/list';
import type { ClusterSpec } from '../store';

export interface UrlProblem {
  /** The i18n key of the reason (`notice.url.*`). */
  key: string;
  params: Record<string, string | number>;
}

/** The most kitchens the sandbox lays out (the sandbox form's and planScript's bound). */
const MAX_WORKERS = 10;
const MAX_SEED = 2 ** 31 - 1;
const CLUSTER = ['workers', 'seed', 'proxy'] as const;
/** Parameters the page reads (server and token are read and removed by takeAttachLink first). */
const KNOWN = new Set<string>([...CLUSTER, 'walkthrough', 'step', 'server', 'token']);

/** A whole number written in decimal digits only (`Number` would take '0x3', '1e1', ' 3'). */
function decimal(value: string): number | undefined {
  return /^\d{1,16}$/.test(value) ? Number(value) : undefined;
}

export function readUrl(
  params: URLSearchParams,
  attached = false,
): { spec: Partial<ClusterSpec>; problems: UrlProblem[] } {
  const spec: Partial<ClusterSpec> = {};
  const problems: UrlProblem[] = [];
  const problem = (key: string, name: string, value: string, more = {}) =>
    problems.push({ key, params: { name, value, ...more } });

  const walkthroughId = params.get('walkthrough');
  const walkthrough = walkthroughId ? walkthroughById(walkthroughId) : undefined;
  if (walkthroughId === '') problem('notice.url.empty', 'walkthrough', '');
  else if (walkthroughId !== null && !walkthrough)
    problem('notice.url.unknownWalkthrough', 'walkthrough', walkthroughId);

  const step = params.get('step');
  if (step !== null) {
    if (step === '') problem('notice.url.empty', 'step', '');
    else if (walkthroughId === null) problem('notice.url.noWalkthrough', 'step', step);
    else if (walkthrough) {
      const n = decimal(step);
      if (n === undefined) problem('notice.url.malformed', 'step', step);
      else if (n > walkthrough.steps.length)
        problem('notice.url.range', 'step', step, { min: 0, max: walkthrough.steps.length });
    }
  }

  for (const name of CLUSTER) {
    const value = params.get(name);
    if (value === null) continue;
    if (value === '') {
      problem('notice.url.empty', name, value);
      continue;
    }
    if (name === 'proxy') {
      if (value !== 'iptables' && value !== 'ipvs') problem('notice.url.proxy', name, value);
      else spec.proxyMode = value;
      continue;
    }
    const n = decimal(value);
    const [min, max] = name === 'workers' ? [1, MAX_WORKERS] : [0, MAX_SEED];
    if (n === undefined) problem('notice.url.malformed', name, value);
    else if (n < min || n > max) problem('notice.url.range', name, value, { min, max });
    else if (name === 'workers') spec.workers = n;
    else spec.seed = n;
  }
  // The cluster is the walkthrough's own (or the served one): settings for another are unused.
  const reason = attached
    ? 'notice.url.besideServer'
    : walkthrough
      ? 'notice.url.besideWalkthrough'
      : undefined;
  if (reason) {
    for (const name of CLUSTER) {
      const key = name === 'proxy' ? 'proxyMode' : name;
      if (spec[key] !== undefined) problem(reason, name, params.get(name) ?? '');
    }
  }

  for (const name of new Set(params.keys()))
    if (!KNOWN.has(name)) problem('notice.url.unknown', name, params.get(name) ?? '');
  return { spec, problems };
}
