/**
 * The watch-list (sendInitialEvents) through the server's handler: the options checked as
 * validateWatchOptions checks them, the initial state as ADDED, then the initial-events-end
 * bookmark; a list refuses sendInitialEvents.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../engine';
import { handle, type Reply, type ServerContext } from './handler';
import { ServedCluster } from './servedCluster';

const ctx: ServerContext = {
  cluster: new ServedCluster({ workers: 1, seed: 4, nowMs: () => 1_800_000_000_000 }),
  tokens: new Map([['tok', ADMIN]]),
};

function get(query: string): Reply {
  return handle(ctx, {
    method: 'GET',
    path: '/api/v1/namespaces/kube-system/pods',
    query: new URLSearchParams(query),
    headers: { authorization: 'Bearer tok', accept: 'application/json' },
  });
}

function refusal(query: string) {
  const reply = get(query);
  if (reply.kind !== 'json') throw new Error(`a ${reply.kind} reply`);
  return reply.body as { code: number; message: string; reason: string };
}

const initial = (query: string) => {
  const reply = get(query);
  if (reply.kind !== 'watch') throw new Error(`a ${reply.kind} reply: ${JSON.stringify(reply)}`);
  return reply.open.initial as { type: string; object: { metadata: Record<string, unknown> } }[];
};

describe('the watch-list', () => {
  it('sends the objects as ADDED, then the bookmark that ends them, at the list’s revision', () => {
    const events = initial(
      'watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true',
    );
    const pods = Object.keys(ctx.cluster.sim.store('pods')).filter((k) =>
      k.startsWith('kube-system/'),
    );
    expect(events.slice(0, -1).map((e) => e.type)).toEqual(pods.map(() => 'ADDED'));
    expect(events.at(-1)).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: {
          resourceVersion: String(ctx.cluster.revision()),
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      },
    });
  });

  it('is what a watch from "" or "0" is by default; without bookmarks no end mark', () => {
    const legacy = initial('watch=true&allowWatchBookmarks=true');
    expect(legacy.at(-1)?.type).toBe('BOOKMARK');
    expect(initial('watch=true&resourceVersion=0').every((e) => e.type === 'ADDED')).toBe(true);
    // From a revision with sendInitialEvents=false: only what happened after it.
    expect(
      initial(
        `watch=true&resourceVersion=${ctx.cluster.revision()}&sendInitialEvents=false&resourceVersionMatch=NotOlderThan`,
      ),
    ).toEqual([]);
    expect(initial('watch=true&sendInitialEvents=false&resourceVersionMatch=NotOlderThan')).toEqual(
      [],
    );
  });

  it('refuses the options validateWatchOptions refuses, with its words', () => {
    expect(refusal('watch=true&sendInitialEvents=true')).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message:
        'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    });
    expect(refusal('watch=true&resourceVersion=5&resourceVersionMatch=NotOlderThan').message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
    expect(refusal('watch=true&sendInitialEvents=true&resourceVersionMatch=Exact').message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]',
    );
    expect(refusal('sendInitialEvents=true')).toMatchObject({
      code: 422,
      message:
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    });
    const future = ctx.cluster.revision() + 100;
    expect(
      refusal(
        `watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=${future}`,
      ),
    ).toMatchObject({ code: 504, reason: 'Timeout' });
  });
});
