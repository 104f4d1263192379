import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../testing/examples';
import { checkManifestDoc, parseManifestText } from './manifest';

const EXAMPLES = EXAMPLES_DIR;
const example = (path: string) => readFileSync(`${EXAMPLES}/${path}`, 'utf8');

function docs(text: string, source = 'x.yaml'): unknown[] {
  const parsed = parseManifestText(text, source);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.docs;
}

function error(text: string, source = 'x.yaml'): string {
  const parsed = parseManifestText(text, source);
  return 'error' in parsed ? parsed.error : '(parsed)';
}

/** pods/simple-pod.yaml as kubernetes/website stores it (KYAML, flow style, trailing commas). */
const KYAML_POD = `---
{
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "nginx",
  },
  spec: {
    containers: [{
      name: "nginx",
      image: "nginx:1.14.2",
      ports: [{
        containerPort: 80,
      }],
    }],
  },
}
`;

describe('parseManifestText', () => {
  it('parses flow-style KYAML', () => {
    expect(docs(KYAML_POD)).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'nginx' },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }],
        },
      },
    ]);
  });

  it('parses the flow-style KYAML examples', () => {
    for (const file of [
      'pods/simple-pod.yaml',
      'pods/pod-with-toleration.yaml',
      'pods/probe/exec-liveness.yaml',
    ]) {
      const [pod] = docs(example(file), file) as { kind: string; metadata: { name: string } }[];
      expect(pod.kind).toBe('Pod');
    }
    const [simple] = docs(example('pods/simple-pod.yaml')) as Record<string, unknown>[];
    expect(simple).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx' },
      spec: {
        containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }],
      },
    });
  });

  it('reads documents framed by --- and ...', () => {
    expect(docs('---\napiVersion: v1\nkind: Service\n...\n---\nkind: Pod\n...\n')).toEqual([
      { apiVersion: 'v1', kind: 'Service' },
      { kind: 'Pod' },
    ]);
  });

  it('reads the framed examples', () => {
    const svc = docs(example('service/access/backend-service.yaml')) as { kind: string }[];
    expect(svc.map((d) => d.kind)).toEqual(['Service']);
    const both = docs(
      `${example('service/access/backend-deployment.yaml')}\n${example('service/access/backend-service.yaml')}`,
    );
    expect((both as { kind: string }[]).map((d) => d.kind)).toEqual(['Deployment', 'Service']);
  });

  it('skips empty documents', () => {
    expect(docs('---\n---\n...\n')).toEqual([]);
    expect(docs('')).toEqual([]);
    expect(docs('# only a comment\n---\nkind: A\n---\n')).toEqual([{ kind: 'A' }]);
  });

  it('decodes like go-yaml (YAML 1.1 booleans and octals, timestamps as strings)', () => {
    expect(docs('a: yes\nb: 0755\nc: 2024-01-01\n')).toEqual([
      { a: true, b: 493, c: '2024-01-01' },
    ]);
  });

  it('lets a repeated key replace the earlier one, as go-yaml outside strict mode does', () => {
    expect(docs('a: 1\nb: {x: 1}\na: 2\nb: {z: 2}\n')).toEqual([{ a: 2, b: { z: 2 } }]);
    expect(docs('{"a": 1, "a": 3}')).toEqual([{ a: 3 }]);
  });

  it('reports syntax errors in the frame kubectl uses', () => {
    expect(error('apiVersion: v1\nkind: Pod\nmetadata: name: x\n', 'nginx.yaml')).toBe(
      'error parsing nginx.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context',
    );
    expect(error('a:\n\tb: 1\n')).toMatch(
      /^error parsing x\.yaml: error converting YAML to JSON: yaml: line 2: /,
    );
  });

  it('refuses keys that could reach Object.prototype', () => {
    expect(error('metadata:\n  name: x\n  __proto__:\n    polluted: true\n')).toBe(
      'error parsing x.yaml: error converting YAML to JSON: yaml: line 3: key "__proto__" is not allowed',
    );
    expect(error('{"constructor": {"prototype": {}}}')).toBe(
      'error parsing x.yaml: error converting YAML to JSON: yaml: line 1: key "constructor" is not allowed',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(error(bomb)).toBe(
      'error parsing x.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
    );
  });

  it('allows a few aliases', () => {
    expect(docs('a: &x {k: v}\nb: *x\n')).toEqual([{ a: { k: 'v' }, b: { k: 'v' } }]);
  });

  it('refuses files over 1 MiB before parsing them', () => {
    const big = `data: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    expect(error(big, 'big.yaml')).toBe(
      'error parsing big.yaml: file is too large (5242889 bytes; the limit is 1048576)',
    );
  });
});

describe('checkManifestDoc', () => {
  it('says what kubectl validation says about missing type information', () => {
    expect(checkManifestDoc({ metadata: { name: 'x' } }, 'x.yaml', true)).toBe(
      'error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(checkManifestDoc({ apiVersion: 'v1' }, 'x.yaml', true)).toBe(
      'error validating "x.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(checkManifestDoc(['a'], 'x.yaml', true)).toBe(
      'error validating "x.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false',
    );
    expect(checkManifestDoc({ apiVersion: 'v1', kind: 'Pod' }, 'x.yaml', true)).toBeUndefined();
  });

  it('still needs a kind with --validate=false', () => {
    expect(checkManifestDoc({ apiVersion: 'v1' }, 'x.yaml', false)).toBe(
      `unable to decode "x.yaml": Object 'Kind' is missing in '{"apiVersion":"v1"}'`,
    );
  });
});
