import type { TranscriptEntry } from '../../store';

/** A row of the console log: a command with its output, or a run of waits that printed nothing. */
export type TranscriptRow =
  | { kind: 'command'; key: string; entry: TranscriptEntry }
  | { kind: 'waits'; key: string; lines: string[] };

const WAIT = /^wait(\s|$)/;

/**
 * The log's rows. Consecutive `wait` lines that printed nothing (a walkthrough waiting for the
 * cluster writes one per check) share one quiet row, every line still shown as it ran.
 */
export function transcriptRows(entries: readonly TranscriptEntry[]): TranscriptRow[] {
  const rows: TranscriptRow[] = [];
  for (const [i, entry] of entries.entries()) {
    const key = `${i}-${entry.atMs}-${entry.line}`;
    if (WAIT.test(entry.line) && entry.ok && entry.output === '') {
      const last = rows[rows.length - 1];
      if (last?.kind === 'waits') last.lines.push(entry.line);
      else rows.push({ kind: 'waits', key, lines: [entry.line] });
    } else rows.push({ kind: 'command', key, entry });
  }
  return rows;
}
