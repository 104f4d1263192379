/**
 * Reading manifests safely. kubectl decodes YAML (or JSON, which is YAML) into JSON and then into
 * objects; a learner's file is untrusted input, so this decoder also refuses what could hurt the
 * page: huge files, alias bombs and keys that would reach Object.prototype. Error frames follow
 * cli-runtime's StreamVisitor (`error parsing FILE: error converting YAML to JSON: yaml: line N: …`)
 * and kubectl's schema validation (pkg/validation: `error validating data: […]`).
 */
import { type Document, LineCounter, type ParsedNode, parseAllDocuments, visit } from 'yaml';
import { MAX_MANIFEST_BYTES } from '../api/limits';

export { MAX_MANIFEST_BYTES };

/** Real manifests hardly use aliases; a handful is enough and keeps expansion tiny. */
export const MAX_ALIAS_COUNT = 20;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ManifestDoc = Record<string, unknown>;

/** UTF-8 length without TextEncoder (the engine has no DOM or Node typings). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** go-yaml's wording for the parse errors a learner most often makes. */
function goYamlMessage(code: string, fallback: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'MISSING_CHAR':
      return 'found unexpected end of stream';
    case 'BAD_INDENT':
      return 'did not find expected key';
    default:
      return fallback.charAt(0).toLowerCase() + fallback.slice(1);
  }
}

/**
 * Every non-empty document of a file as plain JSON-like objects, or the error text kubectl would
 * print after `error: `. Empty documents (`---` with nothing, or `...`) are skipped.
 */
export function parseManifestText(
  text: string,
  source: string,
): { docs: unknown[] } | { error: string } {
  const parsed = parseManifestStream(text, source);
  return parsed.error === undefined ? { docs: parsed.docs } : { error: parsed.error };
}

/**
 * A file read as cli-runtime's StreamVisitor reads it: one document at a time, so the documents
 * before a broken one are decoded (and applied) and the broken one ends the file with `error`.
 * go-yaml sees each document alone (k8s.io/apimachinery pkg/util/yaml YAMLReader splits on `---`
 * lines), so an error's line counts from the document's start.
 */
export function parseManifestStream(
  text: string,
  source: string,
): { docs: unknown[]; error?: string } {
  const frame = (inner: string) =>
    `error parsing ${source}: error converting YAML to JSON: ${inner}`;
  const bytes = utf8Length(text);
  if (bytes > MAX_MANIFEST_BYTES) {
    return {
      docs: [],
      error: `error parsing ${source}: file is too large (${bytes} bytes; the limit is ${MAX_MANIFEST_BYTES})`,
    };
  }
  const lines = new LineCounter();
  let documents: Document.Parsed<ParsedNode>[];
  try {
    documents = parseAllDocuments(text, {
      // Kubernetes decodes with go-yaml, a YAML 1.1 parser (yes/no are booleans, 0755 is octal)…
      version: '1.1',
      // …that keeps timestamps as strings…
      customTags: (tags) =>
        tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
      // …and, outside its strict mode, lets a repeated key replace the earlier one: kubectl's
      // YAMLToJSON is sigs.k8s.io/yaml over go-yaml's non-strict Unmarshal (k8s.io/apimachinery
      // pkg/util/yaml decoder.go), so `image:` twice means the second image and no error.
      uniqueKeys: false,
      prettyErrors: false,
      lineCounter: lines,
    }) as Document.Parsed<ParsedNode>[];
  } catch (e) {
    return { docs: [], error: frame(`yaml: ${(e as Error).message}`) };
  }
  const docs: unknown[] = [];
  for (const doc of documents) {
    // The `---` line is not part of the document go-yaml is given.
    const start = doc.range[0];
    const offset = text.startsWith('---', start) ? lines.linePos(start).line : 0;
    const err = doc.errors[0];
    if (err) {
      const line = lines.linePos(err.pos[0]).line - offset;
      return { docs, error: frame(`yaml: line ${line}: ${goYamlMessage(err.code, err.message)}`) };
    }
    const forbidden = findForbiddenKey(doc, lines);
    if (forbidden) {
      return {
        docs,
        error: frame(
          `yaml: line ${forbidden.line - offset}: key ${JSON.stringify(forbidden.key)} is not allowed`,
        ),
      };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      const msg = (e as Error).message;
      // go-yaml's own guard against "billion laughs" says this.
      if (/alias/i.test(msg))
        return { docs, error: frame('yaml: document contains excessive aliasing') };
      return { docs, error: frame(`yaml: ${msg}`) };
    }
    if (value === null || value === undefined) continue;
    docs.push(toPlainJson(value));
  }
  return { docs };
}

function findForbiddenKey(
  doc: Document.Parsed<ParsedNode>,
  lines: LineCounter,
): { key: string; line: number } | undefined {
  let found: { key: string; line: number } | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as { range?: [number, number, number]; value?: unknown } | null;
      if (key && typeof key.value === 'string' && FORBIDDEN_KEYS.has(key.value)) {
        found = { key: key.value, line: key.range ? lines.linePos(key.range[0]).line : 0 };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * What YAML→JSON conversion leaves: plain objects, arrays, strings, finite numbers, booleans and
 * null. Objects are rebuilt from scratch so no prototype tricks survive.
 */
function toPlainJson(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toPlainJson);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as object)) {
      if (FORBIDDEN_KEYS.has(k)) continue;
      out[k] = toPlainJson(val);
    }
    return out;
  }
  return String(v);
}

/**
 * kubectl's client-side schema check of one decoded document (the part that does not need the
 * server's OpenAPI): an object with string apiVersion and kind. Returns the error text or
 * undefined. `validate` false is `--validate=false`, where decoding still needs a kind.
 */
export function checkManifestDoc(
  doc: unknown,
  source: string,
  validate: boolean,
): string | undefined {
  const isMap = typeof doc === 'object' && doc !== null && !Array.isArray(doc);
  if (!validate) {
    const kind = isMap ? (doc as ManifestDoc).kind : undefined;
    if (typeof kind !== 'string' || kind === '') {
      return `unable to decode ${JSON.stringify(source)}: Object 'Kind' is missing in '${JSON.stringify(doc)}'`;
    }
    return undefined;
  }
  let errs = kindErrors(doc);
  // A v1 List is not in the server's OpenAPI, so kubectl checks it itself, item by item
  // (kubectl pkg/validation validation.go validateList).
  if (errs.length === 0 && isV1List(doc)) {
    const items = (doc as ManifestDoc).items;
    errs = Array.isArray(items) ? items.flatMap(kindErrors) : ['invalid object to validate'];
  }
  if (errs.length === 0) return undefined;
  const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return `error validating ${JSON.stringify(source)}: error validating data: ${agg}; if you choose to ignore these errors, turn validation off with --validate=false`;
}

/** pkg/validation getObjectKind: what is missing for a document to name its type. */
function kindErrors(doc: unknown): string[] {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return ['invalid object to validate'];
  const o = doc as ManifestDoc;
  const errs: string[] = [];
  if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
  else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
  if (o.kind === undefined || o.kind === null) errs.push('kind not set');
  else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
  return errs;
}

/** `apiVersion: v1, kind: List`: kubectl's builder applies its items (FlattenListVisitor). */
export function isV1List(doc: unknown): boolean {
  const o = doc as ManifestDoc | null;
  return typeof o === 'object' && o !== null && o.apiVersion === 'v1' && o.kind === 'List';
}
