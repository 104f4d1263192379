import type { Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { describe, expect, it } from 'vitest';
import { buildRules } from './model';

function service(name: string, spec: Service['spec'], namespace = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

function slice(
  service: string,
  endpoints: Endpoint[],
  ports: EndpointSlice['ports'] = [{ name: 'http', port: 8080, protocol: 'TCP' }],
  extra: Partial<EndpointSlice> = {},
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service}-abcde`,
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': service },
    },
    addressType: 'IPv4',
    endpoints,
    ports,
    ...extra,
  };
}

function pod(ip: string, name: string, conditions: Endpoint['conditions'] = { ready: true }) {
  return {
    addresses: [ip],
    conditions,
    nodeName: 'worker-1',
    targetRef: { kind: 'Pod', namespace: 'default', name },
  };
}

const webSpec: Service['spec'] = {
  clusterIP: '10.96.0.20',
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
};

function build(services: Service[], slices: EndpointSlice[]) {
  return buildRules({
    mode: 'iptables',
    clusterCIDR: '10.244.0.0/16',
    nodeIP: '192.168.0.2',
    nowMs: 1234,
    services,
    slices,
  });
}

describe('buildRules', () => {
  it('resolves a service port to its ready endpoints, with the sync time', () => {
    const rules = build(
      [service('web', webSpec)],
      [slice('web', [pod('10.244.1.5', 'web-a'), pod('10.244.2.6', 'web-b', { ready: false })])],
    );
    expect(rules).toEqual({
      mode: 'iptables',
      clusterCIDR: '10.244.0.0/16',
      nodeIP: '192.168.0.2',
      syncedAtMs: 1234,
      services: [
        {
          namespace: 'default',
          name: 'web',
          portName: 'http',
          protocol: 'TCP',
          clusterIP: '10.96.0.20',
          port: 80,
          endpoints: [
            {
              ip: '10.244.1.5',
              port: 8080,
              podNamespace: 'default',
              podName: 'web-a',
              nodeName: 'worker-1',
            },
          ],
        },
      ],
    });
  });

  it('falls back to serving terminating endpoints only when none is ready', () => {
    const terminating = { ready: false, serving: true, terminating: true };
    const notServing = { ready: false, serving: false, terminating: true };
    const onlyTerminating = build(
      [service('web', webSpec)],
      [slice('web', [pod('10.244.1.5', 'a', terminating), pod('10.244.1.6', 'b', notServing)])],
    );
    expect(onlyTerminating.services[0].endpoints.map((e) => e.podName)).toEqual(['a']);
    const withReady = build(
      [service('web', webSpec)],
      [slice('web', [pod('10.244.1.5', 'a', terminating), pod('10.244.1.7', 'c')])],
    );
    expect(withReady.services[0].endpoints.map((e) => e.podName)).toEqual(['c']);
  });

  it('treats unset conditions as ready', () => {
    const rules = build([service('web', webSpec)], [slice('web', [{ addresses: ['10.244.1.5'] }])]);
    expect(rules.services[0].endpoints).toEqual([{ ip: '10.244.1.5', port: 8080 }]);
  });

  it('sorts endpoints by ip:port as a string, across slices, without duplicates', () => {
    const rules = build(
      [service('web', webSpec)],
      [
        slice('web', [pod('10.244.9.1', 'x'), pod('10.244.10.1', 'y')]),
        { ...slice('web', [pod('10.244.1.1', 'z'), pod('10.244.9.1', 'x')]) },
      ],
    );
    expect(rules.services[0].endpoints.map((e) => e.ip)).toEqual([
      '10.244.1.1',
      '10.244.10.1',
      '10.244.9.1',
    ]);
  });

  it('matches slice ports by name and protocol, taking the endpoint port from the slice', () => {
    const spec: Service['spec'] = {
      clusterIP: '10.96.0.10',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    };
    const rules = build(
      [service('kube-dns', spec)],
      [
        slice(
          'kube-dns',
          [pod('10.244.0.3', 'coredns')],
          [
            { name: 'dns', port: 5353, protocol: 'UDP' },
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
          ],
        ),
      ],
    );
    expect(rules.services.map((s) => [s.portName, s.protocol, s.endpoints[0].port])).toEqual([
      ['dns', 'UDP', 5353],
      ['dns-tcp', 'TCP', 53],
    ]);
  });

  it('skips headless services, services without a ClusterIP and foreign slices', () => {
    const rules = build(
      [
        service('headless', { clusterIP: 'None', ports: [{ name: 'http', port: 80 }] }),
        service('pending', { ports: [{ name: 'http', port: 80 }] }),
        service('web', webSpec),
      ],
      [
        slice('web', [pod('10.244.1.5', 'a')], undefined, { addressType: 'IPv6' }),
        { ...slice('web', [pod('10.244.1.6', 'b')]), metadata: { namespace: 'other', labels: {} } },
      ],
    );
    expect(rules.services.map((s) => `${s.name} ${s.endpoints.length}`)).toEqual(['web 0']);
  });

  it('sorts service ports by their names, the default kubernetes service included', () => {
    const rules = build(
      [
        service('web', webSpec),
        service('kubernetes', {
          clusterIP: '10.96.0.1',
          ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
        }),
        service('coredns', webSpec, 'kube-system'),
      ],
      [],
    );
    expect(rules.services.map((s) => `${s.namespace}/${s.name}`)).toEqual([
      'default/kubernetes',
      'default/web',
      'kube-system/coredns',
    ]);
  });

  it('keeps node ports only for externalTrafficPolicy Cluster', () => {
    const nodePort = (policy: 'Cluster' | 'Local') =>
      build(
        [
          service('web', {
            type: 'NodePort',
            externalTrafficPolicy: policy,
            clusterIP: '10.96.0.20',
            ports: [{ name: 'http', port: 80, nodePort: 30080 }],
          }),
        ],
        [],
      ).services[0].nodePort;
    expect(nodePort('Cluster')).toBe(30080);
    expect(nodePort('Local')).toBeUndefined();
  });
});
