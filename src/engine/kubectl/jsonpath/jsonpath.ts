/**
 * A port of client-go util/jsonpath/jsonpath.go over unstructured content (GoValue): FindResults
 * with its range/end bookkeeping, the node evaluators, and PrintResults (maps and arrays as
 * compact JSON, scalars as fmt prints them, results of one node separated by spaces).
 *
 * Faithful to a fault: FindResults leaves the parser's root trimmed after a `range` (client-go
 * assigns `j.parser.Root.Nodes = nodes[i+1:]` and never restores it), so a printer reused for
 * a second object, as `kubectl get -w -o jsonpath` does, continues from there.
 *
 * One deliberate difference: Go visits a map's values in random order for `*` and `..`; here
 * they come in key order, so the same input prints the same bytes.
 */

import { goJsonMarshalIndent } from '../print/goJson';
import type { JsonValue } from '../print/goYaml';
import {
  GoByte,
  GoFloat,
  type GoValue,
  isMap,
  jsonMarshal,
  kindOf,
  numberOf,
  sortedKeys,
  sprint,
  typeName,
} from './goValues';
import type { JsonPathNode, ListNode } from './nodes';
import { parseTemplate } from './parser';

export class JsonPathError extends Error {}

function fail(message: string): never {
  throw new JsonPathError(message);
}

export class JsonPath {
  /** The root's nodes as FindResults currently sees them (trimmed by a range, see above). */
  private rootNodes: JsonPathNode[] = [];
  private parsed = false;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  /** The `{end}` node the innermost range stopped at (Go compares &nodes[i]). */
  private lastEndNode: JsonPathNode | undefined;
  private allowMissingKeys = false;
  private outputJSON = false;

  constructor(readonly name: string) {}

  setAllowMissingKeys(allow: boolean): this {
    this.allowMissingKeys = allow;
    return this;
  }

  enableJSONOutput(v: boolean): void {
    this.outputJSON = v;
  }

  /** Parse; throws JsonPathSyntaxError. */
  parse(text: string): void {
    this.rootNodes = parseTemplate(text).nodes;
    this.parsed = true;
  }

  execute(data: GoValue): string {
    const full = this.findResults(data);
    return full.map((r) => this.printResults(r)).join('');
  }

