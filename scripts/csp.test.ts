import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_HEADER } from './csp';

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([d]) => d === name)
    ?.slice(1);

describe('the Content-Security-Policy', () => {
  it('allows no inline script and no eval', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, CSP_HEADER]) {
      expect(directive(policy, 'script-src')).toEqual(["'self'"]);
      expect(policy).not.toMatch(
        /unsafe-(eval|inline)|wasm-unsafe-eval|\*(?!\s|;|$)|data:\S*\s.*script/,
      );
      expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    }
  });

  it('lets the page reach a served cluster on this computer, on any port, and nothing else', () => {
    expect(directive(CONTENT_SECURITY_POLICY, 'connect-src')).toEqual([
      "'self'",
      'http://localhost:*',
      'http://127.0.0.1:*',
      'https://localhost:*',
      'https://127.0.0.1:*',
    ]);
  });
});
