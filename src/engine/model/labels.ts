/**
 * Label selectors (string form and metav1.LabelSelector) and field selectors, parsed, matched and
 * printed as k8s.io/apimachinery/pkg/labels/selector.go, pkg/apis/meta/v1/helpers.go and
 * pkg/fields/selector.go do; error texts are theirs.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isQualifiedName, isValidLabelValue } from '../apiserver/validation/names';

export type LabelMap = Record<string, string> | undefined | null;

export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: SelectorOperator;
  /** Sorted and de-duplicated, as sets.String.List() leaves them. */
  values: string[];
}

export type ParsedLabelSelector =
  | { ok: true; requirements: Requirement[]; matches: (labels: LabelMap) => boolean }
  | { ok: false; error: string };

const has = (labels: LabelMap, key: string) =>
  labels != null && Object.hasOwn(labels, key) && typeof labels[key] === 'string';

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, labels: LabelMap): boolean {
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has(labels, r.key) && r.values.includes((labels as Record<string, string>)[r.key]);
    case 'notin':
    case '!=':
      return !has(labels, r.key) || !r.values.includes((labels as Record<string, string>)[r.key]);
    case 'exists':
      return has(labels, r.key);
    case '!':
      return !has(labels, r.key);
    case 'gt':
    case 'lt': {
      if (!has(labels, r.key) || r.values.length !== 1) return false;
      const actual = (labels as Record<string, string>)[r.key];
      if (!/^[-+]?[0-9]+$/.test(actual) || !/^[-+]?[0-9]+$/.test(r.values[0])) return false;
      const lhs = BigInt(actual);
      const rhs = BigInt(r.values[0]);
      return r.operator === 'gt' ? lhs > rhs : lhs < rhs;
    }
  }
}

export function requirementsMatch(requirements: Requirement[], labels: LabelMap): boolean {
  return requirements.every((r) => requirementMatches(r, labels));
}

/** Requirement.String(). */
export function requirementString(r: Requirement): string {
  const values = r.values.join(',');
  switch (r.operator) {
    case '!':
      return `!${r.key}`;
    case 'exists':
      return r.key;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
    default:
      return `${r.key}${r.operator}${values}`;
  }
}

export function requirementsString(requirements: Requirement[]): string {
  return requirements.map(requirementString).join(',');
}

// ---- string form: the lexer and recursive-descent parser of labels/selector.go ----

type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'id'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';
interface Scanned {
  tok: Token;
  lit: string;
}

const KEYWORDS: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};
const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

