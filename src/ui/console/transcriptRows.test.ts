import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../store';
import { transcriptRows } from './transcriptRows';

const e = (line: string, output = '', ok = true): TranscriptEntry => ({
  atMs: 0,
  line,
  output,
  ok,
});

describe('transcriptRows', () => {
  it('puts consecutive silent waits on one row and leaves everything else alone', () => {
    const rows = transcriptRows([
      e('kubectl run nginx --image=nginx', 'pod/nginx created\n'),
      e('wait 3ms'),
      e('wait 5ms'),
      e('wait 347ms'),
      e('kubectl get pods', 'NAME ...\n'),
      e('wait 2s'),
      e('wait banana', 'error: invalid duration "banana"\n', false),
    ]);
    expect(rows.map((r) => (r.kind === 'waits' ? r.lines.join(' · ') : r.entry.line))).toEqual([
      'kubectl run nginx --image=nginx',
      'wait 3ms · wait 5ms · wait 347ms',
      'kubectl get pods',
      'wait 2s',
      'wait banana',
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});
