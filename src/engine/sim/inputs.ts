/**
 * What can change a simulation from outside, as plain data: time passing, one API request from a
 * client, one lab-script line, one line of an interactive exec's or attach's stdin, bytes on a
 * port-forwarded connection. A simulation restored from a snapshot and given the same inputs
 * in the same order becomes the same cluster, byte for byte — how a page follows a cluster served
 * elsewhere (src/server) and replays it exactly.
 */
import type { ApiRequest, ApiResult, ForwardTarget } from '../api/types';
import { execSessionInput, type SessionOutput } from '../components/execSession';
import { type ForwardResult, forwardData } from '../components/portForward';
import type { FollowSpec } from '../kubectl/commands/watchPrinter';
import type { Impersonation } from '../kubectl/host';
import { runLabLine } from '../lab/labLine';
import type { Simulation } from './simulation';

export type ClusterInput =
  | { type: 'advance'; toMs: number }
  | { type: 'request'; request: ApiRequest; as?: Impersonation }
  | { type: 'line'; line: string }
  /**
   * A line of an interactive exec's or an attach's stdin (components/execSession.ts); no line:
   * stdin ended.
   */
  | { type: 'stdin'; session: string; line?: string }
  /**
   * Bytes on a port-forwarded connection (components/portForward.ts), one character per byte,
   * from the first not yet consumed; empty: the connection opens.
   */
  | { type: 'forward'; target: ForwardTarget; port: number; data: string };

export type InputOutcome =
  | { type: 'advance' }
  | { type: 'request'; result: ApiResult }
  | { type: 'stdin'; result: SessionOutput }
  | { type: 'forward'; result: ForwardResult }
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
    case 'forward':
      return {
        type: 'forward',
        result: forwardData(sim, input.target, input.port, input.data),
      };
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