  findResults(data: GoValue): GoValue[][] {
    if (!this.parsed) fail(`${this.name} is an incomplete jsonpath template`);
    // Every top-level node starts from the same input.
    const cur: GoValue[] = [data];
    const nodes = this.rootNodes;
    const full: GoValue[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          // An empty range still runs its body once, so the position reaches its end.
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(null);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  printResults(results: GoValue[]): string {
    let values = results;
    if (this.outputJSON) values = [results];
    let out = '';
    values.forEach((r, i) => {
      const kind = kindOf(r);
      let text: string;
      if (this.outputJSON) text = `${goJsonMarshalIndent(plain(r) as JsonValue)}\n`;
      else if (kind === 'map' || kind === 'slice') text = jsonMarshal(r);
      else text = evalToText(r);
      if (i !== values.length - 1) text += ' ';
      out += text;
    });
    return out;
  }

  private walk(value: GoValue[], node: JsonPathNode): GoValue[] {
    switch (node.type) {
      case 'List':
        return this.evalList(value, node);
      case 'Text':
        return [node.text];
      case 'Field':
        return this.evalField(value, node.value);
      case 'Array':
        return evalArray(value, node.params);
      case 'Filter':
        return this.evalFilter(value, node);
      case 'Int':
        return value.map(() => node.value);
      case 'Bool':
        return value.map(() => node.value);
      case 'Float':
        return value.map(() => new GoFloat(node.value));
      case 'Wildcard':
        return value.flatMap(children);
      case 'Recursive':
        return evalRecursive(value);
      case 'Union':
        return node.nodes.flatMap((list) => this.evalList(value, list));
      case 'Identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: GoValue[], node: ListNode): GoValue[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: GoValue[], name: string): GoValue[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      fail('not in range, nothing to end');
    }
    fail(`unrecognized identifier ${name}`);
  }

  private evalField(input: GoValue[], field: string): GoValue[] {
    const results: GoValue[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value === null || !isMap(value)) continue;
      if (Object.hasOwn(value, field) && value[field] !== undefined) results.push(value[field]);
    }
    if (results.length === 0) {
      if (this.allowMissingKeys) return results;
      fail(`${field} is not found`);
    }
    return results;
  }

  private evalFilter(
    input: GoValue[],
    node: { left: ListNode; right: ListNode; operator: string },
  ): GoValue[] {
    const results: GoValue[] = [];
    for (const value of input) {
      if (kindOf(value) !== 'slice') {
        fail(
          `${value === null ? '<invalid reflect.Value>' : sprint(value)} is not array or slice and cannot be filtered`,
        );
      }
      for (const item of value as GoValue[]) {
        const temp = [item];
        let lefts: GoValue[];
        if (node.operator === 'exists') {
          try {
            lefts = this.evalList(temp, node.left);
          } catch (e) {
            if (!(e instanceof JsonPathError)) throw e;
            lefts = [];
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        lefts = this.evalList(temp, node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) fail('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) fail('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

/** A value's members as reflect walks them: a map's values, a slice's items, a string's bytes. */
function children(value: GoValue): GoValue[] {
  if (value === null) return [];
  const kind = kindOf(value);
  if (kind === 'map') {
    const m = value as { [key: string]: GoValue };
    return sortedKeys(m).map((k) => m[k]);
  }
  if (kind === 'slice') return value as GoValue[];
  if (kind === 'string') return utf8Bytes(value as string).map((b) => new GoByte(b));
  return [];
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function evalRecursive(input: GoValue[]): GoValue[] {
  const result: GoValue[] = [];
  for (const value of input) {
    if (value === null) continue;
    const inner = children(value);
    if (inner.length !== 0) {
      result.push(value);
      result.push(...evalRecursive(inner));
    }
  }
  return result;
}

function evalArray(
  input: GoValue[],
  given: readonly { value: number; known: boolean; derived: boolean }[],
): GoValue[] {
  const result: GoValue[] = [];
  for (const value of input) {
    if (value === null) continue;
    if (kindOf(value) !== 'slice') fail(`${typeName(value)} is not array or slice`);
    const list = value as GoValue[];
    const params = given.map((p) => ({ ...p }));
    const len = list.length;
    if (!params[0].known) params[0].value = 0;
    if (params[0].value < 0) params[0].value += len;
    if (!params[1].known) params[1].value = len;
    if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
    if (params[1].value === params[0].value) return result;
    if (params[0].value >= len || params[0].value < 0) {
      fail(`array index out of bounds: index ${params[0].value}, length ${len}`);
    }
    if (params[1].value > len || params[1].value < 0) {
      fail(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
    }
    if (params[0].value > params[1].value) {
      fail(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
    }
    const slice = list.slice(params[0].value, params[1].value);
    let step = 1;
    if (params[2].known) {
      if (params[2].value <= 0) fail('step must be > 0');
      step = params[2].value;
    }
    for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
  }
  return result;
}

/** The value as plain JSON data (Go's boxed numbers unboxed). */
function plain(v: GoValue): unknown {
  if (v instanceof GoFloat || v instanceof GoByte) return v.value;
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** evalToText: template.PrintableValue then fmt.Fprint; a nil interface prints "null". */
function evalToText(v: GoValue): string {
  if (v === null) return 'null';
  return sprint(v);
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: GoValue): BasicKind {
  const k = kindOf(v);
  if (k === 'bool' || k === 'int' || k === 'uint' || k === 'float' || k === 'string') return k;
  fail('invalid type for comparison');
}

/** The forked text/template comparison functions (eq, ne, lt, le, gt, ge). */
function compare(operator: string, left: GoValue, right: GoValue): boolean {
  switch (operator) {
    case '<':
      return less(left, right);
    case '>':
      return !(less(left, right) || equal(left, right));
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<=':
      return less(left, right) || equal(left, right);
    case '>=':
      return !less(left, right);
    default:
      fail(`unrecognized filter operator ${operator}`);
  }
}

function equal(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) {
      return numberOf(a) === numberOf(b);
    }
    fail('incompatible types for comparison');
  }
  if (k1 === 'string' || k1 === 'bool') return a === b;
  return numberOf(a) === numberOf(b);
}

function less(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) {
      return numberOf(a) < numberOf(b);
    }
    fail('incompatible types for comparison');
  }
  if (k1 === 'bool') fail('invalid type for comparison');
  if (k1 === 'string') return compareBytes(a as string, b as string);
  return numberOf(a) < numberOf(b);
}

/** Go compares strings byte by byte (code point order). */
function compareBytes(a: string, b: string): boolean {
  const ac = [...a];
  const bc = [...b];
  for (let i = 0; i < Math.min(ac.length, bc.length); i++) {
    const d = (ac[i].codePointAt(0) ?? 0) - (bc[i].codePointAt(0) ?? 0);
    if (d !== 0) return d < 0;
  }
  return ac.length < bc.length;
}
