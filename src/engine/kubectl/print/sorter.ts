/**
 * `kubectl get --sort-by` (kubernetes/kubectl pkg/cmd/get/sorter.go): SortObjects for lists
 * (-o yaml|json|name|jsonpath|custom-columns) and TableSorter for the rows of a table, both
 * with Go's unstable sort.Sort and isLess over unstructured values: integers and floats by
 * value, strings as quantities when both parse (`100m` < `1`), otherwise byte-wise (so RFC 3339
 * timestamps sort by time), a missing value first; maps, lists and booleans cannot be sorted
 * and end kubectl through klog.Exitf.
 */
import { type GoValue, kindOf, numberOf, quote } from '../jsonpath/goValues';
import { JsonPath, JsonPathError } from '../jsonpath/jsonpath';
import { JsonPathSyntaxError } from '../jsonpath/parser';
import { relaxedJsonPath } from './customColumns';
import { goSortSlice } from './goSort';
import { PrintError } from './jsonpathPrinter';
import { compareQuantity, parseQuantityStrict } from './quantity';

/** klog.Exitf: kubectl stops at once (sorter.go line numbers at v0.32.9). */
export class SortFatal extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

function parser(field: string, wrap: (m: string) => string): JsonPath {
  const p = new JsonPath('sorting').setAllowMissingKeys(true);
  try {
    p.parse(field);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) throw new PrintError(wrap(e.message));
    throw e;
  }
  return p;
}

function results(p: JsonPath, item: GoValue): GoValue[][] {
  try {
    return p.findResults(item);
  } catch (e) {
    if (e instanceof JsonPathError) throw new PrintError(e.message);
    throw e;
  }
}

function found(values: GoValue[][]): boolean {
  return values.length > 0 && values[0].length > 0;
}

/** SortObjects: the items in kubectl's order, or PrintError / SortFatal as kubectl fails. */
export function sortObjects(items: GoValue[], fieldInput: string): GoValue[] {
  const field = relaxedJsonPath(fieldInput);
  const p = parser(field, (m) => m);
  const keyed = items.map((item) => ({ item, values: results(p, item) }));
  if (!keyed.some((k) => found(k.values))) {
    throw new PrintError(
      `couldn't find any field with path ${quote(field)} in the list of objects`,
    );
  }
  goSortSlice(keyed, (a, b) =>
    lessValues(a.values, b.values, (kind, err) =>
      fatal(
        329,
        `Field ${field} in *unstructured.Unstructured is an unsortable type: ${kind}, err: ${err}`,
      ),
    ),
  );
  return keyed.map((k) => k.item);
}

/**
 * NewTableSorter + Sort over a table's rows (the objects behind them). The field is relaxed
 * when it can be, used as written otherwise, as SortingPrinter does.
 */
export function sortTableRows<T>(rows: T[], content: (row: T) => GoValue, fieldInput: string): T[] {
  if (rows.length <= 1) return rows;
  let field: string;
  try {
    field = relaxedJsonPath(fieldInput);
  } catch {
    field = fieldInput;
  }
  const p = parser(field, (m) => `sorting error: ${m}`);
  const keyed = rows.map((row) => ({ row, values: results(p, content(row)) }));
  if (!keyed.some((k) => found(k.values))) {
    throw new PrintError(
      `couldn't find any field with path ${quote(field)} in the list of objects`,
    );
  }
  goSortSlice(keyed, (a, b) =>
    lessValues(a.values, b.values, (kind, err) =>
      fatal(
        375,
        `Field ${field} in [][][]reflect.Value is an unsortable type: ${kind}, err: ${err}`,
      ),
    ),
  );
  return keyed.map((k) => k.row);
}

function fatal(line: number, message: string): never {
  throw new SortFatal(line, message);
}

function lessValues(
  i: GoValue[][],
  j: GoValue[][],
  unsortable: (kind: string, err: string) => never,
): boolean {
  if (!found(i)) return true;
  if (!found(j)) return false;
  const result = isLess(i[0][0], j[0][0]);
  if (typeof result === 'string') unsortable('interface', result);
  return result;
}

/** isLess for values of interface kind (everything unstructured content holds); a string is the error. */
function isLess(i: GoValue, j: GoValue): boolean | string {
  if (i === null && j === null) return false;
  if (i === null) return true;
  if (j === null) return false;
  const ki = kindOf(i);
  const kj = kindOf(j);
  switch (ki) {
    case 'int':
    case 'float':
    case 'uint':
      if (kj === ki) return numberOf(i) < numberOf(j);
      return 'unsortable interface: interface';
    case 'string': {
      if (kj !== 'string') return 'unsortable interface: interface';
      const a = i as string;
      const b = j as string;
      const qa = parseQuantityStrict(a);
      const qb = qa && parseQuantityStrict(b);
      if (qa && qb) return compareQuantity(qa, qb) < 0;
      return bytesLess(a, b);
    }
    case 'bool':
      return 'unsortable type: bool';
    case 'slice':
      return 'unsortable type: []interface {}';
    default:
      return 'unsortable type: map[string]interface {}';
  }
}

function bytesLess(a: string, b: string): boolean {
  const ac = [...a];
  const bc = [...b];
  for (let k = 0; k < Math.min(ac.length, bc.length); k++) {
    const d = (ac[k].codePointAt(0) ?? 0) - (bc[k].codePointAt(0) ?? 0);
    if (d !== 0) return d < 0;
  }
  return ac.length < bc.length;
}
