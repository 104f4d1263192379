// Reads the Go API types (k8s.io/api, k8s.io/apimachinery) as far as the OpenAPI generator needs
// them: each struct's JSON fields with their Go types, the `+enum` string types and their
// constants. The real server builds its OpenAPI from generated Go definitions
// (kube-openapi pkg/generators) that carry the enum values; the published swagger.json has them
// pruned (hack/update-openapi-spec.sh runs kube-apiserver with OpenAPIEnums=false), so the
// generator puts them back from the same Go source the definitions were generated from.
//
// A line-based reader, not a Go parser: it understands what gofmt'ed API type files contain
// (one field a line, const blocks, doc comments) and throws on anything else it is asked about.
import { execFileSync } from 'node:child_process';

/** Files of a source tree: a git commit of a mirror, read without a checkout. */
export interface SourceTree {
  /** Go files directly in DIR (no tests, no generated protobuf or deepcopy code). */
  goFiles(dir: string): string[];
  read(path: string): string;
}

export function gitTree(gitDir: string, ref: string): SourceTree {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return {
    goFiles: (dir) =>
      git('ls-tree', '--name-only', `${ref}:${dir}`)
        .split('\n')
        .filter(
          (f) => f.endsWith('.go') && !/(_test\.go|\.pb\.go|^zz_generated|_generated\.go)$/.test(f),
        )
        .sort()
        .map((f) => `${dir}/${f}`),
    read: (path) => git('show', `${ref}:${path}`),
  };
}

/** A Go type as written: a named type (package path + name), a pointer, slice or map of one. */
export type GoType =
  | { kind: 'named'; pkg: string; name: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'pointer' | 'slice'; elem: GoType }
  | { kind: 'map'; elem: GoType }
  /** Anything else (interface{}, func types, …): never an enum, never inlined here. */
  | { kind: 'other'; expr: string };

export interface GoField {
  /** The JSON name, or undefined for an inlined embedded struct. */
  json: string | undefined;
  type: GoType;
}

export interface EnumValue {
  name: string;
  value: string;
  comment: string;
}

interface GoPackage {
  /** Structs by name; a message for those this reader cannot read (asked about, it throws). */
  structs: Map<string, GoField[] | string>;
  /** `type X string` with `+enum`. */
  enums: Set<string>;
  /** `type X = Y`: Go type aliases, resolved when looking a type up. */
  aliases: Map<string, GoType>;
  /** Typed string constants: type name → values (all of them, enum or not). */
  constants: Map<string, EnumValue[]>;
}

const BUILTINS = new Set([
  'string',
  'bool',
  'byte',
  'int',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'float32',
  'float64',
]);

/** go/ast CommentGroup.Text for `//` comments: markers, one leading space and directives gone. */
function commentText(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    let c = raw.slice(2);
    if (/^(line |extern |export |[a-z0-9]+:[a-z0-9])/.test(c)) continue;
    if (c.startsWith(' ')) c = c.slice(1);
    out.push(c.replace(/\s+$/, ''));
  }
  while (out.length > 0 && out[0] === '') out.shift();
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.filter((l, i) => !(l === '' && out[i - 1] === ''));
}

/** The `//` comment of a line of code, if any, outside strings and struct tags. */
function trailingComment(line: string): string | undefined {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === '/' && line[i + 1] === '/') return line.slice(i);
  }
  return undefined;
}

function parseType(expr: string, resolve: (qualified: string) => GoType): GoType {
  if (expr.startsWith('*')) return { kind: 'pointer', elem: parseType(expr.slice(1), resolve) };
  if (expr.startsWith('[]')) return { kind: 'slice', elem: parseType(expr.slice(2), resolve) };
  const map = /^map\[[\w.]+\](.+)$/.exec(expr);
  if (map) return { kind: 'map', elem: parseType(map[1], resolve) };
  if (BUILTINS.has(expr)) return { kind: 'builtin', name: expr };
  if (!/^(\w+\.)?\w+$/.test(expr)) return { kind: 'other', expr };
  return resolve(expr);
}

/** One package's files: structs, enum types, aliases and typed constants. */
function parsePackage(tree: SourceTree, dir: string, pkgPath: string): GoPackage {
  const pkg: GoPackage = {
    structs: new Map(),
    enums: new Set(),
    aliases: new Map(),
    constants: new Map(),
  };
  for (const file of tree.goFiles(dir)) parseFile(tree.read(file), pkgPath, pkg);
  return pkg;
}

