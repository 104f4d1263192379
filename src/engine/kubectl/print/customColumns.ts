/**
 * kubectl pkg/cmd/get/customcolumn.go: `-o custom-columns=NAME:.metadata.name,…` and
 * `custom-columns-file`, each column a relaxed JSONPath whose results print with fmt.Sprint,
 * comma-joined, `<none>` when there is none; the header once per kind of object.
 */
import { type GoValue, sprint } from '../jsonpath/goValues';
import { JsonPath, JsonPathError } from '../jsonpath/jsonpath';
import { JsonPathSyntaxError } from '../jsonpath/parser';
import { PrintError } from './jsonpathPrinter';
import type { TabWriter } from './tabwriter';

const JSON_REGEXP = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` → `{.metadata.name}`. */
export function relaxedJsonPath(expression: string): string {
  if (expression === '') return expression;
  const m = JSON_REGEXP.exec(expression);
  if (!m) {
    throw new PrintError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] || m[2]}}`;
}

export interface Column {
  header: string;
  fieldSpec: string;
}

/** NewCustomColumnsPrinterFromSpec. */
export function columnsFromSpec(spec: string): Column[] {
  if (spec === '')
    throw new PrintError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new PrintError(
        `unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`,
      );
    }
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a header line and a spec line, split on whitespace. */
export function columnsFromTemplate(text: string): Column[] {
  // bufio.Scanner's lines: a final newline ends the last line, it does not start another.
  const lines =
    text === ''
      ? []
      : text
          .replace(/\n$/, '')
          .split('\n')
          .map((l) => l.replace(/\r$/, ''));
  const usage =
    'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (lines.length < 1) throw new PrintError(`invalid template, missing header line. ${usage}`);
  if (lines.length < 2) throw new PrintError(`invalid template, missing spec line. ${usage}`);
  const words = (l: string) => l.split(/\s+/).filter((w) => w !== '');
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) {
    throw new PrintError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i]) }));
}

export class CustomColumnsPrinter {
  private headerPrinted: boolean;

  constructor(
    readonly columns: Column[],
    private readonly noHeaders: boolean,
    headerPrinted = false,
  ) {
    this.headerPrinted = headerPrinted;
  }

  /** Whether the header has been written (kept across a watch's events). */
  get printedHeader(): boolean {
    return this.headerPrinted;
  }

  /** PrintObj for one object or a list's items. */
  print(items: GoValue[], out: TabWriter): void {
    if (!this.noHeaders && !this.headerPrinted) {
      out.write(`${this.columns.map((c) => c.header).join('\t')}\n`);
      this.headerPrinted = true;
    }
    const parsers = this.columns.map((c, ix) => {
      const p = new JsonPath(`column${ix}`).setAllowMissingKeys(true);
      try {
        p.parse(c.fieldSpec);
      } catch (e) {
        if (e instanceof JsonPathSyntaxError) throw new PrintError(e.message);
        throw e;
      }
      return p;
    });
    for (const item of items) {
      const cells = parsers.map((p) => {
        let values: GoValue[][];
        try {
          values = p.findResults(item);
        } catch (e) {
          if (e instanceof JsonPathError) throw new PrintError(e.message);
          throw e;
        }
        if (values.length === 0 || values[0].length === 0) return '<none>';
        return values
          .flat()
          .map((v) => escapeTerminal(sprint(v)))
          .join(',');
      });
      out.write(`${cells.join('\t')}\n`);
    }
  }
}

/** printers.EscapeTerminal. */
function escapeTerminal(text: string): string {
  return text.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}
