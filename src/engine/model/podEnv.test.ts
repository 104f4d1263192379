import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { base64OfText } from './base64';
import {
  expandEnv,
  podHostname,
  resolveContainerEnv,
  resolveVolumeFiles,
  type StoreReader,
  serviceEnvVars,
  volumeMountErrors,
} from './podEnv';

function obj(
  kind: string,
  ns: string | undefined,
  name: string,
  rest: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name, ...(ns ? { namespace: ns } : {}), uid: `${name}-uid` },
    ...rest,
  } as KObject;
}

function storeOf(objects: KObject[]): StoreReader {
  const byResource: Record<string, Record<string, KObject>> = {};
  const plural: Record<string, string> = {
    Service: 'services',
    ConfigMap: 'configmaps',
    Secret: 'secrets',
    Node: 'nodes',
    ServiceAccount: 'serviceaccounts',
  };
  for (const o of objects) {
    const r = plural[o.kind];
    byResource[r] ??= {};
    const key = o.metadata.namespace
      ? `${o.metadata.namespace}/${o.metadata.name}`
      : String(o.metadata.name);
    byResource[r][key] = o;
  }
  return (resource) => byResource[resource] ?? {};
}

const kubernetesSvc = obj('Service', 'default', 'kubernetes', {
  spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] },
});
const node = obj('Node', undefined, 'worker-1', {
  status: {
    addresses: [{ type: 'InternalIP', address: '172.18.0.3' }],
    allocatable: { cpu: '2', memory: '8010004Ki' },
  },
});
const gameConfig = obj('ConfigMap', 'default', 'game-config', {
  data: { player_initial_lives: '3', ui_properties_file_name: 'user-interface.properties' },
});
const dbSecret = obj('Secret', 'default', 'db-user-pass', {
  type: 'Opaque',
  data: { username: base64OfText('admin'), password: base64OfText('S!B\\*d$zDsb=') },
});

function podWith(container: Record<string, unknown>, spec: Record<string, unknown> = {}): KObject {
  return obj('Pod', 'default', 'web-0', {
    metadata: {
      name: 'web-0',
      namespace: 'default',
      uid: '1234-uid',
      labels: { app: 'nginx', tier: 'web' },
      creationTimestamp: '2026-01-01T09:00:30Z',
    },
    spec: {
      nodeName: 'worker-1',
      serviceAccountName: 'default',
      enableServiceLinks: true,
      containers: [{ name: 'app', image: 'busybox', ...container }],
      ...spec,
    },
    status: { podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], hostIP: '172.18.0.3' },
  });
}

const KUBERNETES_VARS = {
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
  KUBERNETES_SERVICE_PORT: '443',
  KUBERNETES_SERVICE_PORT_HTTPS: '443',
  KUBERNETES_PORT: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP: 'tcp://10.96.0.1:443',
  KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
  KUBERNETES_PORT_443_TCP_PORT: '443',
  KUBERNETES_PORT_443_TCP_ADDR: '10.96.0.1',
};

describe('service environment variables', () => {
  const redis = obj('Service', 'default', 'redis-primary', {
    spec: {
      clusterIP: '10.96.12.7',
      ports: [
        { port: 6379, protocol: 'TCP' },
        { name: 'metrics', port: 9121, protocol: 'UDP' },
      ],
    },
  });
  const headless = obj('Service', 'default', 'nginx', {
    spec: { clusterIP: 'None', ports: [{ port: 80 }] },
  });
  const elsewhere = obj('Service', 'other', 'db', {
    spec: { clusterIP: '10.96.3.3', ports: [{ port: 5432 }] },
  });
  const store = storeOf([kubernetesSvc, redis, headless, elsewhere]);

  it('names every Service of the namespace with a ClusterIP, as envvars.FromServices does', () => {
    expect(serviceEnvVars(podWith({}), store)).toEqual({
      ...KUBERNETES_VARS,
      REDIS_PRIMARY_SERVICE_HOST: '10.96.12.7',
      REDIS_PRIMARY_SERVICE_PORT: '6379',
      REDIS_PRIMARY_SERVICE_PORT_METRICS: '9121',
      REDIS_PRIMARY_PORT: 'tcp://10.96.12.7:6379',
      REDIS_PRIMARY_PORT_6379_TCP: 'tcp://10.96.12.7:6379',
      REDIS_PRIMARY_PORT_6379_TCP_PROTO: 'tcp',
      REDIS_PRIMARY_PORT_6379_TCP_PORT: '6379',
      REDIS_PRIMARY_PORT_6379_TCP_ADDR: '10.96.12.7',
      REDIS_PRIMARY_PORT_9121_UDP: 'udp://10.96.12.7:9121',
      REDIS_PRIMARY_PORT_9121_UDP_PROTO: 'udp',
      REDIS_PRIMARY_PORT_9121_UDP_PORT: '9121',
      REDIS_PRIMARY_PORT_9121_UDP_ADDR: '10.96.12.7',
    });
  });

  it('keeps only the kubernetes Service without service links', () => {
    expect(serviceEnvVars(podWith({}, { enableServiceLinks: false }), store)).toEqual(
      KUBERNETES_VARS,
    );
  });

  it('puts the service variables last, after the container own', () => {
    const res = resolveContainerEnv(
      podWith({}),
      { name: 'app', env: [{ name: 'A', value: '1' }] },
      store,
    );
    expect('env' in res && Object.keys(res.env)[0]).toBe('A');
    expect('env' in res && Object.keys(res.env).at(-1)).toBe('REDIS_PRIMARY_PORT_9121_UDP_ADDR');
  });
});

