import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../engine';
import {
  AGGREGATED_CONTENT_TYPE,
  type APIGroupDiscoveryList,
  type APIResourceList,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  chooseDiscovery,
  discoveryAnswer,
  discoveryETag,
  storageVersionHash,
} from '.';

/**
 * The storageVersionHash values of kube-apiserver (kubernetes/kubernetes
 * pkg/controlplane/storageversionhashdata/data.go GVRToStorageVersionHash).
 */
const REAL_HASHES: Record<string, string> = {
  configmaps: 'qFsyl6wFWjQ=',
  events: 'r2yiGXH7wu8=',
  namespaces: 'Q3oi5N2YM8M=',
  nodes: 'XwShjMxG9Fs=',
  pods: 'xPOwRZ+Yhw8=',
  secrets: 'S6u1pOWzb84=',
  serviceaccounts: 'pbx9ZvyFpBE=',
  services: '0/CO1lhkEBI=',
  controllerrevisions: '85nkx63pcBU=',
  daemonsets: 'dd7pWHUlMKQ=',
  deployments: '8aSe+NMegvE=',
  replicasets: 'P1RzHs8/mWQ=',
  statefulsets: 'H+vl74LkKdo=',
  cronjobs: 'sd5LIXh4Fjs=',
  jobs: 'mudhfqk/qZY=',
  endpointslices: 'qgS0xkrxYAI=',
  leases: 'gqkMMb/YqFM=',
};

const CLIENT_GO_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,' +
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

function list(group: string, version: string): APIResourceList {
  const l = apiResourceList(group, version);
  if (!l) throw new Error(`no list for ${group}/${version}`);
  return l;
}

