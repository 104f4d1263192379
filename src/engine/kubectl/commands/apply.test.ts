import { describe, expect, it } from 'vitest';
import { createFakeHost } from '../testing/fakeHost';
import { kubectl } from '../testing/kubectlLine';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured', () => {
    const host = createFakeHost({ 'nginx.yaml': POD });
    expect(kubectl(host, 'kubectl apply -f nginx.yaml')).toEqual({
      output: 'pod/nginx created\n',
      ok: true,
    });
    expect(kubectl(host, 'kubectl apply -f nginx.yaml')).toEqual({
      output: 'pod/nginx unchanged\n',
      ok: true,
    });
    host.files.set('nginx.yaml', POD.replace('nginx:1.14.2', 'nginx:1.16.1'));
    expect(kubectl(host, 'kubectl apply -f nginx.yaml')).toEqual({
      output: 'pod/nginx configured\n',
      ok: true,
    });
    expect(host.find('pods', 'nginx')?.spec.containers[0].image).toBe('nginx:1.16.1');
  });

  it('records the applied configuration as kubectl does', () => {
    const host = createFakeHost({ 'nginx.yaml': POD });
    kubectl(host, 'kubectl apply -f nginx.yaml');
    expect(host.find('pods', 'nginx')?.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"nginx","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.14.2","name":"nginx"}]}}\n',
    });
  });

  it('keeps what the server added and removes what the file dropped', () => {
    const host = createFakeHost({ 'nginx.yaml': POD });
    kubectl(host, 'kubectl apply -f nginx.yaml');
    const stored = host.find('pods', 'nginx');
    if (!stored) throw new Error('not stored');
    stored.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    stored.spec.restartPolicy = 'Always';
    host.files.set('nginx.yaml', POD.replace('  labels:\n    app: web\n', ''));
    expect(kubectl(host, 'kubectl apply -f nginx.yaml').output).toBe('pod/nginx configured\n');
    const pod = host.find('pods', 'nginx');
    expect(pod?.metadata.labels).toBeUndefined();
    expect(pod?.spec).toEqual({
      containers: [{ name: 'nginx', image: 'nginx:1.14.2', imagePullPolicy: 'IfNotPresent' }],
      restartPolicy: 'Always',
    });
  });

  it('warns when the live object was not created by apply', () => {
    const host = createFakeHost({ 'nginx.yaml': POD });
    kubectl(host, 'kubectl create -f nginx.yaml');
    expect(kubectl(host, 'kubectl apply -f nginx.yaml').output).toBe(
      'Warning: resource pods/nginx is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\npod/nginx configured\n',
    );
  });

  it('applies every document, and every manifest of a directory in order', () => {
    const host = createFakeHost({
      'app/b-svc.yaml': SERVICE,
      'app/a-pod.yml': POD,
      'app/notes.txt': 'x',
      'app/sub/c.yaml': SERVICE,
    });
    expect(kubectl(host, 'kubectl apply -f app').output).toBe(
      'pod/nginx created\nservice/web created\n',
    );
    const multi = createFakeHost({ 'all.yaml': `---\n${POD}---\n${SERVICE}...\n` });
    expect(kubectl(multi, 'kubectl apply -f all.yaml').output).toBe(
      'pod/nginx created\nservice/web created\n',
    );
  });

  it('supports client and server dry runs without storing anything', () => {
    const host = createFakeHost({ 'nginx.yaml': POD });
    expect(kubectl(host, 'kubectl apply -f nginx.yaml --dry-run=client').output).toBe(
      'pod/nginx created (dry run)\n',
    );
    expect(kubectl(host, 'kubectl apply -f nginx.yaml --dry-run=server').output).toBe(
      'pod/nginx created (server dry run)\n',
    );
    expect(host.find('pods', 'nginx')).toBeUndefined();
    expect(kubectl(host, 'kubectl apply -f nginx.yaml --dry-run').output).toBe(
      'error: --dry-run flag without a value was specified. A value must be provided, e.g. "--dry-run=client".\n',
    );
  });

  it('reports missing paths, stdin and a missing -f', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl apply -f nope.yaml')).toEqual({
      output: 'error: the path "nope.yaml" does not exist\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl apply')).toEqual({
      output: 'error: must specify one of -f and -k\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl apply -f -').output).toBe(
      'error: reading manifests from standard input (-f -) is not supported here; name a file instead\n',
    );
  });

  it('reports kinds the server does not serve', () => {
    const host = createFakeHost({ 'x.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n' });
    expect(kubectl(host, 'kubectl apply -f x.yaml').output).toBe(
      'error: resource mapping not found for name: "x" namespace: "" from "x.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    );
  });

  it('applies the good files of a directory and reports the bad one (kubectl 1.32)', () => {
    const host = createFakeHost({
      'd/a.yaml': POD,
      'd/b.yaml': 'kind: Service\nmetadata: name: x\n',
    });
    expect(kubectl(host, 'kubectl apply -f d')).toEqual({
      output:
        'pod/nginx created\nerror: error parsing d/b.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n',
      ok: false,
    });
  });

  it('validates apiVersion and kind', () => {
    const host = createFakeHost({ 'x.yaml': 'metadata:\n  name: x\n' });
    expect(kubectl(host, 'kubectl apply -f x.yaml').output).toBe(
      'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });

  it('refuses an object from another namespace than -n', () => {
    const host = createFakeHost({
      'x.yaml': POD.replace('name: nginx', 'name: nginx\n  namespace: a'),
    });
    expect(kubectl(host, 'kubectl apply -f x.yaml -n b').output).toBe(
      `error: the namespace from the provided object "a" does not match the namespace "b". You must pass '--namespace=a' to perform this operation.\n`,
    );
  });

  it('cannot validate without a server', () => {
    const host = createFakeHost({ 'nginx.yaml': POD, 'svc.yaml': SERVICE });
    host.network = 'connection refused';
    expect(kubectl(host, 'kubectl apply -f nginx.yaml').output).toBe(
      'error: error validating "nginx.yaml": error validating data: failed to download openapi: Get "https://172.18.0.2:6443/openapi/v2?timeout=32s": dial tcp 172.18.0.2:6443: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
    expect(kubectl(host, 'kubectl apply -f nginx.yaml -f svc.yaml --validate=false').output).toBe(
      'unable to recognize "nginx.yaml": Get "https://172.18.0.2:6443/api?timeout=32s": dial tcp 172.18.0.2:6443: connect: connection refused\n' +
        'unable to recognize "svc.yaml": Get "https://172.18.0.2:6443/api?timeout=32s": dial tcp 172.18.0.2:6443: connect: connection refused\n',
    );
  });

  it('prints what the server said when creating fails, and goes on with the rest', () => {
    const host = createFakeHost({ 'all.yaml': `${POD}---\n${SERVICE}` });
    host.inject.push({
      match: (r) => r.verb === 'create' && r.resource === 'pods',
      result: {
        ok: false,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message:
            'pods "nginx" is forbidden: error looking up service account default/default: serviceaccount "default" not found',
        },
      },
    });
    expect(kubectl(host, 'kubectl apply -f all.yaml')).toEqual({
      output:
        'service/web created\nError from server (Forbidden): error when creating "all.yaml": pods "nginx" is forbidden: error looking up service account default/default: serviceaccount "default" not found\n',
      ok: false,
    });
  });
});
