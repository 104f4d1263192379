/**
 * pods/log and pods/exec as the API server serves them to any client (kubectl picks a container
 * itself, so the API's own container rules and authorization are checked here).
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, type ApiRequest, nodeUser, type UserInfo } from '../api/types';
import { createSimulation } from '../sim/bootstrap';
import type { Simulation } from '../sim/simulation';
import { ACTOR } from '../trace';

const JANE: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

const TWO: ApiRequest = {
  verb: 'create',
  resource: 'pods',
  namespace: 'default',
  body: {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'two' },
    spec: {
      containers: [
        { name: 'a', image: 'nginx' },
        { name: 'b', image: 'busybox' },
      ],
    },
  },
};

function withTwo(): Simulation {
  const sim = createSimulation({ workers: 1, seed: 2 });
  expect(sim.api(ACTOR.kubectl, ADMIN, TWO).ok).toBe(true);
  sim.advanceBy(15_000);
  return sim;
}

const log = (extra: Partial<ApiRequest> = {}): ApiRequest => ({
  verb: 'get',
  resource: 'pods',
  namespace: 'default',
  name: 'two',
  subresource: 'log',
  ...extra,
});

describe('pods/log and pods/exec in the API server', () => {
  it('needs a container name when the pod has several', () => {
    const sim = withTwo();
    const res = sim.api(ACTOR.kubectl, ADMIN, log());
    expect(res).toMatchObject({
      ok: false,
      status: {
        code: 400,
        reason: 'BadRequest',
        message: 'a container name must be specified for pod two, choose one of: [a b]',
      },
    });
    expect(sim.api(ACTOR.kubectl, ADMIN, log({ logOptions: { container: 'c' } }))).toMatchObject({
      status: { message: 'container c is not valid for pod two' },
    });
    expect(
      sim.api(ACTOR.kubectl, ADMIN, log({ logOptions: { container: 'a', tailLines: 1 } })),
    ).toEqual({
      ok: true,
      stream: { kind: 'log', body: expect.stringMatching(/^.*\n$/) },
    });
  });

  it('checks the log options first, as PodLogOptions validation', () => {
    const sim = withTwo();
    const res = sim.api(
      ACTOR.kubectl,
      ADMIN,
      log({ name: 'missing', logOptions: { tailLines: -1, limitBytes: 0 } }),
    );
    expect(res).toMatchObject({
      ok: false,
      status: {
        code: 422,
        reason: 'Invalid',
        message:
          'PodLogOptions "missing" is invalid: [tailLines: Invalid value: -1: must be greater than or equal to 0, limitBytes: Invalid value: 0: must be greater than 0]',
      },
    });
  });

  it('authorizes get on pods/log and create on pods/exec', () => {
    const sim = withTwo();
    expect(sim.api(ACTOR.kubectl, JANE, log({ logOptions: { container: 'a' } }))).toMatchObject({
      status: {
        code: 403,
        message:
          'pods "two" is forbidden: User "jane" cannot get resource "pods/log" in API group "" in the namespace "default"',
      },
    });
    const exec: ApiRequest = {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      name: 'two',
      subresource: 'exec',
      execOptions: { container: 'a', command: ['ls'] },
    };
    expect(sim.api(ACTOR.kubectl, JANE, exec)).toMatchObject({
      status: {
        message:
          'pods "two" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"',
      },
    });
    // The kubelet's own credentials reach neither.
    expect(sim.api('kubelet', nodeUser('worker-1'), exec)).toMatchObject({
      ok: false,
      status: { code: 403 },
    });
  });

  it('serves log and exec on pods only, with their own verbs', () => {
    const sim = withTwo();
    expect(sim.api(ACTOR.kubectl, ADMIN, log({ resource: 'services' }))).toMatchObject({
      status: { code: 404 },
    });
    expect(sim.api(ACTOR.kubectl, ADMIN, log({ verb: 'delete' }))).toMatchObject({
      status: { code: 404 },
    });
  });

  it('answers a refused connection while the API server is down', () => {
    const sim = withTwo();
    sim.breakComponent('apiserver');
    expect(sim.api(ACTOR.kubectl, ADMIN, log({ logOptions: { container: 'a' } }))).toEqual({
      ok: false,
      network: 'connection refused',
    });
  });

  it('traces the hop from the API server to the kubelet', () => {
    const sim = withTwo();
    sim.api(ACTOR.kubectl, ADMIN, log({ logOptions: { container: 'b', tailLines: 3 } }));
    // Written while the request is served, so just before the request's own entry.
    const hop = sim.traceTail(2)[0];
    expect(hop).toMatchObject({
      from: ACTOR.apiserver,
      to: ACTOR.kubelet('worker-1'),
      kind: 'api',
      summary: 'GET /containerLogs/default/two/b?tailLines=3',
    });
  });
});