function lex(s: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (isSpecial(s[pos])) {
      let buffer = '';
      let last: Scanned | undefined;
      while (pos < s.length && isSpecial(s[pos])) {
        buffer += s[pos];
        const tok = KEYWORDS[buffer];
        if (tok) {
          last = { tok, lit: buffer };
          pos++;
        } else if (last) {
          break;
        } else {
          pos++;
        }
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = '';
    while (pos < s.length && !isSpecial(s[pos]) && !isWhitespace(s[pos])) buffer += s[pos++];
    const keyword = KEYWORDS[buffer];
    out.push(keyword ? { tok: keyword, lit: buffer } : { tok: 'id', lit: buffer });
  }
}

class SelectorSyntaxError extends Error {}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** Formats one field.Error the way Go's Error() does; the parser passes a nil path. */
function fieldInvalid(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${JSON.stringify(value)}: ${detail}`;
}

function validateLabelKey(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? fieldInvalid(path, key, errs.join('; ')) : undefined;
}

class Parser {
  private position = 0;
  constructor(private readonly items: Scanned[]) {}

  // In a value position the keywords `in`/`notin` are plain identifiers.
  private lookahead(values: boolean): Scanned {
    const item = this.items[this.position];
    return values && (item.tok === 'in' || item.tok === 'notin') ? { ...item, tok: 'id' } : item;
  }

  private consume(values: boolean): Scanned {
    const item = this.lookahead(values);
    this.position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'end') return requirements;
      if (tok !== 'id' && tok !== '!') {
        throw new SelectorSyntaxError(
          `found '${lit}', expected: !, identifier, or 'end of string'`,
        );
      }
      let r: Requirement;
      try {
        r = this.parseRequirement();
      } catch (e) {
        throw new SelectorSyntaxError(`unable to parse requirement: ${(e as Error).message}`);
      }
      requirements.push(r);
      const next = this.consume(true);
      if (next.tok === 'end') return requirements;
      if (next.tok !== ',') {
        throw new SelectorSyntaxError(`found '${next.lit}', expected: ',' or 'end of string'`);
      }
      const after = this.lookahead(true);
      if (after.tok !== 'id' && after.tok !== '!') {
        throw new SelectorSyntaxError(`found '${after.lit}', expected: identifier after ','`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let negated = false;
    let { tok, lit } = this.consume(true);
    if (tok === '!') {
      negated = true;
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== 'id') throw new Error(`found '${lit}', expected: identifier`);
    const key = lit;
    const keyError = validateLabelKey(key, '<nil>');
    if (keyError) throw new Error(keyError);
    const next = this.lookahead(true).tok;
    // `!key` is complete by itself; whatever follows is then judged by the caller (`!a=b` fails
    // on the `=`).
    if (negated) return newRequirement(key, '!', []);
    if (next === 'end' || next === ',') return newRequirement(key, 'exists', []);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, values);
  }

  private parseOperator(): SelectorOperator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case 'in':
        return 'in';
      case '=':
        return '=';
      case '==':
        return '==';
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      case 'notin':
        return 'notin';
      case '!=':
        return '!=';
      default:
        throw new Error(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.tok !== '(') throw new Error(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === 'id' || tok === ',') {
      const values = this.parseIdentifiersList();
      if (this.consume(true).tok !== ')') throw new Error(`found '${lit}', expected: ')'`);
      return values;
    }
    if (tok === ')') {
      this.consume(true);
      return [''];
    }
    throw new Error(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): string[] {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'id') {
        values.add(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return [...values];
        throw new Error(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok === ',') {
        if (values.size === 0) values.add('');
        const next = this.lookahead(true).tok;
        if (next === ')') {
          values.add('');
          return [...values];
        }
        if (next === ',') values.add('');
        continue;
      }
      throw new Error(`found '${lit}', expected: ',', or identifier`);
    }
  }

  private parseExactValue(): string[] {
    const next = this.lookahead(true).tok;
    if (next === 'end' || next === ',') return [''];
    const { tok, lit } = this.consume(true);
    if (tok === 'id') return [lit];
    throw new Error(`found '${lit}', expected: identifier`);
  }
}

/** NewRequirement's checks; several failures aggregate as `[a, b]`. */
function newRequirement(key: string, operator: SelectorOperator, values: string[]): Requirement {
  const errs: string[] = [];
  const keyError = validateLabelKey(key, 'key');
  if (keyError) errs.push(keyError);
  const sorted = [...new Set(values)].sort();
  if ((operator === 'in' || operator === 'notin') && sorted.length === 0) {
    errs.push(`values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty`);
  }
  if (operator === 'gt' || operator === 'lt') {
    sorted.forEach((v, i) => {
      if (!/^[-+]?[0-9]+$/.test(v)) {
        errs.push(
          fieldInvalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"),
        );
      }
    });
  }
  sorted.forEach((v, i) => {
    const valueErrs = isValidLabelValue(v);
    if (valueErrs.length) errs.push(fieldInvalid(`values[${i}][${key}]`, v, valueErrs.join('; ')));
  });
  const unique = [...new Set(errs)];
  if (unique.length === 1) throw new Error(unique[0]);
  if (unique.length > 1) throw new Error(`[${unique.join(', ')}]`);
  return { key, operator, values: sorted };
}

const byKey = (a: Requirement, b: Requirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** labels.Parse: `app=nginx,tier!=x,env in (a,b),!foo,foo`. */
export function parseSelector(selector: string): ParsedLabelSelector {
  let requirements: Requirement[];
  try {
    requirements = new Parser(lex(selector)).parse().sort(byKey);
  } catch (e) {
    if (e instanceof Error) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, requirements, matches: (labels) => requirementsMatch(requirements, labels) };
}

// ---- metav1.LabelSelector ----

const EXPRESSION_OPERATORS: Record<string, SelectorOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * LabelSelectorAsSelector: `undefined` for a nil selector (matches nothing), `[]` for `{}`
 * (matches everything), or an error message.
 */
export function labelSelectorRequirements(
  sel: LabelSelector | undefined | null,
): Requirement[] | undefined | { error: string } {
  if (sel == null) return undefined;
  const requirements: Requirement[] = [];
  try {
    for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
      requirements.push(newRequirement(key, '=', [String(value)]));
    }
    for (const expr of sel.matchExpressions ?? []) {
      const op = EXPRESSION_OPERATORS[expr.operator];
      if (!op)
        return { error: `${JSON.stringify(expr.operator)} is not a valid label selector operator` };
      requirements.push(newRequirement(expr.key, op, expr.values ?? []));
    }
  } catch (e) {
    return { error: (e as Error).message };
  }
  return requirements.sort(byKey);
}

/** A nil selector matches nothing, an empty one everything, an invalid one nothing. */
export function matchLabelSelector(
  sel: LabelSelector | undefined | null,
  labels: LabelMap,
): boolean {
  if (sel == null) return false;
  let requirements = compiledSelectors.get(sel);
  if (requirements === undefined) {
    const parsed = labelSelectorRequirements(sel);
    requirements = Array.isArray(parsed) ? parsed : null;
    compiledSelectors.set(sel, requirements);
  }
  return requirements !== null && requirementsMatch(requirements, labels);
}

/**
 * Selectors already parsed, by the selector object: the controllers match a stored object's
 * selector (never changed once stored) against every pod of a namespace, over and over.
 * Null: invalid.
 */
const compiledSelectors = new WeakMap<object, Requirement[] | null>();

/** FormatLabelSelector: what `kubectl describe` prints after `Selector:`. */
export function selectorToString(sel: LabelSelector | undefined | null): string {
  const requirements = labelSelectorRequirements(sel);
  if (requirements !== undefined && !Array.isArray(requirements)) return '<error>';
  const text = requirementsString(requirements ?? []);
  return text.length === 0 ? '<none>' : text;
}

/** labels.Set(m).String(): `a=b,c=d`, keys sorted (a Service's selector). */
export function labelMapString(labels: LabelMap): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${(labels as Record<string, string>)[k]}`)
    .join(',');
}