function parseFile(text: string, pkgPath: string, pkg: GoPackage): void {
  const lines = text.split('\n');
  const imports = new Map<string, string>();
  /** Comment groups by the line they end on (gengo's docComment looks there). */
  const groupEnding = new Map<number, string[]>();
  let run: string[] = [];
  let inBlock = false;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (inBlock) {
      if (t.includes('*/')) inBlock = false;
      return;
    }
    if (t.startsWith('/*')) {
      inBlock = !t.includes('*/');
      run = [];
      return;
    }
    if (t.startsWith('//')) {
      run.push(t);
      groupEnding.set(i, run);
      return;
    }
    run = [];
    const tail = trailingComment(line);
    if (tail) groupEnding.set(i, [tail]);
  });
  const docOf = (i: number) => commentText(groupEnding.get(i - 1) ?? []);
  const resolve = (expr: string): GoType => {
    const dot = expr.indexOf('.');
    if (dot < 0) return { kind: 'named', pkg: pkgPath, name: expr };
    const path = imports.get(expr.slice(0, dot));
    if (!path) throw new Error(`${pkgPath}: no import for ${expr}`);
    return { kind: 'named', pkg: path, name: expr.slice(dot + 1) };
  };

  let i = 0;
  const next = () => lines[i++];
  while (i < lines.length) {
    const at = i;
    const line = next();
    const importOne = /^import (\w+ )?"([^"]+)"/.exec(line);
    if (importOne) addImport(imports, importOne[1]?.trim(), importOne[2]);
    if (line === 'import (') {
      for (let l = next(); l !== ')'; l = next()) {
        const m = /^\s*(\w+ )?"([^"]+)"/.exec(l);
        if (m) addImport(imports, m[1]?.trim(), m[2]);
      }
    }
    const struct = /^type (\w+) struct \{$/.exec(line);
    if (struct) {
      const fields: GoField[] = [];
      let unreadable: string | undefined;
      for (let l = next(); l !== '}'; l = next()) {
        const code = l.trim();
        if (code.startsWith('/*')) {
          while (!lines[i - 1].includes('*/')) next();
          continue;
        }
        if (code === '' || code.startsWith('//') || unreadable) continue;
        const m = /^([^`]+)`([^`]*)`$/.exec(code);
        const parts = m?.[1].trim().split(/\s+/) ?? [];
        if (!m || parts.length > 2) {
          unreadable = `${pkgPath}.${struct[1]}: cannot read field ${code}`;
          continue;
        }
        const tag = /json:"([^"]*)"/.exec(m[2])?.[1] ?? '';
        const [name, ...opts] = tag.split(',');
        if (name === '-') continue;
        const inline = opts.includes('inline') && name === '';
        fields.push({
          json: inline ? undefined : name || parts[0],
          type: parseType(parts[parts.length - 1], resolve),
        });
      }
      pkg.structs.set(struct[1], unreadable ?? fields);
      continue;
    }
    const named = /^type (\w+) string$/.exec(line);
    if (named && docOf(at).some((c) => /^\s*\+enum\b/.test(c))) pkg.enums.add(named[1]);
    const alias = /^type (\w+) = ([\w.]+)$/.exec(line);
    if (alias) pkg.aliases.set(alias[1], resolve(alias[2]));
    if (line === 'const (') {
      for (let l = next(); l !== ')'; l = next()) addConstant(pkg, l, docOf(i - 1));
    }
    const single = /^const (.*)$/.exec(line);
    if (single && line !== 'const (') addConstant(pkg, single[1], docOf(at));
  }
}

function addImport(imports: Map<string, string>, alias: string | undefined, path: string) {
  imports.set(alias ?? path.slice(path.lastIndexOf('/') + 1), path);
}

/** `Name Type = "value"`: a typed string constant (untyped ones cannot be enum values). */
function addConstant(pkg: GoPackage, line: string, doc: string[]): void {
  const m = /^\s*(\w+)\s+(\w+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line);
  if (!m) return;
  const [, name, type, raw] = m;
  const list = pkg.constants.get(type) ?? [];
  list.push({ name, value: JSON.parse(`"${raw}"`), comment: doc.join(' ') });
  pkg.constants.set(type, list);
}

/** Where each Go import path's source is: a tree and the path's directory in it. */
export type PackageLocator = (pkgPath: string) => { tree: SourceTree; dir: string };

/** Go packages read on demand, with the lookups the OpenAPI generator asks for. */
export class GoUniverse {
  private readonly packages = new Map<string, GoPackage>();
  constructor(private readonly locate: PackageLocator) {}

  private pkg(path: string): GoPackage {
    let p = this.packages.get(path);
    if (!p) {
      const { tree, dir } = this.locate(path);
      p = parsePackage(tree, dir, path);
      this.packages.set(path, p);
    }
    return p;
  }

  /** A struct's fields, inlined embedded structs flattened in, by JSON name. */
  fields(pkgPath: string, name: string): Map<string, GoType> {
    const fields = this.pkg(pkgPath).structs.get(name);
    if (!fields) throw new Error(`no struct ${pkgPath}.${name}`);
    if (typeof fields === 'string') throw new Error(fields);
    const out = new Map<string, GoType>();
    for (const f of fields) {
      if (f.json !== undefined) out.set(f.json, f.type);
      else {
        const t = f.type.kind === 'pointer' ? f.type.elem : f.type;
        if (t.kind !== 'named') throw new Error(`${pkgPath}.${name}: inline ${t.kind}`);
        for (const [k, v] of this.fields(t.pkg, t.name)) out.set(k, v);
      }
    }
    return out;
  }

  /**
   * The values of a named `+enum` type (through a pointer and Go aliases), as kube-openapi's
   * enum parser collects them: one per value, the longer comment kept; undefined if not an enum.
   */
  enumValues(type: GoType): EnumValue[] | undefined {
    let t = type.kind === 'pointer' ? type.elem : type;
    for (let hops = 0; t.kind === 'named'; hops++) {
      const pkg = this.pkg(t.pkg);
      const target = pkg.aliases.get(t.name);
      if (target && hops < 8) {
        t = target;
        continue;
      }
      if (!pkg.enums.has(t.name)) return undefined;
      const values: EnumValue[] = [];
      for (const v of pkg.constants.get(t.name) ?? []) {
        const i = values.findIndex((e) => e.value === v.value);
        if (i < 0) values.push(v);
        else if (
          values[i].comment.length < v.comment.length ||
          (values[i].comment.length === v.comment.length && values[i].comment > v.comment)
        )
          values[i] = v;
      }
      return values;
    }
    return undefined;
  }
}
