// Keeps, of the whole Kubernetes OpenAPI v2 document, what this cluster serves: the paths of its
// resources and subresources (no deprecated /watch/ paths, no proxy, attach, portforward, …),
// and the definitions and shared parameters those paths reach.
import type { SwaggerDocument, V2PathItem } from './types.ts';

export interface ServedResource {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  subresources: readonly string[];
}

/** `/api/v1` or `/apis/apps/v1`: where a group version's paths start. */
export function groupVersionPrefix(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** Whether the cluster serves PATH: a served resource, an item of it, or a served subresource. */
export function servesPath(path: string, served: readonly ServedResource[]): boolean {
  for (const r of served) {
    const prefix = groupVersionPrefix(r.group, r.version);
    if (path === `${prefix}/`) return true;
    if (!path.startsWith(`${prefix}/`)) continue;
    let rest = path.slice(prefix.length + 1).split('/');
    let scoped = false;
    if (rest[0] === 'namespaces' && rest[1] === '{namespace}' && rest.length >= 3) {
      scoped = true;
      rest = rest.slice(2);
    }
    if (rest[0] !== r.resource) continue;
    // A namespaced resource is listed across namespaces at /api/v1/pods, and nothing else there.
    if (r.namespaced && !scoped && rest.length > 1) continue;
    if (!r.namespaced && scoped) continue;
    if (rest.length === 1) return true;
    if (rest[1] !== '{name}') continue;
    if (rest.length === 2) return true;
    if (rest.length === 3 && r.subresources.includes(rest[2])) return true;
  }
  return false;
}

/** Every `$ref` string in VALUE. */
function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else collectRefs(v, into);
    }
  }
}

/** The served paths and everything they reference, in the document's order. */
export function trimSwagger(
  doc: SwaggerDocument,
  served: readonly ServedResource[],
): SwaggerDocument {
  const paths: Record<string, V2PathItem> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    if (servesPath(path, served)) paths[path] = item;
  }
  const definitions = new Set<string>();
  const parameters = new Set<string>();
  const pending: string[] = [];
  collectRefs(paths, pending);
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    const def = /^#\/definitions\/(.+)$/.exec(ref)?.[1];
    const param = /^#\/parameters\/(.+)$/.exec(ref)?.[1];
    if (def !== undefined && !definitions.has(def)) {
      if (!doc.definitions[def]) throw new Error(`no definition ${def}`);
      definitions.add(def);
      collectRefs(doc.definitions[def], pending);
    } else if (param !== undefined && !parameters.has(param)) {
      if (!doc.parameters[param]) throw new Error(`no parameter ${param}`);
      parameters.add(param);
      collectRefs(doc.parameters[param], pending);
    } else if (def === undefined && param === undefined) throw new Error(`unknown $ref ${ref}`);
  }
  const keep = <T>(all: Record<string, T>, names: Set<string>) =>
    Object.fromEntries(Object.entries(all).filter(([name]) => names.has(name)));
  return {
    ...doc,
    paths,
    definitions: keep(doc.definitions, definitions),
    parameters: keep(doc.parameters, parameters),
  };
}