describe('resolveContainerEnv', () => {
  const store = storeOf([kubernetesSvc, node, gameConfig, dbSecret]);
  const envOf = (container: Record<string, unknown>) => {
    const pod = podWith(container);
    const res = resolveContainerEnv(pod, pod.spec.containers[0], store);
    if ('error' in res) throw new Error(res.error.message);
    const { env } = res;
    for (const k of Object.keys(KUBERNETES_VARS)) delete env[k];
    return env;
  };
  const errorOf = (container: Record<string, unknown>) => {
    const pod = podWith(container);
    const res = resolveContainerEnv(pod, pod.spec.containers[0], store);
    return 'error' in res ? res.error : undefined;
  };

  it('takes envFrom first, then env, which overrides it', () => {
    expect(
      envOf({
        envFrom: [
          { configMapRef: { name: 'game-config' } },
          { prefix: 'DB_', secretRef: { name: 'db-user-pass' } },
        ],
        env: [{ name: 'player_initial_lives', value: '9' }],
      }),
    ).toEqual({
      player_initial_lives: '9',
      ui_properties_file_name: 'user-interface.properties',
      DB_password: 'S!B\\*d$zDsb=',
      DB_username: 'admin',
    });
  });

  it('reads keys of ConfigMaps and Secrets', () => {
    expect(
      envOf({
        env: [
          {
            name: 'LIVES',
            valueFrom: { configMapKeyRef: { name: 'game-config', key: 'player_initial_lives' } },
          },
          { name: 'USER', valueFrom: { secretKeyRef: { name: 'db-user-pass', key: 'username' } } },
        ],
      }),
    ).toEqual({ LIVES: '3', USER: 'admin' });
  });

  it('fails with the kubelet words for what is missing', () => {
    expect(errorOf({ envFrom: [{ configMapRef: { name: 'nope' } }] })).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'configmap "nope" not found',
    });
    expect(
      errorOf({ env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'nope', key: 'k' } } }] })
        ?.message,
    ).toBe('secret "nope" not found');
    expect(
      errorOf({
        env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'game-config', key: 'k' } } }],
      })?.message,
    ).toBe("couldn't find key k in ConfigMap default/game-config");
    expect(
      errorOf({
        env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db-user-pass', key: 'k' } } }],
      })?.message,
    ).toBe("couldn't find key k in Secret default/db-user-pass");
  });

  it('skips what is optional and missing', () => {
    expect(
      envOf({
        envFrom: [{ secretRef: { name: 'nope', optional: true } }],
        env: [
          {
            name: 'X',
            valueFrom: { configMapKeyRef: { name: 'game-config', key: 'k', optional: true } },
          },
          { name: 'Y', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k', optional: true } } },
          { name: 'Z', value: '' },
        ],
      }),
    ).toEqual({ Z: '' });
  });

  it('expands $(VAR) from earlier variables and the services', () => {
    expect(
      envOf({
        env: [
          { name: 'GREETING', value: 'hello' },
          {
            name: 'MSG',
            value: '$(GREETING) world at $(KUBERNETES_SERVICE_HOST), $(UNKNOWN), $$(GREETING)',
          },
        ],
      }).MSG,
    ).toBe('hello world at 10.96.0.1, $(UNKNOWN), $(GREETING)');
    expect(expandEnv('a $(', {})).toBe('a $(');
    expect(expandEnv('$x$', {})).toBe('$x$');
  });

  it('answers the downward API field references', () => {
    const ref = (name: string, fieldPath: string) => ({
      name,
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } },
    });
    expect(
      envOf({
        env: [
          ref('MY_POD_NAME', 'metadata.name'),
          ref('MY_POD_NAMESPACE', 'metadata.namespace'),
          ref('MY_POD_UID', 'metadata.uid'),
          ref('MY_APP', "metadata.labels['app']"),
          ref('MY_NODE_NAME', 'spec.nodeName'),
          ref('MY_POD_SERVICE_ACCOUNT', 'spec.serviceAccountName'),
          ref('MY_POD_IP', 'status.podIP'),
          ref('MY_HOST_IP', 'status.hostIP'),
        ],
      }),
    ).toEqual({
      MY_POD_NAME: 'web-0',
      MY_POD_NAMESPACE: 'default',
      MY_POD_UID: '1234-uid',
      MY_APP: 'nginx',
      MY_NODE_NAME: 'worker-1',
      MY_POD_SERVICE_ACCOUNT: 'default',
      MY_POD_IP: '10.244.1.5',
      MY_HOST_IP: '172.18.0.3',
    });
  });

  it('answers resource field references, unset limits from the node allocatable', () => {
    expect(
      envOf({
        resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        env: [
          {
            name: 'MEM_LIMIT',
            valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
          },
          {
            name: 'MEM_LIMIT_BYTES',
            valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '0' } },
          },
          {
            name: 'CPU_REQUEST',
            valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } },
          },
          {
            name: 'CPU_REQUEST_CORES',
            valueFrom: { resourceFieldRef: { resource: 'requests.cpu' } },
          },
          { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        ],
      }),
    ).toEqual({
      MEM_LIMIT: '128',
      MEM_LIMIT_BYTES: '134217728',
      CPU_REQUEST: '250',
      CPU_REQUEST_CORES: '1',
      CPU_LIMIT: '2',
    });
  });
});