describe('unaggregated discovery', () => {
  it('lists every served resource in its group version, as the real server does', () => {
    for (const r of RESOURCES) {
      const entry = list(r.group, r.version).resources.find((x) => x.name === r.resource);
      expect(entry, r.resource).toEqual({
        name: r.resource,
        singularName: r.singular,
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: [...r.verbs],
        ...(r.shortNames.length > 0 && { shortNames: r.shortNames }),
        ...(r.categories.length > 0 && { categories: r.categories }),
        storageVersionHash: REAL_HASHES[r.resource],
      });
    }
  });

  it('gives each kind the storage version hash the real server publishes', () => {
    for (const r of RESOURCES)
      expect(storageVersionHash(r.group, r.version, r.kind), r.kind).toBe(REAL_HASHES[r.resource]);
  });

  it('writes the pods entries as kube-apiserver v1.34 does (api/discovery/api__v1.json)', () => {
    const core = list('', 'v1');
    expect(JSON.stringify(core.resources.find((r) => r.name === 'pods'))).toBe(
      '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create",' +
        '"delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],' +
        '"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
    );
    const sub = (name: string) => core.resources.find((r) => r.name === name);
    expect(sub('pods/eviction')).toEqual({
      name: 'pods/eviction',
      singularName: '',
      namespaced: true,
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
      verbs: ['create'],
    });
    expect(sub('pods/log')).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    expect(sub('pods/exec')).toMatchObject({ kind: 'PodExecOptions', verbs: ['create', 'get'] });
    expect(sub('pods/binding')).toMatchObject({ kind: 'Binding', verbs: ['create'] });
    expect(sub('pods/status')).toMatchObject({ kind: 'Pod', verbs: ['get', 'patch', 'update'] });
    expect(sub('namespaces')?.verbs).not.toContain('deletecollection');
    expect(list('apps', 'v1').resources.find((r) => r.name === 'deployments/scale')).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  });

  it('sorts each list by name, subresources right after their resource', () => {
    const names = list('', 'v1').resources.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(names.slice(names.indexOf('pods'), names.indexOf('pods') + 6)).toEqual([
      'pods',
      'pods/binding',
      'pods/eviction',
      'pods/exec',
      'pods/log',
      'pods/status',
    ]);
  });

  it('leaves apiVersion off the core list only, as the real server does', () => {
    expect(list('', 'v1')).not.toHaveProperty('apiVersion');
    expect(list('', 'v1').groupVersion).toBe('v1');
    expect(list('apps', 'v1')).toMatchObject({ apiVersion: 'v1', groupVersion: 'apps/v1' });
  });

  it('answers /api with the core version and the address clients reach', () => {
    expect(apiVersions('127.0.0.1:6443')).toEqual({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
    });
  });

  it('lists the groups in the real server order, and each group alone', () => {
    const groups = apiGroupList();
    expect(groups.kind).toBe('APIGroupList');
    expect(groups.groups.map((g) => g.name)).toEqual([
      'apps',
      'batch',
      'coordination.k8s.io',
      'discovery.k8s.io',
    ]);
    expect(groups.groups[0]).toEqual({
      name: 'apps',
      versions: [{ groupVersion: 'apps/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'apps/v1', version: 'v1' },
    });
    expect(apiGroup('batch')).toEqual({
      kind: 'APIGroup',
      apiVersion: 'v1',
      name: 'batch',
      versions: [{ groupVersion: 'batch/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'batch/v1', version: 'v1' },
    });
  });

  it('knows nothing of groups and versions it does not serve', () => {
    expect(apiGroup('policy')).toBeUndefined();
    expect(apiResourceList('apps', 'v1beta1')).toBeUndefined();
    expect(apiResourceList('', 'v2')).toBeUndefined();
    expect(apiResourceList('autoscaling', 'v1')).toBeUndefined();
  });
});

/** client-go's SplitGroupsAndResources (discovery/aggregated_discovery.go), the client side. */
function split(doc: APIGroupDiscoveryList) {
  const lists = new Map<string, unknown[]>();
  for (const g of doc.items) {
    for (const v of g.versions) {
      const gv = g.metadata.name ? `${g.metadata.name}/${v.version}` : v.version;
      const out: unknown[] = [];
      for (const r of v.resources) {
        const base = {
          name: r.resource,
          singularName: r.singularResource,
          namespaced: r.scope === 'Namespaced',
          ...(r.responseKind.group && { group: r.responseKind.group }),
          ...(r.responseKind.version && { version: r.responseKind.version }),
          kind: r.responseKind.kind,
          verbs: r.verbs,
          ...(r.shortNames && { shortNames: r.shortNames }),
          ...(r.categories && { categories: r.categories }),
        };
        out.push(base);
        for (const s of r.subresources ?? []) {
          out.push({
            name: `${r.resource}/${s.subresource}`,
            singularName: r.singularResource,
            namespaced: base.namespaced,
            ...(s.responseKind.group && { group: s.responseKind.group }),
            ...(s.responseKind.version && { version: s.responseKind.version }),
            kind: s.responseKind.kind,
            verbs: s.verbs,
          });
        }
      }
      lists.set(gv, out);
    }
  }
  return lists;
}

describe('aggregated discovery', () => {
  it('says the same as the unaggregated lists, once client-go splits it', () => {
    const lists = new Map([
      ...split(aggregatedDiscovery('api')),
      ...split(aggregatedDiscovery('apis')),
    ]);
    const gvs = ['v1', ...apiGroupList().groups.map((g) => g.preferredVersion.groupVersion)];
    expect([...lists.keys()]).toEqual(gvs);
    for (const gv of gvs) {
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      const expected = list(group, version).resources.map(
        ({ storageVersionHash: _, singularName, ...r }) => ({
          ...r,
          // A subresource takes its parent's singular name on the client.
          singularName:
            singularName || RESOURCES.find((x) => x.resource === r.name.split('/')[0])?.singular,
        }),
      );
      const sorted = [...(lists.get(gv) as { name: string }[])].sort((a, b) =>
        a.name < b.name ? -1 : 1,
      );
      expect(sorted, gv).toEqual(expected);
    }
  });

  it('writes the core group with empty metadata and each group by name', () => {
    const core = aggregatedDiscovery('api');
    expect(core).toMatchObject({
      kind: 'APIGroupDiscoveryList',
      apiVersion: 'apidiscovery.k8s.io/v2',
      metadata: {},
    });
    expect(core.items).toHaveLength(1);
    expect(core.items[0].metadata).toEqual({});
    expect(core.items[0].versions[0]).toMatchObject({ version: 'v1', freshness: 'Current' });
    const apis = aggregatedDiscovery('apis');
    expect(apis.items.map((g) => g.metadata.name)).toEqual(
      apiGroupList().groups.map((g) => g.name),
    );
  });

  it('writes a deployment as the real /apis does (api/discovery/aggregated_v2.json)', () => {
    const apps = aggregatedDiscovery('apis').items.find((g) => g.metadata.name === 'apps');
    const deployments = apps?.versions[0].resources.find((r) => r.resource === 'deployments');
    expect(deployments).toEqual({
      resource: 'deployments',
      responseKind: { group: '', version: '', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        {
          subresource: 'scale',
          responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          verbs: ['get', 'patch', 'update'],
        },
        {
          subresource: 'status',
          responseKind: { group: '', version: '', kind: 'Deployment' },
          verbs: ['get', 'patch', 'update'],
        },
      ],
    });
  });
});

describe('chooseDiscovery', () => {
  it('gives client-go (kubectl 1.32) the aggregated document', () => {
    expect(chooseDiscovery(CLIENT_GO_ACCEPT)).toEqual({
      representation: 'aggregated',
      contentType: AGGREGATED_CONTENT_TYPE,
    });
    expect(chooseDiscovery(CLIENT_GO_ACCEPT.split(',').reverse().join(', '))).toMatchObject({
      representation: 'aggregated',
    });
  });

  it('gives plain JSON, wildcards and no Accept at all the unaggregated one', () => {
    for (const accept of [undefined, '', 'application/json', 'application/json, */*', '*/*']) {
      expect(chooseDiscovery(accept), String(accept)).toEqual({
        representation: 'legacy',
        contentType: 'application/json',
      });
    }
    // client-go with UseLegacyDiscovery (WithLegacy) sends only application/json.
    expect(chooseDiscovery('application/json;q=0.9,application/yaml')).toMatchObject({
      representation: 'legacy',
    });
  });

  it('serves v2beta1 no more (1.34), nor another type, nor what is not JSON', () => {
    expect(
      chooseDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList'),
    ).toEqual({ representation: 'not-acceptable' });
    expect(chooseDiscovery('application/json;as=Table;v=v1;g=meta.k8s.io')).toEqual({
      representation: 'not-acceptable',
    });
    expect(chooseDiscovery('application/vnd.kubernetes.protobuf')).toEqual({
      representation: 'not-acceptable',
    });
  });
});

describe('discoveryETag', () => {
  it('is the quoted upper-case SHA-512 of the body, the same for the same body', () => {
    const body = JSON.stringify(aggregatedDiscovery('apis'));
    const etag = discoveryETag(body);
    expect(etag).toMatch(/^"[0-9A-F]{128}"$/);
    expect(discoveryETag(JSON.stringify(aggregatedDiscovery('apis')))).toBe(etag);
    expect(discoveryETag(JSON.stringify(aggregatedDiscovery('api')))).not.toBe(etag);
  });
});

describe('discoveryAnswer', () => {
  it('answers client-go’s /apis with the aggregated document, its type, ETag and Vary', () => {
    const a = discoveryAnswer('/apis', { accept: CLIENT_GO_ACCEPT }, '10.0.0.1:6443');
    expect(a?.status).toBe(200);
    expect(a?.headers).toEqual({
      'Content-Type': AGGREGATED_CONTENT_TYPE,
      ETag: discoveryETag(a?.body as string),
      Vary: 'Accept',
      'Cache-Control': 'public',
    });
    expect(JSON.parse(a?.body as string)).toEqual(aggregatedDiscovery('apis'));
    // The same ETag back: 304, no body.
    const again = discoveryAnswer(
      '/apis',
      { accept: CLIENT_GO_ACCEPT, ifNoneMatch: a?.headers.ETag },
      '10.0.0.1:6443',
    );
    expect(again).toMatchObject({ status: 304, body: '' });
  });

  it('answers plain JSON requests with the unaggregated documents', () => {
    const api = discoveryAnswer('/api', { accept: 'application/json, */*' }, '10.0.0.1:6443');
    expect(api?.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(api?.body as string)).toEqual(apiVersions('10.0.0.1:6443'));
    for (const [path, doc] of [
      ['/apis', apiGroupList()],
      ['/apis/apps', apiGroup('apps')],
      ['/api/v1', apiResourceList('', 'v1')],
      ['/apis/batch/v1', apiResourceList('batch', 'v1')],
    ] as const) {
      const a = discoveryAnswer(path, { accept: 'application/json' }, 'x');
      expect(JSON.parse(a?.body as string), path).toEqual(doc);
    }
  });

  it('refuses what it cannot write, and knows no other path', () => {
    const a = discoveryAnswer('/api', { accept: 'application/vnd.kubernetes.protobuf' }, 'x');
    expect(a?.status).toBe(406);
    expect(JSON.parse(a?.body as string)).toMatchObject({ reason: 'NotAcceptable', code: 406 });
    for (const path of ['/apis/policy', '/apis/apps/v2', '/api/v2', '/apis/apps/v1/deployments'])
      expect(discoveryAnswer(path, {}, 'x'), path).toBeUndefined();
  });
});
