/**
 * Legacy discovery (APIVersions, APIGroupList, APIResourceList) from the engine's resource
 * table — provisional: the full documents (aggregated discovery v2, subresources, real verbs
 * and storage hashes) replace it.
 */
import { RESOURCES, type Simulation } from '../../engine';
import { json, type Reply } from '../handler';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function discovery(path: string, _accept: string, sim: Simulation): Reply | undefined {
  const groups = new Map<string, string>();
  for (const r of RESOURCES) if (r.group) groups.set(r.group, r.version);
  if (path === '/api')
    return json(200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: sim.serverAddress }],
    });
  if (path === '/apis')
    return json(200, {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, version]) => groupOf(name, version)),
    });
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (m) {
    const group = m[2] ?? '';
    const version = m[1] ?? m[3];
    const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
    if (resources.length === 0) return undefined;
    return json(200, {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources: resources.map((r) => ({
        name: r.resource,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: VERBS,
        ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
      })),
    });
  }
  const g = /^\/apis\/([^/]+)$/.exec(path);
  if (g && groups.has(g[1]))
    return json(200, {
      kind: 'APIGroup',
      apiVersion: 'v1',
      ...groupOf(g[1], groups.get(g[1]) as string),
    });
  return undefined;
}

function groupOf(name: string, version: string) {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}
