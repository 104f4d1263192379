/**
 * `-f` with some bad input, as kubectl 1.32 answers it against a cluster (checked with the real
 * kubectl against `npm run apiserver`): every object that can be read is acted on, and each
 * problem is printed, the builder's own after the objects' for create and delete, before them
 * for apply. A v1 List stands for its items.
 */
import { describe, expect, it } from 'vitest';
import { createFakeHost } from './testing/fakeHost';
import { kubectl } from './testing/kubectlLine';

const cm = (name: string, indent = '') =>
  `${indent}apiVersion: v1\n${indent}kind: ConfigMap\n${indent}metadata:\n${indent}  name: ${name}\n`;

const MULTI = [
  cm('m1'),
  'apiVersion: v1\nkind: Widget\nmetadata:\n  name: m2\n',
  cm('m3'),
  `${cm('m4')} bad: x\n`,
  cm('m5'),
].join('---\n');

const LIST = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: l1
- apiVersion: v1
  kind: Widget
  metadata:
    name: w
- apiVersion: v1
  kind: Secret
  metadata:
    name: l2
  stringData:
    a: b
`;

const MAPPING_M2 =
  'resource mapping not found for name: "m2" namespace: "" from "multi.yaml": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first\n';
const PARSE_M4 =
  'error parsing multi.yaml: error converting YAML to JSON: yaml: line 5: did not find expected key\n';

describe('kubectl -f with some bad input', () => {
  it('apply: the documents before a broken one are applied, a kind the server lacks is skipped', () => {
    const host = createFakeHost({ 'multi.yaml': MULTI });
    expect(kubectl(host, 'kubectl apply -f multi.yaml --validate=false')).toEqual({
      output: `configmap/m1 created\nconfigmap/m3 created\n${MAPPING_M2}${PARSE_M4}`,
      ok: false,
    });
  });

  it('apply: every good file of a directory, and each bad one reported', () => {
    const host = createFakeHost({
      'dir/a.yaml': cm('a'),
      'dir/b.yaml': `${cm('b')} data: x\n`,
      'dir/c.yaml': cm('c'),
    });
    expect(kubectl(host, 'kubectl apply -f dir')).toEqual({
      output:
        'configmap/a created\nconfigmap/c created\nerror: error parsing dir/b.yaml: error converting YAML to JSON: yaml: line 5: did not find expected key\n',
      ok: false,
    });
  });

  it('a validation error ends its file (the documents after it are not read)', () => {
    const host = createFakeHost({
      'v.yaml': `${cm('v1')}---\nmetadata:\n  name: x\n---\n${cm('v3')}`,
    });
    expect(kubectl(host, 'kubectl apply -f v.yaml').output).toBe(
      'configmap/v1 created\nerror: error validating "v.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it('create and delete act on the rest and report the builder errors last', () => {
    const host = createFakeHost({ 'multi.yaml': MULTI, 'm1.yaml': cm('m1') });
    kubectl(host, 'kubectl create -f m1.yaml');
    expect(kubectl(host, 'kubectl create -f multi.yaml --validate=false').output).toBe(
      `configmap/m3 created\nError from server (AlreadyExists): error when creating "multi.yaml": configmaps "m1" already exists\n${MAPPING_M2}${PARSE_M4}`,
    );
    expect(kubectl(host, 'kubectl delete -f multi.yaml').output).toBe(
      `configmap "m1" deleted from default namespace\nconfigmap "m3" deleted from default namespace\n${MAPPING_M2}${PARSE_M4}`,
    );
  });

  it('apply, create and delete take a v1 List as its items', () => {
    const host = createFakeHost({ 'list.yaml': LIST });
    const unrecognized =
      'error: unable to recognize no matches for kind "Widget" in version "v1"\n';
    expect(kubectl(host, 'kubectl apply -f list.yaml')).toEqual({
      output: `configmap/l1 created\nsecret/l2 created\n${unrecognized}`,
      ok: false,
    });
    expect(kubectl(host, 'kubectl delete -f list.yaml').output).toBe(
      `configmap "l1" deleted from default namespace\nsecret "l2" deleted from default namespace\n${unrecognized}`,
    );
    expect(kubectl(host, 'kubectl create -f list.yaml').output).toBe(
      `configmap/l1 created\nsecret/l2 created\n${unrecognized}`,
    );
  });

  it('a List of good items is a success', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n${cm('x1', '  ').replace(/^ {2}a/, '- a')}`;
    const host = createFakeHost({ 'l.yaml': list });
    expect(kubectl(host, 'kubectl apply -f l.yaml')).toEqual({
      output: 'configmap/x1 created\n',
      ok: true,
    });
  });

  it("validates a List's items as kubectl does (pkg/validation validateList)", () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- metadata:\n    name: x\n- 3\n';
    const host = createFakeHost({ 'l.yaml': list });
    expect(kubectl(host, 'kubectl apply -f l.yaml').output).toBe(
      'error: error validating "l.yaml": error validating data: [apiVersion not set, kind not set, invalid object to validate]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    const empty = createFakeHost({ 'e.yaml': 'apiVersion: v1\nkind: List\nitems: []\n' });
    expect(kubectl(empty, 'kubectl apply -f e.yaml').output).toBe(
      'error: no objects passed to apply\n',
    );
  });
});
