/**
 * `kubectl get -w` in a lab script: the command prints the current objects and leaves its watch
 * open; the `wait` lines after it print the rows of the events that came while they let time
 * pass, and the next other command interrupts kubectl (the watch closes), as Ctrl-C would.
 */
import { type FollowSpec, followText } from '../kubectl/commands/watchPrinter';
import type { LabHost } from '../kubectl/host';

export interface OpenFollow {
  spec: FollowSpec;
  /** Rows already printed. */
  shown: number;
}

/** The rows printed since last time; `ended` when kubectl has stopped by itself. */
export function newFollowRows(host: LabHost, follow: OpenFollow): { text: string; ended: boolean } {
  const stream = host.watchEvents(follow.spec.watchId);
  if (!stream) return { text: '', ended: true };
  const { rows, ended } = followText(follow.spec, stream);
  const text = rows.slice(follow.shown).join('');
  follow.shown = rows.length;
  return { text, ended };
}
