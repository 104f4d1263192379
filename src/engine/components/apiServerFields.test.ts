/**
 * kube-apiserver's field validation end to end: what a create or update with unknown fields gets
 * for each fieldValidation, what is stored, and a create's status thrown away.
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResult, KObject } from '../api/types';
import { createSimulation } from '../sim/bootstrap';

const typoPod = (name: string): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.14.2', imagePullPolcy: 'Always' }] },
  }) as KObject;

/** The Status a failed call answered with. */
const statusOf = (res: ApiResult) => (res.ok ? undefined : res.status);

function setup() {
  const sim = createSimulation({ workers: 1, seed: 3 });
  sim.advanceBy(15_000);
  const call = (req: Partial<ApiRequest>) =>
    sim.call({ verb: 'create', resource: 'pods', namespace: 'default', ...req } as ApiRequest);
  return { sim, call };
}

describe('field validation in the API server', () => {
  it('Strict refuses a create and stores nothing', () => {
    const { sim, call } = setup();
    const revision = sim.state.etcd.revision;
    const res = call({ body: typoPod('a'), fieldValidation: 'Strict' });
    expect(res.ok).toBe(false);
    expect(statusOf(res)?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
    );
    expect(statusOf(res)?.code).toBe(400);
    expect(sim.state.etcd.revision).toBe(revision);
    expect(sim.store('pods')['default/a']).toBeUndefined();
  });

  it('Warn and the default create the object without the field, with a warning', () => {
    const { sim, call } = setup();
    for (const [name, fieldValidation] of [
      ['b', 'Warn'],
      ['c', undefined],
    ] as const) {
      const res = call({ body: typoPod(name), fieldValidation });
      expect(res.ok).toBe(true);
      expect(res.warnings).toEqual(['unknown field "spec.containers[0].imagePullPolcy"']);
      const stored = sim.store('pods')[`default/${name}`];
      expect(stored.spec.containers[0]).not.toHaveProperty('imagePullPolcy');
      expect(stored.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    }
  });

  it('a value of the wrong kind fails decoding whatever the directive, and nothing throws', () => {
    const { sim, call } = setup();
    for (const fieldValidation of ['Strict', 'Warn', 'Ignore'] as const) {
      const res = call({
        body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: 'x' } as KObject,
        fieldValidation,
      });
      expect(statusOf(res)).toMatchObject({
        code: 400,
        reason: 'BadRequest',
        message:
          'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
      });
    }
    expect(sim.store('pods')['default/bad']).toBeUndefined();
  });

  it('Ignore creates it without the field, silently', () => {
    const { sim, call } = setup();
    const res = call({ body: typoPod('d'), fieldValidation: 'Ignore' });
    expect(res.ok).toBe(true);
    expect(res.warnings).toBeUndefined();
    expect(sim.store('pods')['default/d'].spec.containers[0]).not.toHaveProperty('imagePullPolcy');
  });

  it('warnings ride along with a request that then fails validation', () => {
    const { call } = setup();
    const body = { ...typoPod('e'), spec: { contianers: [] } } as KObject;
    const res = call({ body, fieldValidation: 'Warn' });
    expect(res.ok).toBe(false);
    expect(res.warnings).toEqual(['unknown field "spec.contianers"']);
    expect(statusOf(res)?.message).toBe('Pod "e" is invalid: spec.containers: Required value');
  });

  it('an update is decoded the same way; as a patch it is refused around the patch', () => {
    const { sim, call } = setup();
    expect(call({ body: typoPod('f'), fieldValidation: 'Ignore' }).ok).toBe(true);
    const current = sim.store('pods')['default/f'];
    const body = { ...current, metadata: { ...current.metadata, labels: { app: 'f', x: 'y' } } };
    const update = (extra: Partial<ApiRequest>) =>
      call({ verb: 'update', name: 'f', body: { ...body, spex: 1 } as KObject, ...extra });
    expect(statusOf(update({ fieldValidation: 'Strict' }))?.message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spex"',
    );
    const patched = update({ fieldValidation: 'Strict', patch: { spex: 1 } });
    expect(statusOf(patched)).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message:
        ' "" is invalid: patch: Invalid value: "map[spex:1]": strict decoding error: unknown field "spex"',
    });
    const warned = update({ fieldValidation: 'Warn', patch: { spex: 1 } });
    expect(warned).toMatchObject({ ok: true, warnings: ['unknown field "spex"'] });
    expect(sim.store('pods')['default/f'].metadata.labels).toEqual({ app: 'f', x: 'y' });
    expect(sim.store('pods')['default/f']).not.toHaveProperty('spex');
  });

  it('throws away the status a create sends (the strategies PrepareForCreate)', () => {
    const { sim, call } = setup();
    const body = {
      ...typoPod('g'),
      spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
      status: { phase: 'Running', podIP: '10.0.0.9' },
    } as KObject;
    expect(call({ body, fieldValidation: 'Strict' }).ok).toBe(true);
    expect(sim.store('pods')['default/g'].status).toEqual({
      phase: 'Pending',
      qosClass: 'BestEffort',
    });
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'h' },
      spec: {
        selector: { matchLabels: { app: 'h' } },
        template: {
          metadata: { labels: { app: 'h' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
        },
      },
      status: { replicas: 7, readyReplicas: 7 },
    } as KObject;
    expect(call({ resource: 'deployments', body: deployment, fieldValidation: 'Strict' }).ok).toBe(
      true,
    );
    expect(sim.store('deployments')['default/h'].status).toBeUndefined();
  });
});
