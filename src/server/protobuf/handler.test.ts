/**
 * Protobuf bodies through the server's handler: creates, the binding subresource and
 * DELETE's options reach the engine as the JSON bodies would; broken ones get the API server's
 * Status.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../../engine';
import { handle, type Reply, type ServerContext } from '../handler';
import { ServedCluster } from '../servedCluster';
import { PROTOBUF_CONTENT_TYPE } from './decodeBody';
import { bytes, envelope, msg, num } from './testing/wireWriter';

const FIXTURES = join(import.meta.dirname, '__fixtures__');

function context(): ServerContext {
  const cluster = new ServedCluster({ workers: 1, seed: 3, nowMs: () => 1_800_000_000_000 });
  return { cluster, tokens: new Map([['tok', ADMIN]]) };
}

function send(
  ctx: ServerContext,
  method: string,
  path: string,
  body?: Buffer,
  contentType = PROTOBUF_CONTENT_TYPE,
) {
  const reply = handle(ctx, {
    method,
    path,
    query: new URLSearchParams(),
    headers: {
      authorization: 'Bearer tok',
      accept: `${PROTOBUF_CONTENT_TYPE}, application/json`,
      'content-type': contentType,
    },
    ...(body ? { body } : {}),
  });
  if (reply.kind !== 'json') throw new Error(`a ${reply.kind} reply`);
  return reply as Extract<Reply, { kind: 'json' }> & { body: Record<string, unknown> };
}

/** A pod of one container, in protobuf, that the default scheduler leaves to `scheduler`. */
function pod(name: string, scheduler?: string) {
  return envelope(
    'v1',
    'Pod',
    msg(1, bytes(1, name)),
    msg(2, msg(2, bytes(1, 'c'), bytes(2, 'nginx')), ...(scheduler ? [bytes(19, scheduler)] : [])),
  );
}

describe('protobuf bodies at the handler', () => {
  it("creates kubectl's deployment", () => {
    const ctx = context();
    const body = readFileSync(join(FIXTURES, 'kubectl-create-deployment.pb'));
    const created = send(ctx, 'POST', '/apis/apps/v1/namespaces/default/deployments', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      metadata: { name: 'web' },
      spec: {
        template: { spec: { containers: [{ image: 'nginx' }] } },
        // The engine defaulted it as it defaults JSON bodies.
        strategy: { type: 'RollingUpdate' },
      },
    });
  });

  it('answers a broken body with 400 and the API server words', () => {
    const ctx = context();
    const body = readFileSync(join(FIXTURES, 'kubectl-create-deployment.pb'));
    const cut = send(
      ctx,
      'POST',
      '/apis/apps/v1/namespaces/default/deployments',
      body.subarray(0, body.length - 10),
    );
    expect(cut.status).toBe(400);
    expect(cut.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message:
        'the object provided is unrecognized (must be of type Deployment): unexpected EOF ' +
        '(6b3873000a150a07617070732f7631120a4465706c6f796d656e7412b801 ...)',
    });
    const empty = send(ctx, 'POST', '/api/v1/namespaces/default/configmaps');
    expect(empty.body.message).toBe(
      'the object provided is unrecognized (must be of type ConfigMap): empty data (<empty>)',
    );
  });

  it("fills a missing kind from the endpoint's, and refuses a namespace not the request's", () => {
    const ctx = context();
    const bare = Buffer.concat([
      Buffer.from('k8s\0', 'latin1'),
      bytes(2, msg(1, bytes(1, 'settings'))),
    ]);
    const created = send(ctx, 'POST', '/api/v1/namespaces/default/configmaps', bare);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'settings' } });
    const elsewhere = envelope('v1', 'ConfigMap', msg(1, bytes(1, 'x'), bytes(3, 'kube-system')));
    const refused = send(ctx, 'POST', '/api/v1/namespaces/default/configmaps', elsewhere);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  });

  it('binds a pod with a protobuf Binding (what a scheduler posts)', () => {
    const ctx = context();
    const created = send(ctx, 'POST', '/api/v1/namespaces/default/pods', pod('waiting', 'mine'));
    expect(created.status).toBe(201);
    const binding = envelope(
      'v1',
      'Binding',
      msg(1, bytes(1, 'waiting')),
      msg(2, bytes(1, 'Node'), bytes(3, 'worker-1')),
    );
    const bound = send(ctx, 'POST', '/api/v1/namespaces/default/pods/waiting/binding', binding);
    expect(bound.status).toBe(201);
    const got = send(ctx, 'GET', '/api/v1/namespaces/default/pods/waiting');
    expect(got.body).toMatchObject({ spec: { nodeName: 'worker-1' } });
  });

  it("deletes with protobuf DeleteOptions; broken ones get delete.go's bare 500", () => {
    const ctx = context();
    send(ctx, 'POST', '/api/v1/namespaces/default/pods', pod('gone'));
    const options = envelope('v1', 'DeleteOptions', num(1, 0));
    const deleted = send(ctx, 'DELETE', '/api/v1/namespaces/default/pods/gone', options);
    expect(deleted.status).toBe(200);
    expect(send(ctx, 'GET', '/api/v1/namespaces/default/pods/gone').status).toBe(404);

    send(ctx, 'POST', '/api/v1/namespaces/default/pods', pod('kept'));
    const broken = send(
      ctx,
      'DELETE',
      '/api/v1/namespaces/default/pods/kept',
      options.subarray(0, options.length - 1),
    );
    expect(broken.status).toBe(500);
    expect(broken.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'unexpected EOF',
      code: 500,
    });
    expect(send(ctx, 'GET', '/api/v1/namespaces/default/pods/kept').status).toBe(200);
  });

  it('lists protobuf among the body types a 415 names', () => {
    const ctx = context();
    const xml = send(
      ctx,
      'POST',
      '/api/v1/namespaces/default/configmaps',
      Buffer.from('<x/>'),
      'application/xml',
    );
    expect(xml.status).toBe(415);
    expect(xml.body.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
  });
});
