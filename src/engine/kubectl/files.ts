/**
 * `-f PATH`: find the files (a directory means its .json/.yaml/.yml files, in lexical order, not
 * recursing, as cli-runtime's FileVisitor does), decode every document and map it to a resource.
 * Everything is read and checked before the caller changes anything, so a bad file changes
 * nothing.
 */
import { apiVersionOf, type ResourceInfo, resourceForKind } from '../api/resources';
import type { KObject } from '../api/types';
import { CommandFailure, type Failure, failWith } from './errors';
import type { KubectlHost } from './host';
import { checkManifestDoc, isV1List, parseManifestStream } from './manifest';

/**
 * A host that can also list a directory. KubectlHost only reads files; hosts that want
 * `-f DIR` to work add this (names ending in `/` are subdirectories and are skipped).
 */
export interface DirectoryLister {
  listDir?(path: string): string[] | undefined;
}

export interface ManifestObject {
  obj: KObject;
  r: ResourceInfo;
  /** Namespace the request goes to; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  /** The file the object came from, as kubectl names it in messages. */
  source: string;
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** POSIX join + clean, like Go's filepath.Join. */
export function joinPath(base: string, p: string): string {
  const raw = p.startsWith('/') || base === '' ? p : `${base}/${p}`;
  const abs = raw.startsWith('/');
  const out: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !abs) out.push(part);
  }
  const joined = out.join('/');
  return abs ? `/${joined}` : joined || '.';
}

interface FileToRead {
  /** What the host is asked for. */
  path: string;
  /** What messages call it. */
  source: string;
}

function expandPaths(
  host: KubectlHost & DirectoryLister,
  cwd: string,
  filenames: string[],
): FileToRead[] {
  const files: FileToRead[] = [];
  const missing: Failure[] = [];
  for (const name of filenames) {
    if (name === '-') {
      throw failWith.message(
        'reading manifests from standard input (-f -) is not supported here; name a file instead',
      );
    }
    if (/^https?:\/\//.test(name)) {
      throw failWith.message(
        `reading manifests from a URL is not supported here: ${JSON.stringify(name)}`,
      );
    }
    const path = joinPath(cwd, name);
    if (host.readFile(path) !== undefined) {
      files.push({ path, source: name });
      continue;
    }
    const entries = host.listDir?.(path);
    if (entries) {
      const manifests = entries
        .filter((e) => !e.endsWith('/') && EXTENSIONS.some((ext) => e.endsWith(ext)))
        .sort();
      for (const e of manifests) files.push({ path: joinPath(path, e), source: joinPath(name, e) });
      continue;
    }
    missing.push({ type: 'message', text: `the path ${JSON.stringify(name)} does not exist` });
  }
  if (missing.length > 0) throw new CommandFailure({ type: 'aggregate', errors: missing });
  return files;
}

export interface LoadOptions {
  cwd: string;
  /** The namespace from -n or the context. */
  namespace: string;
  /** -n was given: an object naming another namespace is an error. */
  enforceNamespace: boolean;
  validate: boolean;
}

/**
 * Read, decode, check and map every object named by -f, as cli-runtime's builder does with
 * ContinueOnError (kubectl apply, create and delete): missing paths fail the whole command at
 * once; otherwise every object that can be read is returned, and each problem is collected so
 * the command acts on the rest and reports them all. Within a file a document that does not
 * parse or fails validation ends the file (StreamVisitor returns), one whose kind the server
 * does not know is skipped (the visitor goes on). A v1 List stands for its items.
 *
 * `errors` are in the order kubectl reports them: the namespace mismatches its decorators find
 * first (ContinueOnErrorVisitor collects those as it goes), then the files' own errors (the
 * aggregate the inner visitors return).
 */
