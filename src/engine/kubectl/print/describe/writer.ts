/**
 * kubectl pkg/describe/describe.go's PrefixWriter over tabbedString's tabwriter: each level
 * indents two spaces, and everything is aligned by the describe tabwriter (padding 2).
 */
import { DESCRIBE_TABWRITER, TabWriter } from '../tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class PrefixWriter {
  constructor(private readonly out: TabWriter) {}

  write(level: number, text: string): void {
    this.out.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** fmt.Sprintln: the text and a newline, no indentation. */
  writeLine(text = ''): void {
    this.out.write(escapeTerminal(`${text}\n`));
  }

  /** Ends the current column blocks (DescribeEvents flushes before its table). */
  flush(): void {
    this.out.flush();
  }
}

export function tabbedString(describeInto: (w: PrefixWriter) => void): string {
  const out = new TabWriter(DESCRIBE_TABWRITER);
  describeInto(new PrefixWriter(out));
  return out.text();
}

/** cli-runtime printers.WriteEscaped: terminal escape and carriage return made visible. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/** A writer that keeps text as written: describe.NewPrefixWriter straight over a buffer. */
class Unaligned extends TabWriter {
  private raw = '';
  override write(text: string): void {
    this.raw += text;
  }
  override flush(): void {}
  override text(): string {
    return this.raw;
  }
}

/** PrefixWriter output without a tabwriter (tabs stay tabs), as `rollout history --revision` prints. */
export function untabbedString(describeInto: (w: PrefixWriter) => void): string {
  const out = new Unaligned(DESCRIBE_TABWRITER);
  describeInto(new PrefixWriter(out));
  return out.text();
}
