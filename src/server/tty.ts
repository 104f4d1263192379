/**
 * The terminal's line discipline for `kubectl exec -it` (the pty's cooked mode, termios ICANON
 * ECHO ICRNL ONLCR): kubectl puts the local terminal in raw mode and sends every key as typed;
 * the container's pty echoes it, edits the line (DEL or ^H erase, ^U kill), ends it at Enter,
 * turns ^C into an interrupt and ^D on an empty line into the end of input. Escape sequences
 * (arrow keys) are swallowed: there is no line editing beyond erase.
 */
export type TtyEvent = { kind: 'line'; line: string } | { kind: 'interrupt' } | { kind: 'eof' };

export class LineDiscipline {
  private line = '';
  private escape = 0;

  /** Keys in; what the terminal echoes and the events they make. */
  input(text: string): { echo: string; events: TtyEvent[] } {
    let echo = '';
    const events: TtyEvent[] = [];
    for (const ch of text) {
      if (this.escape === 1) {
        this.escape = ch === '[' || ch === 'O' ? 2 : 0;
        continue;
      }
      if (this.escape === 2) {
        if (ch >= '@' && ch <= '~') this.escape = 0;
        continue;
      }
      switch (ch) {
        case '\x1b':
          this.escape = 1;
          break;
        case '\r':
        case '\n':
          echo += '\r\n';
          events.push({ kind: 'line', line: this.line });
          this.line = '';
          break;
        case '\x7f':
        case '\b':
          if (this.line) {
            this.line = [...this.line].slice(0, -1).join('');
            echo += '\b \b';
          }
          break;
        case '\x15':
          echo += '\b \b'.repeat([...this.line].length);
          this.line = '';
          break;
        case '\x03':
          echo += '^C\r\n';
          this.line = '';
          events.push({ kind: 'interrupt' });
          break;
        case '\x04':
          if (this.line === '') events.push({ kind: 'eof' });
          break;
        default:
          if (ch >= ' ' || ch === '\t') {
            this.line += ch;
            echo += ch;
          }
      }
    }
    return { echo, events };
  }
}

/** Output through the pty: each newline becomes CR LF (ONLCR). */
export function onlcr(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