describe('resolveVolumeFiles', () => {
  const rootCa = obj('ConfigMap', 'default', 'kube-root-ca.crt', { data: { 'ca.crt': 'CERT\n' } });
  const sa = obj('ServiceAccount', 'default', 'default');
  const store = storeOf([kubernetesSvc, node, gameConfig, dbSecret, rootCa, sa]);
  const token = {
    name: 'kube-api-access-abcde',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [
              {
                path: 'namespace',
                fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
              },
            ],
          },
        },
      ],
    },
  };

  it('lays out ConfigMap, Secret and token volumes at their mount paths', () => {
    const pod = podWith(
      {
        volumeMounts: [
          { name: 'config', mountPath: '/etc/config' },
          { name: 'creds', mountPath: '/etc/creds', readOnly: true },
          {
            name: 'kube-api-access-abcde',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          },
        ],
      },
      {
        volumes: [
          { name: 'config', configMap: { name: 'game-config' } },
          {
            name: 'creds',
            secret: { secretName: 'db-user-pass', items: [{ key: 'username', path: 'user/name' }] },
          },
          token,
        ],
      },
    );
    const files = resolveVolumeFiles(pod, pod.spec.containers[0], store);
    const tokenText = files['/var/run/secrets/kubernetes.io/serviceaccount/token'];
    expect({ ...files, '/var/run/secrets/kubernetes.io/serviceaccount/token': 'T' }).toEqual({
      '/etc/config/player_initial_lives': '3',
      '/etc/config/ui_properties_file_name': 'user-interface.properties',
      '/etc/creds/user/name': 'admin',
      '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt': 'CERT\n',
      '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'default',
      '/var/run/secrets/kubernetes.io/serviceaccount/token': 'T',
    });
    const [header, claims] = tokenText
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/'))));
    expect(header.alg).toBe('RS256');
    expect(claims.sub).toBe('system:serviceaccount:default:default');
    expect(claims['kubernetes.io'].pod).toEqual({ name: 'web-0', uid: '1234-uid' });
    expect(claims['kubernetes.io'].warnafter - claims.iat).toBe(3607);
  });

  it('mounts one key with subPath', () => {
    const pod = podWith(
      {
        volumeMounts: [
          { name: 'config', mountPath: '/etc/lives.conf', subPath: 'player_initial_lives' },
        ],
      },
      { volumes: [{ name: 'config', configMap: { name: 'game-config' } }] },
    );
    expect(resolveVolumeFiles(pod, pod.spec.containers[0], store)).toEqual({
      '/etc/lives.conf': '3',
    });
  });

  it('gives nothing for a volume that cannot be set up, and says why', () => {
    const pod = podWith(
      {
        volumeMounts: [
          { name: 'a', mountPath: '/a' },
          { name: 'b', mountPath: '/b' },
          { name: 'c', mountPath: '/c' },
        ],
      },
      {
        volumes: [
          { name: 'a', configMap: { name: 'nope' } },
          {
            name: 'b',
            secret: { secretName: 'db-user-pass', items: [{ key: 'nokey', path: 'x' }] },
          },
          { name: 'c', configMap: { name: 'nope', optional: true } },
        ],
      },
    );
    expect(resolveVolumeFiles(pod, pod.spec.containers[0], store)).toEqual({});
    expect(volumeMountErrors(pod, store)).toEqual([
      {
        volume: 'a',
        message: 'MountVolume.SetUp failed for volume "a" : configmap "nope" not found',
      },
      {
        volume: 'b',
        message:
          'MountVolume.SetUp failed for volume "b" : references non-existent secret key: nokey',
      },
    ]);
  });
});

describe('podHostname', () => {
  it('is the pod name, or spec.hostname, with the subdomain as its domain', () => {
    const pod = podWith({}, { hostname: 'web-0', subdomain: 'nginx' });
    expect(podHostname(pod)).toEqual({
      hostname: 'web-0',
      domain: 'nginx.default.svc.cluster.local',
    });
    const plain = podWith({});
    plain.metadata.name = `${'a'.repeat(62)}-b`;
    expect(podHostname(plain)).toEqual({ hostname: 'a'.repeat(62), domain: '' });
  });
});
