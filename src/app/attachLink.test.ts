import { describe, expect, it } from 'vitest';
import { parseAttachLink, takeAttachLink } from './attachLink';

const TOKEN = 'Vd3kq0m2c8S1x9bTzQe7Lr5nYp4Hj6Gw';
const parse = (query: string, host = 'localhost') =>
  parseAttachLink(new URLSearchParams(query), host);

describe('the link to a served cluster', () => {
  it('accepts the link the server prints (its door on loopback, its token)', () => {
    const server = encodeURIComponent('http://127.0.0.1:16501');
    expect(parse(`server=${server}&token=${TOKEN}`)).toEqual({
      kind: 'target',
      target: { server: 'http://127.0.0.1:16501', token: TOKEN },
    });
    expect(parse(`server=http://localhost:6444/&token=${TOKEN}`)).toMatchObject({
      target: { server: 'http://localhost:6444' },
    });
    expect(parse(`server=http://[::1]:6444&token=${TOKEN}`)).toMatchObject({ kind: 'target' });
    // The page's own host (a page served from another machine, its door beside it).
    expect(parse(`server=https://lab.example:6444&token=${TOKEN}`, 'lab.example')).toMatchObject({
      kind: 'target',
    });
  });

  it('is no link at all without either parameter', () => {
    expect(parse('seed=7')).toEqual({ kind: 'none' });
  });

  it('refuses anything else', () => {
    for (const q of [
      `server=http://127.0.0.1:16501`,
      `token=${TOKEN}`,
      `server=not a url&token=${TOKEN}`,
      `server=ftp://127.0.0.1:16501&token=${TOKEN}`,
      `server=javascript:alert(1)&token=${TOKEN}`,
      `server=http://evil.example:16501&token=${TOKEN}`,
      `server=http://user:pw@127.0.0.1:16501&token=${TOKEN}`,
      `server=http://127.0.0.1:16501/other&token=${TOKEN}`,
      `server=${encodeURIComponent('http://127.0.0.1:16501/?x=1')}&token=${TOKEN}`,
      'server=http://127.0.0.1:16501&token=short',
      `server=http://127.0.0.1:16501&token=${'a'.repeat(513)}`,
      `server=http://127.0.0.1:16501&token=${encodeURIComponent('abc def ghi')}`,
      `server=http://127.0.0.1:16501&token=${encodeURIComponent('abcdefgh\nX-Evil: 1')}`,
    ])
      expect(parse(q), q).toEqual({ kind: 'bad' });
  });

  it('takes the token out of the address bar, keeping the rest', () => {
    const calls: string[] = [];
    const hist = {
      state: { kept: true },
      replaceState: (state: unknown, _: string, url?: string | URL | null) => {
        expect(state).toEqual({ kept: true });
        calls.push(String(url));
      },
    };
    const href = `http://localhost:5173/?workers=3&server=http%3A%2F%2F127.0.0.1%3A16501&token=${TOKEN}#scene`;
    const link = takeAttachLink({ href, hostname: 'localhost' }, hist);
    expect(link.kind).toBe('target');
    expect(calls).toEqual(['/?workers=3#scene']);
    // Even a bad link's token does not stay.
    takeAttachLink({ href: 'http://localhost:5173/?token=x', hostname: 'localhost' }, hist);
    expect(calls[1]).toBe('/');
    // Nothing to take: the history is left alone.
    takeAttachLink({ href: 'http://localhost:5173/?seed=2', hostname: 'localhost' }, hist);
    expect(calls).toHaveLength(2);
  });
});
