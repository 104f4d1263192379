import { describe, expect, it } from 'vitest';
import {
  fieldSelectorError,
  labelMapString,
  matchFieldSelector,
  matchLabelSelector,
  parseFieldSelector,
  parseSelector,
  requirementsString,
  selectorToString,
} from './labels';

function parsed(s: string) {
  const result = parseSelector(s);
  if (!result.ok) throw new Error(result.error);
  return result;
}

function parseError(s: string): string {
  const result = parseSelector(s);
  if (result.ok) throw new Error(`expected ${s} to fail`);
  return result.error;
}

describe('parseSelector', () => {
  it('parses every requirement form and prints them sorted by key', () => {
    const sel = parsed('app=nginx,tier!=x,env in (b,a),!foo,bar');
    expect(requirementsString(sel.requirements)).toBe('app=nginx,bar,env in (a,b),!foo,tier!=x');
  });

  it('matches equality, inequality, set and existence requirements', () => {
    const sel = parsed('app=nginx,tier!=db,env in (prod,dev),!canary,team');
    expect(sel.matches({ app: 'nginx', env: 'dev', team: 'a' })).toBe(true);
    expect(sel.matches({ app: 'nginx', env: 'dev', team: 'a', tier: 'db' })).toBe(false);
    expect(sel.matches({ app: 'nginx', env: 'qa', team: 'a' })).toBe(false);
    expect(sel.matches({ app: 'nginx', env: 'dev', team: 'a', canary: '' })).toBe(false);
    expect(sel.matches({ app: 'nginx', env: 'dev' })).toBe(false);
  });

  it('treats notin as satisfied when the label is absent', () => {
    expect(parsed('env notin (prod)').matches({})).toBe(true);
    expect(parsed('env notin (prod)').matches({ env: 'prod' })).toBe(false);
  });

  it('matches everything with an empty selector', () => {
    expect(parsed('').matches({ any: 'thing' })).toBe(true);
    expect(parsed('').requirements).toEqual([]);
  });

  it('reports syntax errors with apimachinery wording', () => {
    expect(parseError('app in x')).toBe("unable to parse requirement: found 'x' expected: '('");
    expect(parseError('app,')).toBe("found '', expected: identifier after ','");
    expect(parseError('app b')).toBe(
      "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt",
    );
    expect(parseError('app=a b')).toBe("found 'b', expected: ',' or 'end of string'");
    expect(parseError('!app=a')).toBe("found '=', expected: ',' or 'end of string'");
  });

  it('reports an invalid key or value as the field error NewRequirement returns', () => {
    expect(parseError('app=-bad-')).toBe(
      "unable to parse requirement: values[0][app]: Invalid value: \"-bad-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
    expect(parseError('a/b/c=1')).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
  });
});

describe('LabelSelector', () => {
  const selector = {
    matchLabels: { tier: 'frontend' },
    matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }],
  };

  it('matches matchLabels and matchExpressions together', () => {
    expect(matchLabelSelector(selector, { tier: 'frontend', env: 'prod' })).toBe(true);
    expect(matchLabelSelector(selector, { tier: 'frontend', env: 'qa' })).toBe(false);
    expect(matchLabelSelector(selector, { env: 'prod' })).toBe(false);
  });

  it('matches nothing without a selector and everything with an empty one', () => {
    expect(matchLabelSelector(undefined, { a: 'b' })).toBe(false);
    expect(matchLabelSelector({}, { a: 'b' })).toBe(true);
  });

  it('prints the form kubectl describe shows', () => {
    expect(selectorToString({ matchLabels: { app: 'nginx' } })).toBe('app=nginx');
    expect(selectorToString(selector)).toBe('env in (dev,prod),tier=frontend');
    expect(selectorToString(undefined)).toBe('<none>');
    expect(selectorToString({})).toBe('<none>');
    expect(selectorToString({ matchExpressions: [{ key: 'a', operator: 'Bogus' }] })).toBe(
      '<error>',
    );
  });

  it('prints a plain label map sorted by key', () => {
    expect(labelMapString({ tier: 'backend', app: 'hello' })).toBe('app=hello,tier=backend');
  });
});

describe('field selectors', () => {
  const pod = {
    kind: 'Pod',
    metadata: { name: 'nginx', namespace: 'default' },
    spec: { nodeName: 'worker-1' },
    status: { phase: 'Running' },
  };
  const event = {
    kind: 'Event',
    metadata: { name: 'nginx.1', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'nginx', namespace: 'default', uid: 'u-1' },
  };

  it('matches pod fields', () => {
    expect(matchFieldSelector('spec.nodeName=worker-1', pod)).toBe(true);
    expect(matchFieldSelector('spec.nodeName=worker-2', pod)).toBe(false);
    expect(matchFieldSelector('status.phase!=Running', pod)).toBe(false);
    expect(matchFieldSelector('metadata.name==nginx,metadata.namespace=default', pod)).toBe(true);
  });

  it('matches an unscheduled pod by an empty node name', () => {
    expect(matchFieldSelector('spec.nodeName=', { spec: {} })).toBe(true);
  });

  it('matches event fields', () => {
    expect(matchFieldSelector('involvedObject.uid=u-1', event)).toBe(true);
    expect(matchFieldSelector('involvedObject.name=nginx,involvedObject.kind=Pod', event)).toBe(
      true,
    );
    expect(matchFieldSelector('involvedObject.namespace=kube-system', event)).toBe(false);
  });

  it('rejects a term without an operator', () => {
    expect(parseFieldSelector('spec.nodeName')).toEqual({
      ok: false,
      error: "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'",
    });
  });

  it('names an unsupported field the way each registry does', () => {
    const terms = (s: string) => {
      const p = parseFieldSelector(s);
      if (!p.ok) throw new Error(p.error);
      return p.requirements;
    };
    expect(fieldSelectorError('Pod', terms('spec.nodeName=a'))).toBeUndefined();
    expect(fieldSelectorError('Pod', terms('spec.foo=a'))).toBe(
      'field label not supported: spec.foo',
    );
    expect(fieldSelectorError('Deployment', terms('spec.replicas=1'))).toBe(
      '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
  });
});
