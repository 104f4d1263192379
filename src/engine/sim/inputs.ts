/**
 * What can change a simulation from outside, as plain data: time passing, one API request from a
 * client, one lab-script line. A simulation restored from a snapshot and given the same inputs
 * in the same order becomes the same cluster, byte for byte — how a page follows a cluster served
 * elsewhere (src/server) and replays it exactly.
 */
import type { ApiRequest, ApiResult } from '../api/types';
import type { FollowSpec } from '../kubectl/commands/watchPrinter';
import type { Impersonation } from '../kubectl/host';
import { runLabLine } from '../lab/labLine';
import type { Simulation } from './simulation';

export type ClusterInput =
  | { type: 'advance'; toMs: number }
  | { type: 'request'; request: ApiRequest; as?: Impersonation }
  | { type: 'line'; line: string };

export type InputOutcome =
  | { type: 'advance' }
  | { type: 'request'; result: ApiResult }
  /** `follow`: the watch a `kubectl get -w` left open (its rows come as the cluster changes). */
  | { type: 'line'; output: string; ok: boolean; follow?: FollowSpec };

export function applyInput(sim: Simulation, input: ClusterInput): InputOutcome {
  switch (input.type) {
    case 'advance':
      if (input.toMs > sim.nowMs()) sim.advanceTo(input.toMs);
      return { type: 'advance' };
    case 'request':
      return { type: 'request', result: sim.call(input.request, input.as) };
    case 'line': {
      const r = runLabLine(input.line, { host: sim });
      return {
        type: 'line',
        output: r.output,
        ok: r.ok,
        ...(r.follow ? { follow: r.follow } : {}),
      };
    }
  }
}
