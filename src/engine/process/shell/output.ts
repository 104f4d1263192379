/**
 * What reaches the container's stdout and stderr: whole lines (the caller's `Write` takes one
 * line at a time), an unfinished line kept in the state until its newline, and the per-run caps.
 */
import { SHELL_LIMITS } from './limits';
import type { ShellState } from './state';

export type Stream = 'stdout' | 'stderr';
export type Write = (stream: Stream, text: string) => void;

export class Output {
  private lines = 0;
  private truncated = false;

  constructor(
    private readonly st: ShellState,
    private readonly write: Write,
  ) {}

  emit(stream: Stream, text: string): void {
    const key = stream === 'stdout' ? 'out' : 'err';
    let buf = this.st.partial[key] + text;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      this.line(stream, buf.slice(0, nl));
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
    if (buf.length > SHELL_LIMITS.maxLineBytes) {
      this.line(stream, buf);
      buf = '';
    }
    this.st.partial[key] = buf;
  }

  /** Writes out unfinished lines (the process pauses or ends: its log shows them). */
  flush(): void {
    for (const [key, stream] of [
      ['out', 'stdout'],
      ['err', 'stderr'],
    ] as const) {
      if (this.st.partial[key]) this.line(stream, this.st.partial[key]);
      this.st.partial[key] = '';
    }
  }

  private line(stream: Stream, text: string): void {
    if (this.truncated) return;
    if (this.lines >= SHELL_LIMITS.maxOutputLinesPerRun) {
      this.truncated = true;
      this.write(
        'stderr',
        `[output truncated by the simulation: more than ${SHELL_LIMITS.maxOutputLinesPerRun} lines without a pause]`,
      );
      return;
    }
    this.lines++;
    if (text.length > SHELL_LIMITS.maxLineBytes) {
      this.write(
        stream,
        `${text.slice(0, SHELL_LIMITS.maxLineBytes)} [line cut by the simulation at ${SHELL_LIMITS.maxLineBytes} bytes]`,
      );
      return;
    }
    this.write(stream, text);
  }
}
