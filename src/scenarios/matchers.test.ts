import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulation, runLabLine, type Simulation } from '../engine';
import {
  evaluate,
  findObjects,
  formatFailure,
  interpolate,
  type MatchContext,
  parseRef,
  placeholders,
  readPath,
  resolveVar,
} from './matchers';
import type { Matcher } from './schema';

let sim: Simulation;
let ctx: MatchContext;

beforeAll(() => {
  sim = createSimulation({ workers: 2, seed: 2 });
  const from = sim.state.traceSeq;
  const out = runLabLine('kubectl run nginx --image=nginx:1.14.2', { host: sim }).output;
  sim.advanceBy(10_000);
  ctx = {
    sim,
    trace: sim.traceTail(sim.state.traceSeq - from),
    transcript: out,
    elapsedMs: 10_000,
    vars: { pod: 'nginx', node: 'worker-1' },
  };
});

const ok = (m: Matcher) => evaluate(m, ctx).ok;

describe('paths', () => {
  const obj = {
    metadata: { labels: { 'kubernetes.io/hostname': 'w1', app: 'web' } },
    status: {
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
    },
    endpoints: [{ targetRef: { name: 'a' }, conditions: { ready: false } }],
  };

  it('reads fields, selected elements, indexes, quoted keys and lengths', () => {
    expect(readPath(obj, 'metadata.labels.app')).toBe('web');
    expect(readPath(obj, 'metadata.labels["kubernetes.io/hostname"]')).toBe('w1');
    expect(readPath(obj, 'status.conditions[type=Ready].status')).toBe('True');
    expect(readPath(obj, 'status.conditions[1].type')).toBe('PodScheduled');
    expect(readPath(obj, 'status.conditions.length')).toBe(2);
    expect(readPath(obj, 'endpoints[targetRef.name=a].conditions.ready')).toBe(false);
  });

  it('is undefined for anything missing', () => {
    expect(readPath(obj, 'status.conditions[type=Nope].status')).toBeUndefined();
    expect(readPath(obj, 'spec.nodeName')).toBeUndefined();
    expect(readPath(obj, 'status.conditions[9]')).toBeUndefined();
  });
});

describe('object refs', () => {
  it('parses kinds, namespaces and prefixes', () => {
    expect(parseRef('pod/default/web-*')).toMatchObject({
      resource: 'pods',
      namespace: 'default',
      name: 'web-',
      prefix: true,
      anyNamespace: false,
    });
    expect(parseRef('node/worker-1')).toMatchObject({ resource: 'nodes', anyNamespace: false });
    expect(parseRef('pod/*')).toMatchObject({ anyNamespace: true, prefix: true, name: '' });
    expect(parseRef('gizmo/x')).toBeUndefined();
  });

  it('finds objects by exact name, by prefix and across namespaces', () => {
    expect(findObjects(sim, 'pod/default/nginx')).toHaveLength(1);
    expect(findObjects(sim, 'node/*').map((n) => n.metadata.name)).toEqual([
      'control-plane',
      'worker-1',
      'worker-2',
    ]);
    expect(findObjects(sim, 'pod/kube-system/kube-proxy-*')).toHaveLength(3);
    expect(findObjects(sim, 'pod/*').length).toBeGreaterThan(4);
    expect(findObjects(sim, 'pod/default/missing')).toEqual([]);
  });

  it('does not change the simulation when reading', () => {
    const before = sim.snapshot();
    findObjects(sim, 'configmap/default/none');
    findObjects(sim, 'deployment/default/none');
    expect(sim.snapshot()).toBe(before);
  });
});

describe('variables', () => {
  it('interpolates known names and reports missing ones', () => {
    const missing = new Set<string>();
    expect(interpolate('crash {pod} on {node} {x}', ctx.vars, missing)).toBe(
      'crash nginx on worker-1 {x}',
    );
    expect([...missing]).toEqual(['x']);
    expect(placeholders('a {b} c {d-e}')).toEqual(['b', 'd-e']);
  });

  it('resolves a value from the first matching object', () => {
    expect(resolveVar(sim, { object: 'pod/default/*', path: 'spec.nodeName' }, {})).toBe(
      'worker-1',
    );
    expect(
      resolveVar(
        sim,
        {
          object: 'node/*',
          where: [{ path: 'metadata.name', notEquals: 'control-plane' }],
          path: 'metadata.name',
        },
        {},
      ),
    ).toBe('worker-1');
    expect(resolveVar(sim, { object: 'pod/default/none', path: 'metadata.name' }, {})).toBe(
      undefined,
    );
  });
});

