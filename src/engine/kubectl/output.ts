import type { FollowSpec } from './commands/watchPrinter';

/**
 * What the terminal shows for one command. kubectl writes to stdout and stderr; a terminal
 * interleaves them in the order they were written, which is all a transcript keeps.
 */
export class Output {
  private text = '';
  /** A watch the command left open (`kubectl get -w`): the caller prints its events. */
  follow?: FollowSpec;

  /** Append text as written (callers include the newlines). */
  write(s: string): void {
    this.text += s;
  }

  /** One line; a multi-line string is written as given and terminated. */
  line(s = ''): void {
    this.text += s.endsWith('\n') ? s : `${s}\n`;
  }

  toString(): string {
    return this.text === '' || this.text.endsWith('\n') ? this.text : `${this.text}\n`;
  }
}
