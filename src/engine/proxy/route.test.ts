import { describe, expect, it } from 'vitest';
import { seedRng } from '../sim/rng';
import type { ProgrammedRules, ProxyMode, ProxyServicePort } from './model';
import { routeRequest } from './route';

const web: ProxyServicePort = {
  namespace: 'default',
  name: 'web',
  portName: '',
  protocol: 'TCP',
  clusterIP: '10.96.0.20',
  port: 80,
  nodePort: 30080,
  endpoints: [
    { ip: '10.244.1.5', port: 8080, podName: 'web-a' },
    { ip: '10.244.1.6', port: 8080, podName: 'web-b' },
    { ip: '10.244.2.7', port: 8080, podName: 'web-c' },
  ],
};

const empty: ProxyServicePort = {
  ...web,
  name: 'nobody',
  clusterIP: '10.96.0.30',
  nodePort: 30090,
  endpoints: [],
};

function rules(mode: ProxyMode): ProgrammedRules {
  return {
    mode,
    clusterCIDR: '10.244.0.0/16',
    nodeIP: '192.168.0.2',
    services: [web, empty],
    syncedAtMs: 0,
  };
}

const toWeb = { clusterIP: '10.96.0.20', port: 80 };

describe('routeRequest in iptables mode', () => {
  it('spreads 3000 connections over 3 endpoints within 5 % of uniform', () => {
    const rng = seedRng(42);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const r = routeRequest(rules('iptables'), toWeb, rng, {});
      if (!r.ok) throw new Error(r.reason);
      counts[r.endpoint.podName ?? ''] = (counts[r.endpoint.podName ?? ''] ?? 0) + 1;
    }
    for (const pod of ['web-a', 'web-b', 'web-c']) {
      expect(counts[pod]).toBeGreaterThanOrEqual(950);
      expect(counts[pod]).toBeLessThanOrEqual(1050);
    }
  });

  it('walks KUBE-SERVICES, the service chain and one endpoint chain', () => {
    const r = routeRequest(rules('iptables'), toWeb, seedRng(1), {});
    expect(r.ok && r.chain.length).toBe(3);
    expect(r.ok && r.chain[0]).toBe('KUBE-SERVICES');
    expect(r.ok && r.chain[1]).toMatch(/^KUBE-SVC-[A-Z2-7]{16}$/);
    expect(r.ok && r.chain[2]).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/);
  });

  it('enters a node port through KUBE-NODEPORTS and the KUBE-EXT chain', () => {
    const r = routeRequest(
      rules('iptables'),
      { clusterIP: '192.168.0.2', port: 30080 },
      seedRng(1),
      {},
    );
    expect(r.ok && r.chain.slice(0, 2)).toEqual(['KUBE-SERVICES', 'KUBE-NODEPORTS']);
    expect(r.ok && r.chain[2]).toMatch(/^KUBE-EXT-/);
  });

  it('gives the same endpoints for the same seed', () => {
    const run = () => {
      const rng = seedRng(7);
      return Array.from({ length: 20 }, () => {
        const r = routeRequest(rules('iptables'), toWeb, rng, {});
        return r.ok ? r.endpoint.podName : r.reason;
      });
    };
    expect(run()).toEqual(run());
  });

  it('uses no random draw when there is a single endpoint', () => {
    const one = { ...web, endpoints: [web.endpoints[0]] };
    const rng = seedRng(3);
    const before = [...rng];
    const r = routeRequest({ ...rules('iptables'), services: [one] }, toWeb, rng, {});
    expect(r.ok && r.endpoint.podName).toBe('web-a');
    expect(rng).toEqual(before);
  });

  it('refuses a port with no endpoints, also on its node port', () => {
    const rng = seedRng(1);
    expect(routeRequest(rules('iptables'), { clusterIP: '10.96.0.30', port: 80 }, rng, {})).toEqual(
      {
        ok: false,
        reason: 'connection refused',
      },
    );
    const viaNode = { clusterIP: '192.168.0.2', port: 30090 };
    expect(routeRequest(rules('iptables'), viaNode, rng, {})).toEqual({
      ok: false,
      reason: 'connection refused',
    });
  });

  it('times out on an address no rule knows, and on a wrong port of a ClusterIP', () => {
    const rng = seedRng(1);
    for (const target of [
      { clusterIP: '10.96.0.99', port: 80 },
      { clusterIP: '10.96.0.20', port: 443 },
    ]) {
      expect(routeRequest(rules('iptables'), target, rng, {})).toEqual({
        ok: false,
        reason: 'connection timed out',
      });
    }
  });
});

describe('routeRequest in IPVS mode', () => {
  it('cycles through the real servers in order', () => {
    const rr: Record<string, number> = {};
    const picked = Array.from({ length: 7 }, () => {
      const r = routeRequest(rules('ipvs'), toWeb, seedRng(1), rr);
      return r.ok ? r.endpoint.podName : r.reason;
    });
    expect(picked).toEqual(['web-a', 'web-b', 'web-c', 'web-a', 'web-b', 'web-c', 'web-a']);
    expect(rr).toEqual({ '10.96.0.20:80': 1 });
  });

  it('names the virtual server and the real server it chose', () => {
    const r = routeRequest(rules('ipvs'), toWeb, seedRng(1), {});
    expect(r).toEqual({
      ok: true,
      endpoint: web.endpoints[0],
      chain: ['TCP 10.96.0.20:80 rr', '-> 10.244.1.5:8080'],
    });
  });

  it('does not touch the random source', () => {
    const rng = seedRng(9);
    const before = [...rng];
    routeRequest(rules('ipvs'), toWeb, rng, {});
    expect(rng).toEqual(before);
  });

  it('refuses a virtual server without real servers, and other ports on a ClusterIP', () => {
    const rng = seedRng(1);
    for (const target of [
      { clusterIP: '10.96.0.30', port: 80 },
      { clusterIP: '10.96.0.20', port: 443 },
    ]) {
      expect(routeRequest(rules('ipvs'), target, rng, {})).toEqual({
        ok: false,
        reason: 'connection refused',
      });
    }
  });

  it('times out on an address that is no ClusterIP', () => {
    expect(
      routeRequest(rules('ipvs'), { clusterIP: '10.96.0.99', port: 80 }, seedRng(1), {}),
    ).toEqual({
      ok: false,
      reason: 'connection timed out',
    });
  });
});
