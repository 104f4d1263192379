/**
 * What can change a simulation from outside, as plain data: time passing, one API request from a
 * client, one lab-script line, one line of an interactive exec's stdin. A simulation restored from a snapshot and given the same inputs
 * in the same order becomes the same cluster, byte for byte — how a page follows a cluster served
 * elsewhere (src/server) and replays it exactly.
 */
import type { ApiRequest, ApiResult } from '../api/types';
import { execSessionInput, type SessionOutput } from '../components/execSession';
import type { FollowSpec } from '../kubectl/commands/watchPrinter';
import type { Impersonation } from '../kubectl/host';
import { runLabLine } from '../lab/labLine';
import type { Simulation } from './simulation';

export type ClusterInput =
  | { type: 'advance'; toMs: number }
  | { type: 'request'; request: ApiRequest; as?: Impersonation }
  | { type: 'line'; line: string }
  /** A line of an interactive exec's stdin (components/execSession.ts); no line: stdin ended. */
  | { type: 'stdin'; session: string; line?: string };

export type InputOutcome =
  | { type: 'advance' }
  | { type: 'request'; result: ApiResult }
  | { type: 'stdin'; result: SessionOutput }
  /** `follow`: the watch a `kubectl get -w` left open (its rows come as the cluster changes). */
  | { type: 'line'; output: string; ok: boolean; follow?: FollowSpec };

export function applyInput(sim: Simulation, input: ClusterInput): InputOutcome {
  switch (input.type) {
    case 'advance':
      if (input.toMs > sim.nowMs()) sim.advanceTo(input.toMs);
      return { type: 'advance' };
    case 'request':
      return { type: 'request', result: sim.call(input.request, input.as) };
    case 'stdin':
      return { type: 'stdin', result: execSessionInput(sim, input.session, input.line) };
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
