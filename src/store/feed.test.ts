import { describe, expect, it } from 'vitest';
import type { ClusterInput } from '../engine';
import { type FetchLike, openFeed, parseInput } from './feed';
import { describeInput } from './streamedHead';

const TARGET = { server: 'http://127.0.0.1:16501', token: 'tok-0123456789' };

/** A feed whose body arrives in the given chunks (split anywhere, even inside a character). */
function chunked(parts: Uint8Array[]): FetchLike {
  return async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          for (const p of parts) c.enqueue(p);
          c.close();
        },
      }),
    );
}

describe('the feed', () => {
  it('reads newline-delimited JSON however the chunks split it', async () => {
    const hello = JSON.stringify({
      type: 'hello',
      options: { workers: 1, proxyMode: 'iptables', seed: 1 },
      snapshot: '{"ünïcode":"☕"}',
    });
    const text = `${hello}\n{"type":"advance","toMs":5}\n{"type":"line","line":"wait 1s ☕"}\n`;
    const bytes = new TextEncoder().encode(text);
    // Every split point, including the middle of a multi-byte character.
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const opened = await openFeed(TARGET, {
        fetch: chunked([bytes.slice(0, cut), bytes.slice(cut)]),
      });
      if (!('hello' in opened)) throw new Error(`no hello at cut ${cut}`);
      expect(opened.hello.snapshot).toBe('{"ünïcode":"☕"}');
      const got: ClusterInput[] = [];
      const ended = await new Promise<string>((resolve) =>
        opened.feed.listen({ inputs: (b) => got.push(...b), end: resolve }),
      );
      expect(got).toEqual([
        { type: 'advance', toMs: 5 },
        { type: 'line', line: 'wait 1s ☕' },
      ]);
      expect(ended).toBe('closed');
    }
  });

  it('sends the token in the Authorization header only', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    await openFeed(TARGET, {
      fetch: async (url, init) => {
        seen = { url, init };
        return new Response('', { status: 401 });
      },
    });
    expect(seen?.url).toBe('http://127.0.0.1:16501/kube-kitchen/v1/feed');
    expect(seen?.init.headers).toEqual({ Authorization: 'Bearer tok-0123456789' });
    expect(seen?.init.credentials).toBe('omit');
    expect(seen?.init.referrerPolicy).toBe('no-referrer');
  });

  it('refuses a first line that is not a hello', async () => {
    const bytes = new TextEncoder().encode('{"type":"advance","toMs":1}\n');
    expect(await openFeed(TARGET, { fetch: chunked([bytes]) })).toEqual({ problem: 'protocol' });
    expect(await openFeed(TARGET, { fetch: chunked([]) })).toEqual({ problem: 'closed' });
  });

  it('checks the shape of every input', () => {
    expect(parseInput('{"type":"advance","toMs":12}')).toEqual({ type: 'advance', toMs: 12 });
    const as = { user: 'jane', groups: ['dev'], uid: '42' };
    expect(
      parseInput(
        JSON.stringify({ type: 'request', request: { verb: 'get', resource: 'pods' }, as }),
      ),
    ).toEqual({ type: 'request', request: { verb: 'get', resource: 'pods' }, as });
    for (const bad of [
      'not json',
      '[]',
      'null',
      '{"type":"advance","toMs":"soon"}',
      '{"type":"advance","toMs":1e999}',
      '{"type":"line","line":3}',
      '{"type":"request","request":{"verb":"get"}}',
      '{"type":"request","request":{"verb":"get","resource":"pods"},"as":{"user":"x","groups":[1]}}',
      '{"type":"hello","snapshot":"{}"}',
      '{"type":"bookmark"}',
    ])
      expect(parseInput(bad), bad).toBeNull();
  });

  it('names a streamed request as the API server saw it', () => {
    expect(
      describeInput({
        type: 'request',
        request: { verb: 'create', resource: 'deployments', namespace: 'default' },
      }),
    ).toBe('POST /apis/apps/v1/namespaces/default/deployments');
    expect(describeInput({ type: 'request', request: { verb: 'watch', resource: 'nodes' } })).toBe(
      'GET /api/v1/nodes?watch=true',
    );
    expect(
      describeInput({
        type: 'request',
        request: {
          verb: 'get',
          resource: 'pods',
          namespace: 'default',
          name: 'web',
          subresource: 'log',
        },
      }),
    ).toBe('GET /api/v1/namespaces/default/pods/web/log');
    expect(describeInput({ type: 'line', line: 'break apiserver' })).toBe('break apiserver');
  });
});
