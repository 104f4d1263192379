/**
 * One lab command against a cluster that already runs: what the in-app console does with each
 * line. Same parsing and output as runLab, without the `$ LINE` echo (the console shows the
 * prompt itself). `cluster` is refused: the cluster exists already.
 */
import type { FollowSpec } from '../kubectl/commands/watchPrinter';
import type { LabHost } from '../kubectl/host';
import { parseLabLine } from './parseLab';
import { guarded } from './runLab';
import { runVerb } from './verbs';

export interface LabLineResult {
  output: string;
  /** false when the command failed (or the line was not a command). */
  ok: boolean;
  /** The line was blank or a comment: nothing ran. */
  skipped: boolean;
  /**
   * `kubectl get -w` left a watch open; its rows come from `followText` over the host's
   * `watchEvents` as time passes, until the next line that is not a `wait`.
   */
  follow?: FollowSpec;
}

export function runLabLine(raw: string, session: { host: LabHost }): LabLineResult {
  const line = parseLabLine(raw);
  if (line.kind === 'skip') return { output: '', ok: true, skipped: true };
  if (line.kind === 'invalid') {
    const hint = line.message.startsWith('unknown command')
      ? ' (lab commands: kubectl, wait, break, repair, crash, request, proxy-rules)'
      : '';
    return { output: `error: ${line.message}${hint}\n`, ok: false, skipped: false };
  }
  if (line.verb === 'cluster') {
    return {
      output:
        'error: "cluster" only works as the first line of a lab script; this cluster is already running\n',
      ok: false,
      skipped: false,
    };
  }
  const verb = line.verb;
  // Any command but `wait` interrupts a `kubectl get -w` still running.
  if (verb !== 'wait') session.host.stopWatches();
  const result = guarded(() => runVerb(verb, line.args, session.host));
  return {
    output: result.output,
    ok: result.ok,
    skipped: false,
    ...(result.follow ? { follow: result.follow } : {}),
  };
}