export function loadManifests(
  host: KubectlHost & DirectoryLister,
  filenames: string[],
  opts: LoadOptions,
): { objects: ManifestObject[]; errors: Failure[] } {
  const objects: ManifestObject[] = [];
  const misplaced: Failure[] = [];
  const errors: Failure[] = [];
  const take = (mapped: ManifestObject | { error: string; misplaced?: boolean }) => {
    if (!('error' in mapped)) objects.push(mapped);
    else (mapped.misplaced ? misplaced : errors).push({ type: 'message', text: mapped.error });
  };
  for (const file of expandPaths(host, opts.cwd, filenames)) {
    const text = host.readFile(file.path) ?? '';
    const parsed = parseManifestStream(text, file.source);
    let ended = false;
    for (const doc of parsed.docs) {
      const invalid = checkManifestDoc(doc, file.source, opts.validate);
      if (invalid) {
        errors.push({ type: 'message', text: invalid });
        // A validation error returns from the stream; an undecodable document is skipped.
        if (opts.validate) {
          ended = true;
          break;
        }
        continue;
      }
      if (!isV1List(doc)) {
        take(mapObject(doc as KObject, file.source, opts));
        continue;
      }
      const items = listItems(doc as KObject);
      if ('error' in items) {
        errors.push({ type: 'message', text: items.error });
        continue;
      }
      for (const item of items.items) take(mapObject(item, file.source, opts, true));
    }
    if (!ended && parsed.error !== undefined) errors.push({ type: 'message', text: parsed.error });
  }
  return { objects, errors: [...misplaced, ...errors] };
}

/**
 * A List's items as the FlattenListVisitor decodes them (runtime.DecodeList): every item needs a
 * kind, or the whole List fails; a List inside a List fails as kubectl 1.32 does (its items
 * were decoded as plain objects, and meta.ExtractList refuses them).
 */
function listItems(list: KObject): { items: KObject[] } | { error: string } {
  const items = (list as { items?: unknown }).items;
  if (!Array.isArray(items)) return { items: [] };
  const out: KObject[] = [];
  const missing: string[] = [];
  for (const item of items) {
    const kind = (item as { kind?: unknown } | null)?.kind;
    if (typeof item !== 'object' || item === null || typeof kind !== 'string' || kind === '') {
      missing.push(`Object 'Kind' is missing in '${JSON.stringify(item)}'`);
      continue;
    }
    if (isV1List(item))
      return { error: '*unstructured.Unstructured is not a list: no Items field in this object' };
    out.push(item as KObject);
  }
  if (missing.length > 0)
    return { error: missing.length === 1 ? missing[0] : `[${missing.join(', ')}]` };
  return { items: out };
}

function mapObject(
  obj: KObject,
  source: string,
  opts: LoadOptions,
  listItem = false,
): ManifestObject | { error: string; misplaced?: boolean } {
  const meta = (
    typeof obj.metadata === 'object' && obj.metadata !== null ? obj.metadata : {}
  ) as KObject['metadata'];
  const r = resourceForKind(obj.kind);
  if (!r || apiVersionOf(r) !== obj.apiVersion) {
    const noMatch = `no matches for kind ${JSON.stringify(obj.kind)} in version ${JSON.stringify(obj.apiVersion ?? '')}`;
    // A List's item is mapped by infoForObject, whose message names no file (mapper.go).
    if (listItem) return { error: `unable to recognize ${noMatch}` };
    return {
      error: `resource mapping not found for name: ${JSON.stringify(meta.name ?? '')} namespace: ${JSON.stringify(meta.namespace ?? '')} from ${JSON.stringify(source)}: ${noMatch}\nensure CRDs are installed first`,
    };
  }
  if (!r.namespaced) return { obj: { ...obj, metadata: meta }, r, namespace: undefined, source };
  const own = meta.namespace;
  if (own && opts.enforceNamespace && own !== opts.namespace) {
    return {
      error: `the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(opts.namespace)}. You must pass '--namespace=${own}' to perform this operation.`,
      misplaced: true,
    };
  }
  const namespace = own || opts.namespace;
  return { obj: { ...obj, metadata: { ...meta, namespace } }, r, namespace, source };
}

/** An existing object that -f names, for commands that act on it (get, label, set image). */
export interface NamedObject {
  r: ResourceInfo;
  name: string;
  namespace?: string;
}

/** The objects the -f files name, read as the builder does for commands that do not create. */
export function namedInFiles(
  ctx: {
    host: KubectlHost & DirectoryLister;
    cwd: string;
    namespace: string;
    explicitNamespace: boolean;
  },
  filenames: string[],
): { named: NamedObject[]; errors: Failure[] } {
  const loaded = loadManifests(ctx.host, filenames, {
    cwd: ctx.cwd,
    namespace: ctx.namespace,
    enforceNamespace: ctx.explicitNamespace,
    validate: false,
  });
  const named = loaded.objects.map((m) => ({
    r: m.r,
    name: m.obj.metadata.name ?? '',
    namespace: m.namespace,
  }));
  return { named, errors: loaded.errors };
}
