/**
 * The resource builder's argument forms (cli-runtime pkg/resource/builder.go
 * ResourceTypeOrNameArgs): `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`, short names, `all`.
 */
import { RESOURCES, type ResourceInfo, resourceForAlias } from '../api/resources';
import { failWith } from './errors';

/** The builder's complaint when a command names nothing to act on. */
export const NO_RESOURCES_GIVEN =
  "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export type ResourceArgs =
  | { kind: 'names'; items: { r: ResourceInfo; name: string }[] }
  | { kind: 'types'; types: ResourceInfo[] };

/** The `all` category as discovery lists it: core group first, then apps, then batch. */
const ALL_CATEGORY = [
  'pods',
  'services',
  'daemonsets',
  'deployments',
  'replicasets',
  'statefulsets',
  'jobs',
];

export function lookupResource(alias: string): ResourceInfo {
  const r = resourceForAlias(alias);
  // NoResourceMatchError, rendered by checkErr.
  if (!r)
    throw failWith.message(`the server doesn't have a resource type ${JSON.stringify(alias)}`);
  return r;
}

function expandTypes(arg: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const alias of arg.split(',')) {
    if (alias === '') continue;
    const rs =
      alias.toLowerCase() === 'all'
        ? ALL_CATEGORY.map((n) => RESOURCES.find((r) => r.resource === n) as ResourceInfo)
        : [lookupResource(alias)];
    for (const r of rs) if (!out.includes(r)) out.push(r);
  }
  return out;
}

export function parseResourceArgs(args: string[]): ResourceArgs {
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw failWith.message(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const items = args.map((a) => {
      const parts = a.split('/');
      if (parts.length !== 2 || !parts[0] || !parts[1]) {
        throw failWith.message(
          'arguments in resource/name form must have a single resource and name',
        );
      }
      return { r: lookupResource(parts[0]), name: parts[1] };
    });
    return { kind: 'names', items };
  }
  const types = expandTypes(args[0]);
  const names = args.slice(1);
  if (names.length === 0) return { kind: 'types', types };
  return { kind: 'names', items: types.flatMap((r) => names.map((name) => ({ r, name }))) };
}