// ---- field selectors ----

export interface FieldRequirement {
  field: string;
  operator: '=' | '==' | '!=';
  value: string;
}

export type ParsedFieldSelector =
  | { ok: true; requirements: FieldRequirement[] }
  | { ok: false; error: string };

/** fields.ParseSelector: terms split on unescaped commas, sorted, each `field(=|==|!=)value`. */
export function parseFieldSelector(selector: string): ParsedFieldSelector {
  const terms = splitTerms(selector).sort();
  const requirements: FieldRequirement[] = [];
  for (const term of terms) {
    if (term === '') continue;
    const split = splitTerm(term);
    if (!split) {
      return { ok: false, error: `invalid selector: '${selector}'; can't understand '${term}'` };
    }
    requirements.push({ ...split, value: split.value.replace(/\\([\\,=])/g, '$1') });
  }
  return { ok: true, requirements };
}

function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (ch === '\\' && i + 1 < selector.length) {
      current += ch + selector[++i];
    } else if (ch === ',') {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms;
}

function splitTerm(term: string): FieldRequirement | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const operator of ['!=', '==', '='] as const) {
      if (term.startsWith(operator, i)) {
        return { field: term.slice(0, i), operator, value: term.slice(i + operator.length) };
      }
    }
  }
  return undefined;
}

const META_FIELDS = ['metadata.name', 'metadata.namespace'];

/** The field labels each kind's registry converts (pkg/apis/*\/v1/conversion.go). */
const KIND_FIELDS: Record<string, string[]> = {
  Pod: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  Event: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};
/** Kinds whose conversion functions say `field label not supported`; others use the metav1 default. */
const CORE_KINDS = new Set(['Pod', 'Event', 'Node', 'Namespace']);

/** The error a List with this field selector fails with, or undefined when every field is known. */
export function fieldSelectorError(
  kind: string,
  requirements: FieldRequirement[],
): string | undefined {
  const known = [...META_FIELDS, ...(KIND_FIELDS[kind] ?? [])];
  const unknown = requirements.find((r) => !known.includes(r.field));
  if (!unknown) return undefined;
  if (CORE_KINDS.has(kind)) return `field label not supported: ${unknown.field}`;
  // runtime.DefaultMetaV1FieldSelectorConversion
  return `${JSON.stringify(unknown.field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}

/** The string a field selector compares against, as the registries' *ToSelectableFields build it. */
// biome-ignore lint/suspicious/noExplicitAny: objects of any kind carry these fields
export function fieldValue(obj: any, field: string): string {
  const get = (path: string): unknown =>
    path
      .split('.')
      .reduce((o: unknown, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
  switch (field) {
    case 'spec.hostNetwork':
      return String(Boolean(get(field)));
    case 'spec.unschedulable':
      return String(Boolean(get(field)));
    case 'status.podIPs':
      return String(obj?.status?.podIPs?.[0]?.ip ?? obj?.status?.podIP ?? '');
    case 'source':
      return String(obj?.source?.component ?? obj?.reportingComponent ?? '');
    case 'status.replicas':
    case 'status.successful':
      return String(get(field) ?? 0);
    default: {
      const value = get(field);
      return value == null ? '' : String(value);
    }
  }
}

/** Whether `obj` satisfies every term of the field selector (string or parsed). */
export function matchFieldSelector(
  selector: string | FieldRequirement[],
  // biome-ignore lint/suspicious/noExplicitAny: objects of any kind
  obj: any,
): boolean {
  let requirements: FieldRequirement[];
  if (typeof selector === 'string') {
    const parsed = parseFieldSelector(selector);
    if (!parsed.ok) return false;
    requirements = parsed.requirements;
  } else {
    requirements = selector;
  }
  return requirements.every((r) => {
    const equal = fieldValue(obj, r.field) === r.value;
    return r.operator === '!=' ? !equal : equal;
  });
}
