/**
 * Sets of field paths, as sigs.k8s.io/structured-merge-diff fieldpath.Set holds them: a tree
 * whose nodes are path elements, each node a member (the path itself is in the set) and/or the
 * parent of deeper paths. A path element is kept in its FieldsV1 spelling (serialize-pe.go):
 * `f:name` a field, `k:{"name":"web"}` a list item by its keys, `v:"x"` a set item by its value,
 * `i:0` an item by its index. FieldsV1 is that tree as JSON, `.` marking a node that is a member
 * and has children too.
 */

export interface FieldSet {
  members: Set<string>;
  children: Map<string, FieldSet>;
}

export type Path = readonly string[];

export function emptySet(): FieldSet {
  return { members: new Set(), children: new Map() };
}

export function isEmpty(s: FieldSet): boolean {
  if (s.members.size > 0) return false;
  for (const c of s.children.values()) if (!isEmpty(c)) return false;
  return true;
}

export function insert(s: FieldSet, path: Path): void {
  if (path.length === 0) return;
  let node = s;
  for (let i = 0; i < path.length - 1; i++) {
    let next = node.children.get(path[i]);
    if (!next) {
      next = emptySet();
      node.children.set(path[i], next);
    }
    node = next;
  }
  node.members.add(path[path.length - 1]);
}

export function has(s: FieldSet, path: Path): boolean {
  if (path.length === 0) return false;
  let node: FieldSet | undefined = s;
  for (let i = 0; i < path.length - 1; i++) {
    node = node.children.get(path[i]);
    if (!node) return false;
  }
  return node.members.has(path[path.length - 1]);
}

/** The paths under one element (Set.WithPrefix): the child's subtree. */
export function withPrefix(s: FieldSet, pe: string): FieldSet {
  return s.children.get(pe) ?? emptySet();
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { members: new Set(a.members), children: new Map() };
  for (const m of b.members) out.members.add(m);
  for (const [k, c] of a.children) {
    const other = b.children.get(k);
    out.children.set(k, other ? union(c, other) : copy(c));
  }
  for (const [k, c] of b.children) if (!a.children.has(k)) out.children.set(k, copy(c));
  return out;
}

/** Set.Difference: members of a not in b; each child minus b's child of the same element. */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  const out = emptySet();
  for (const m of a.members) if (!b.members.has(m)) out.members.add(m);
  for (const [k, c] of a.children) {
    const other = b.children.get(k);
    const d = other ? difference(c, other) : copy(c);
    if (!isEmpty(d)) out.children.set(k, d);
  }
  return out;
}

/** Set.RecursiveDifference: as difference, and a member of b removes a's whole subtree too. */
export function recursiveDifference(a: FieldSet, b: FieldSet): FieldSet {
  const out = emptySet();
  for (const m of a.members) if (!b.members.has(m)) out.members.add(m);
  for (const [k, c] of a.children) {
    if (b.members.has(k)) continue;
    const other = b.children.get(k);
    const d = other ? recursiveDifference(c, other) : copy(c);
    if (!isEmpty(d)) out.children.set(k, d);
  }
  return out;
}

export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out = emptySet();
  for (const m of a.members) if (b.members.has(m)) out.members.add(m);
  for (const [k, c] of a.children) {
    const other = b.children.get(k);
    if (!other) continue;
    const i = intersection(c, other);
    if (!isEmpty(i)) out.children.set(k, i);
  }
  return out;
}

export function copy(s: FieldSet): FieldSet {
  const out: FieldSet = { members: new Set(s.members), children: new Map() };
  for (const [k, c] of s.children) out.children.set(k, copy(c));
  return out;
}

/** Every member path, in the set's order (Set.Iterate). */
export function paths(s: FieldSet, prefix: string[] = [], out: string[][] = []): string[][] {
  for (const pe of sortedElements([...new Set([...s.members, ...s.children.keys()])])) {
    const p = [...prefix, pe];
    if (s.members.has(pe)) out.push(p);
    const c = s.children.get(pe);
    if (c) paths(c, p, out);
  }
  return out;
}

export function equalSets(a: FieldSet, b: FieldSet): boolean {
  return isEmpty(difference(a, b)) && isEmpty(difference(b, a));
}

// ---- path elements ----

export function fieldElement(name: string): string {
  return `f:${name}`;
}

export function indexElement(i: number): string {
  return `i:${i}`;
}

export function valueElement(v: unknown): string {
  return `v:${JSON.stringify(v)}`;
}

/** `k:{...}`: the key fields sorted by name (value.FieldList.Sort), as serialize-pe.go writes them. */
export function keyElement(fields: [string, unknown][]): string {
  const sorted = [...fields].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return `k:{${sorted.map(([n, v]) => `${JSON.stringify(n)}:${JSON.stringify(v)}`).join(',')}}`;
}

