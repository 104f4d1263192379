/**
 * A port of Go's text/tabwriter (left-aligned, no flags), which every kubectl table and describe
 * goes through. Alignment is per "column block": consecutive lines that all have a tab-terminated
 * cell in that column; a line with fewer cells ends the block, and the last cell of a line (text
 * after its final tab) is never padded. Go source: src/text/tabwriter/tabwriter.go (format,
 * writeLines, writePadding). Widths count runes, as utf8.RuneCount does.
 */
export interface TabWriterSettings {
  minWidthChars: number;
  paddingChars: number;
  /**
   * liggitt/tabwriter's RememberWidths flag (what kubectl get uses): a column never shrinks
   * across flushes, so rows printed after a periodic flush stay aligned with earlier ones.
   */
  rememberWidths?: boolean;
}

/** kubectl get: cli-runtime pkg/printers/tabwriter.go (minwidth 6, tabwidth 4, padding 3, ' ', RememberWidths). */
export const GET_TABWRITER: TabWriterSettings = {
  minWidthChars: 6,
  paddingChars: 3,
  rememberWidths: true,
};

/** kubectl describe: kubectl pkg/describe/describe.go tabbedString (out.Init(buf, 0, 8, 2, ' ', 0)). */
export const DESCRIBE_TABWRITER: TabWriterSettings = { minWidthChars: 0, paddingChars: 2 };

export class TabWriter {
  private pending = '';
  private output = '';
  private readonly maxWidths: number[];

  /** `widths`: column widths a RememberWidths writer remembers from earlier output. */
  constructor(
    private readonly settings: TabWriterSettings,
    widths: readonly number[] = [],
  ) {
    this.maxWidths = [...widths];
  }

  /** The widths a RememberWidths writer keeps for later flushes (`kubectl get -w` rows). */
  rememberedWidths(): number[] {
    return [...this.maxWidths];
  }

  write(text: string): void {
    this.pending += text;
  }

  /** Formats everything written since the last flush; later text starts new column blocks. */
  flush(): void {
    if (this.pending === '') return;
    this.output += this.format(this.pending);
    this.pending = '';
  }

  text(): string {
    this.flush();
    return this.output;
  }

  private format(text: string): string {
    const raw = text.split('\n');
    const partial = raw.pop() ?? '';
    const lines = raw.map((line) => line.split('\t'));
    const out: string[] = [];
    this.formatBlock(lines, [], 0, lines.length, out);
    return out.join('') + partial;
  }

  private formatBlock(
    lines: string[][],
    widths: number[],
    firstLine: number,
    endLine: number,
    out: string[],
  ): void {
    const column = widths.length;
    let line0 = firstLine;
    for (let at = firstLine; at < endLine; at++) {
      if (column >= lines[at].length - 1) continue;
      this.writeLines(lines, widths, line0, at, out);
      line0 = at;
      let width = this.settings.minWidthChars;
      for (; at < endLine; at++) {
        const cells = lines[at];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]) + this.settings.paddingChars);
      }
      if (this.settings.rememberWidths) {
        width = Math.max(width, this.maxWidths[column] ?? 0);
        this.maxWidths[column] = width;
      }
      widths.push(width);
      this.formatBlock(lines, widths, line0, at, out);
      widths.pop();
      line0 = at;
    }
    this.writeLines(lines, widths, line0, endLine, out);
  }

  private writeLines(
    lines: string[][],
    widths: number[],
    line0: number,
    line1: number,
    out: string[],
  ): void {
    for (let i = line0; i < line1; i++) {
      let text = '';
      lines[i].forEach((cell, j) => {
        text += cell;
        if (j < widths.length) text += ' '.repeat(widths[j] - runeCount(cell));
      });
      out.push(`${text}\n`);
    }
  }
}

export function runeCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
