/**
 * The lab script's verbs other than `cluster`: kubectl, wait, break, repair, crash, request,
 * proxy-rules and join, with their argument checks. Output is the terminal text, each line ending in '\n'.
 */

import type { FollowSpec } from '../kubectl/commands/watchPrinter';
import { formatGoDuration, parseGoDuration } from '../kubectl/duration';
import { CLUSTER_COMPONENTS, type Component, type LabHost, NODE_COMPONENTS } from '../kubectl/host';
import { runKubectl } from '../kubectl/run';
import type { LabVerb } from './parseLab';
import { MAX_WORKERS } from './parseLab';

export interface VerbResult {
  output: string;
  ok: boolean;
  /** `kubectl get -w` left a watch open. */
  follow?: FollowSpec;
}

/** A `wait` longer than this is refused, so a typo cannot stall a lab. */
export const MAX_WAIT_MS = 24 * 3_600_000;
export const MAX_REQUESTS = 1000;

const COMPONENTS: readonly Component[] = [...CLUSTER_COMPONENTS, ...NODE_COMPONENTS];

function lines(items: string[]): VerbResult {
  const output = items.map((l) => `${l}\n`).join('');
  return { output, ok: !items.some((l) => l.startsWith('error:')) };
}

const fail = (message: string): VerbResult => ({ output: `error: ${message}\n`, ok: false });

function nodeList(host: LabHost): string {
  return host.nodeNames().join(', ');
}

function faultVerb(verb: 'break' | 'repair', args: string[], host: LabHost): VerbResult {
  const usage = `usage: ${verb} COMPONENT [NODE]`;
  if (args.length < 1 || args.length > 2) return fail(usage);
  const [name, node] = args;
  if (!(COMPONENTS as readonly string[]).includes(name)) {
    return fail(
      `${verb}: unknown component ${JSON.stringify(name)} (one of ${COMPONENTS.join(', ')})`,
    );
  }
  const component = name as Component;
  if (CLUSTER_COMPONENTS.includes(component)) {
    if (node !== undefined)
      return fail(
        `${verb} ${component}: ${component} runs on the control plane and takes no node name`,
      );
    return lines(
      verb === 'break' ? host.breakComponent(component) : host.repairComponent(component),
    );
  }
  if (node === undefined) return fail(`${verb} ${component}: name a node (${nodeList(host)})`);
  if (!host.nodeNames().includes(node)) {
    return fail(`${verb} ${component}: no node named ${JSON.stringify(node)} (${nodeList(host)})`);
  }
  return lines(
    verb === 'break' ? host.breakComponent(component, node) : host.repairComponent(component, node),
  );
}

export function runVerb(
  verb: Exclude<LabVerb, 'cluster'>,
  args: string[],
  host: LabHost,
): VerbResult {
  switch (verb) {
    case 'kubectl':
      return runKubectl(args, host);
    case 'wait': {
      if (args.length !== 1)
        return fail('usage: wait DURATION (for example 500ms, 10s, 5m, 1m30s)');
      const d = parseGoDuration(args[0]);
      if ('error' in d) return fail(`wait: ${d.error}`);
      if (d.ms < 0) return fail(`wait: a duration cannot be negative: ${args[0]}`);
      if (d.ms > MAX_WAIT_MS)
        return fail(`wait: at most ${formatGoDuration(MAX_WAIT_MS)} at a time`);
      host.advanceBy(Math.round(d.ms));
      return { output: '', ok: true };
    }
    case 'break':
    case 'repair':
      return faultVerb(verb, args, host);
    case 'crash':
      if (args.length < 1 || args.length > 2)
        return fail('usage: crash POD [CONTAINER] | crash job/NAME [CONTAINER]');
      return lines(host.crash(args[0], args[1]));
    case 'request': {
      if (args.length < 1 || args.length > 2) return fail('usage: request SERVICE [N]');
      const n = args[1] === undefined ? 1 : Number(args[1]);
      if (!/^\d+$/.test(args[1] ?? '1') || n < 1 || n > MAX_REQUESTS) {
        return fail(
          `request: N must be a whole number from 1 to ${MAX_REQUESTS}, not ${JSON.stringify(args[1])}`,
        );
      }
      return lines(host.request(args[0], n));
    }
    case 'join':
      if (args.length !== 2 || args[0] !== 'node') return fail('usage: join node NAME');
      if (host.nodeNames().length > MAX_WORKERS)
        return fail(`join node: at most ${MAX_WORKERS} workers`);
      return lines(host.joinNode(args[1]));
    case 'proxy-rules':
      if (args.length !== 1) return fail('usage: proxy-rules NODE');
      if (!host.nodeNames().includes(args[0])) {
        return fail(`proxy-rules: no node named ${JSON.stringify(args[0])} (${nodeList(host)})`);
      }
      return lines(host.proxyRules(args[0]));
  }
}