function kindRank(pe: string): number {
  switch (pe[0]) {
    case 'f':
      return 0;
    case 'k':
      return 1;
    case 'v':
      return 2;
    default:
      return 3;
  }
}

/** value.Compare: numbers < strings < booleans < lists < maps < null, each in its own order. */
function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) =>
    typeof v === 'number'
      ? 0
      : typeof v === 'string'
        ? 1
        : typeof v === 'boolean'
          ? 2
          : Array.isArray(v)
            ? 3
            : v !== null && typeof v === 'object'
              ? 4
              : 5;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (ra === 2) return a === b ? 0 : a ? 1 : -1;
  const ta = JSON.stringify(a);
  const tb = JSON.stringify(b);
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** PathElement.Compare: fields, then keys, then values, then indices, each in its own order. */
export function compareElements(a: string, b: string): number {
  const ka = kindRank(a);
  const kb = kindRank(b);
  if (ka !== kb) return ka - kb;
  const ta = a.slice(2);
  const tb = b.slice(2);
  switch (a[0]) {
    case 'f':
      return ta === tb ? 0 : ta < tb ? -1 : 1;
    case 'k': {
      // FieldList.Compare: name by name, value by value, the shorter list first.
      const la = Object.entries(JSON.parse(ta) as Record<string, unknown>);
      const lb = Object.entries(JSON.parse(tb) as Record<string, unknown>);
      for (let i = 0; ; i++) {
        if (i >= la.length && i >= lb.length) return 0;
        if (i >= la.length) return -1;
        if (i >= lb.length) return 1;
        if (la[i][0] !== lb[i][0]) return la[i][0] < lb[i][0] ? -1 : 1;
        const c = compareValues(la[i][1], lb[i][1]);
        if (c !== 0) return c;
      }
    }
    case 'v':
      return compareValues(JSON.parse(ta), JSON.parse(tb));
    default:
      return Number(ta) - Number(tb);
  }
}

export function sortedElements(pes: string[]): string[] {
  return pes.sort(compareElements);
}

/** value.ToString of a scalar: strings quoted as Go's %q, the rest as %v. */
function goValueString(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goValueString).join(',')}]`;
  if (typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}=${goValueString(x)}`)
      .join('');
  return String(v);
}

/** PathElement.String: `.name`, `[name="web"]`, `[=value]`, `[0]`. */
export function elementString(pe: string): string {
  const text = pe.slice(2);
  switch (pe[0]) {
    case 'f':
      return `.${text}`;
    case 'k':
      return `[${Object.entries(JSON.parse(text) as Record<string, unknown>)
        .map(([n, v]) => `${n}=${goValueString(v)}`)
        .join(',')}]`;
    case 'v':
      return `[=${goValueString(JSON.parse(text))}]`;
    default:
      return `[${text}]`;
  }
}

/** Path.String: the elements' strings run together (`.spec.containers[name="web"].image`). */
export function pathString(path: Path): string {
  return path.map(elementString).join('');
}

// ---- FieldsV1 ----

export type FieldsV1 = { [pe: string]: FieldsV1 };

/** Set.ToJSON: members as `{}`, children as objects, `.` for a member that has children too. */
export function toFieldsV1(s: FieldSet): FieldsV1 {
  const out: FieldsV1 = {};
  const all = sortedElements([...new Set([...s.members, ...s.children.keys()])]);
  for (const pe of all) {
    const child = s.children.get(pe);
    if (child && !isEmpty(child)) {
      const inner = toFieldsV1(child);
      out[pe] = s.members.has(pe) ? { '.': {}, ...inner } : inner;
    } else if (s.members.has(pe)) {
      out[pe] = {};
    }
  }
  return out;
}

/** Set.FromJSON: the inverse; an unreadable document is an error (the entry is then dropped). */
export function fromFieldsV1(json: unknown): FieldSet {
  const s = emptySet();
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new Error('expected an object');
  for (const [pe, v] of Object.entries(json as Record<string, unknown>)) {
    if (pe === '.') continue;
    if (pe.length < 2 || pe[1] !== ':' || !'fkvi'.includes(pe[0]))
      throw new Error(`unknown path element ${JSON.stringify(pe)}`);
    const child = fromFieldsV1(v);
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 0 || Object.hasOwn(obj, '.')) s.members.add(pe);
    if (!isEmpty(child)) s.children.set(pe, child);
  }
  return s;
}

/** A set from paths written as element lists (for tests and the fixed strip set). */
export function setOf(...list: Path[]): FieldSet {
  const s = emptySet();
  for (const p of list) insert(s, p);
  return s;
}