describe('matchers', () => {
  it('trace and noTrace look at the step’s entries', () => {
    expect(
      ok({ trace: { kind: 'api', from: 'kubectl', summaryIncludes: 'create pods/nginx' } }),
    ).toBe(true);
    expect(
      ok({ trace: { kind: 'cri', from: 'kubelet/{node}', object: 'pod/default/{pod}' } }),
    ).toBe(true);
    expect(ok({ trace: { kind: 'cri', from: 'kubelet/*' }, atLeast: 3 })).toBe(true);
    expect(
      ok({ trace: { kind: 'cri', from: 'kubelet/worker-2', object: 'pod/default/nginx' } }),
    ).toBe(false);
    expect(ok({ noTrace: { error: true } })).toBe(true);
    expect(ok({ noTrace: { kind: 'watch' } })).toBe(false);
  });

  it('field: equals, notEquals, exists, empty, includes', () => {
    const pod = 'pod/default/nginx';
    expect(ok({ field: { object: pod, path: 'spec.nodeName', equals: 'worker-1' } })).toBe(true);
    expect(ok({ field: { object: pod, path: 'spec.nodeName', equals: 'worker-2' } })).toBe(false);
    expect(ok({ field: { object: pod, path: 'spec.nodeName', notEquals: 'worker-2' } })).toBe(true);
    expect(ok({ field: { object: pod, path: 'metadata.deletionTimestamp', exists: false } })).toBe(
      true,
    );
    expect(ok({ field: { object: 'node/worker-1', path: 'spec.taints', empty: true } })).toBe(true);
    expect(ok({ field: { object: pod, path: 'spec.containers[0].image', includes: '1.14' } })).toBe(
      true,
    );
    // An absent object has no fields.
    expect(ok({ field: { object: 'pod/default/none', path: 'spec', exists: false } })).toBe(true);
    expect(ok({ field: { object: 'pod/default/none', path: 'spec', exists: true } })).toBe(false);
  });

  it('condition, event and count', () => {
    expect(ok({ condition: { object: 'pod/default/nginx', type: 'Ready', status: 'True' } })).toBe(
      true,
    );
    expect(
      ok({
        condition: {
          object: 'node/worker-1',
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
        },
      }),
    ).toBe(true);
    expect(ok({ condition: { object: 'pod/default/nginx', type: 'Ready', status: 'False' } })).toBe(
      false,
    );
    expect(
      ok({
        event: {
          object: 'pod/default/nginx',
          reason: 'Scheduled',
          type: 'Normal',
          messageIncludes: 'to worker-1',
        },
      }),
    ).toBe(true);
    expect(ok({ event: { object: 'pod/default/nginx', reason: 'BackOff' } })).toBe(false);
    expect(
      ok({
        count: {
          objects: 'pod/*',
          where: [{ path: 'spec.nodeName', equals: 'worker-1' }],
          equals: 2,
        },
      }),
    ).toBe(true);
    expect(ok({ count: { objects: 'node/*', atLeast: 3, atMost: 3 } })).toBe(true);
    expect(ok({ count: { objects: 'node/*', atMost: 2 } })).toBe(false);
  });

  it('output and elapsed', () => {
    expect(ok({ output: { includes: 'pod/nginx created' } })).toBe(true);
    expect(ok({ output: { excludes: 'Error' } })).toBe(true);
    expect(ok({ output: { includes: 'deleted' } })).toBe(false);
    expect(ok({ elapsed: { atLeastMs: 9_000, atMostMs: 10_000 } })).toBe(true);
    expect(ok({ elapsed: { atMostMs: 5_000 } })).toBe(false);
  });

  it('explains a failure in one line', () => {
    const r = evaluate(
      { field: { object: 'pod/default/nginx', path: 'status.phase', equals: 'Pending' } },
      ctx,
    );
    expect(r.ok).toBe(false);
    expect(formatFailure(r)).toBe(
      'expected pod/default/nginx: status.phase = "Pending"; found Running',
    );
    const unbound = evaluate(
      { field: { object: 'pod/default/{who}', path: 'x', exists: true } },
      ctx,
    );
    expect(formatFailure(unbound)).toContain('no value for {who}');
  });
});
