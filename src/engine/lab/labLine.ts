/**
 * One lab command against a cluster that already runs: what the in-app console does with each
 * line. Same parsing and output as runLab, without the `$ LINE` echo (the console shows the
 * prompt itself). `cluster` is refused: the cluster exists already.
 */
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
  const result = guarded(() => runVerb(verb, line.args, session.host));
  return { output: result.output, ok: result.ok, skipped: false };
}
