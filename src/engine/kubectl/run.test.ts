import { describe, expect, it } from 'vitest';
import { fieldErrors, invalid, notFound } from '../api/errors';
import { resourceInfo } from '../api/resources';
import { createFakeHost } from './testing/fakeHost';
import { kubectl } from './testing/kubectlLine';

const pods = resourceInfo('pods');

describe('runKubectl: commands and flags', () => {
  it('rejects an unknown command, with cobra suggestions', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl gett pods')).toEqual({
      output: 'error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl frobnicate')).toEqual({
      output: 'error: unknown command "frobnicate" for "kubectl"\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl list pods').output).toContain('Did you mean this?\n\tget\n');
  });

  it('rejects an unknown flag and names the command in the hint', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl get pods --foo')).toEqual({
      output: "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
      ok: false,
    });
    expect(kubectl(host, 'kubectl rollout status deploy/x --bar').output).toBe(
      "error: unknown flag: --bar\nSee 'kubectl rollout status --help' for usage.\n",
    );
  });

  it('finds the command after global flags', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl -n kube-system get pods').output).toBe(
      'No resources found in kube-system namespace.\n',
    );
  });

  it('says which resource types it does not know', () => {
    expect(kubectl(createFakeHost(), 'kubectl get foos')).toEqual({
      output: 'error: the server doesn\'t have a resource type "foos"\n',
      ok: false,
    });
  });
});

describe('runKubectl: errors from the API server', () => {
  it('renders NotFound', () => {
    expect(kubectl(createFakeHost(), 'kubectl get pod x')).toEqual({
      output: 'Error from server (NotFound): pods "x" not found\n',
      ok: false,
    });
  });

  it('renders several errors one per line, without the error: prefix', () => {
    expect(kubectl(createFakeHost(), 'kubectl get pod a b').output).toBe(
      'Error from server (NotFound): pods "a" not found\nError from server (NotFound): pods "b" not found\n',
    );
  });

  it('renders AlreadyExists with the file it came from', () => {
    const host = createFakeHost({
      'nginx.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n',
    });
    expect(kubectl(host, 'kubectl create -f nginx.yaml').output).toBe('pod/nginx created\n');
    expect(kubectl(host, 'kubectl create -f nginx.yaml')).toEqual({
      output:
        'Error from server (AlreadyExists): error when creating "nginx.yaml": pods "nginx" already exists\n',
      ok: false,
    });
  });

  it('renders Invalid with one cause on the same line', () => {
    const host = createFakeHost();
    host.inject.push({
      match: (r) => r.verb === 'create',
      result: {
        ok: false,
        status: invalid(pods, 'nginx', [fieldErrors.required('spec.containers[0].image')]),
      },
    });
    expect(kubectl(host, 'kubectl run nginx --image=nginx')).toEqual({
      output: 'The Pod "nginx" is invalid: spec.containers[0].image: Required value\n',
      ok: false,
    });
  });

  it('renders Invalid with several causes as a list', () => {
    const host = createFakeHost();
    host.inject.push({
      match: (r) => r.verb === 'create',
      result: {
        ok: false,
        status: invalid(pods, 'nginx', [
          fieldErrors.required('spec.containers[0].image'),
          fieldErrors.duplicate('spec.containers[1].name', 'nginx'),
        ]),
      },
    });
    expect(kubectl(host, 'kubectl run nginx --image=nginx').output).toBe(
      'The Pod "nginx" is invalid: \n* spec.containers[0].image: Required value\n* spec.containers[1].name: Duplicate value: "nginx"\n',
    );
  });

  it('renders a refused connection with the server address', () => {
    const host = createFakeHost();
    host.network = 'connection refused';
    expect(kubectl(host, 'kubectl get pods')).toEqual({
      output:
        'The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl get pods,svc').output).toBe(
      'The connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?\n',
    );
  });

  it('renders other network failures as unable to connect', () => {
    const host = createFakeHost();
    host.network = 'net/http: TLS handshake timeout';
    expect(kubectl(host, 'kubectl get nodes').output).toBe(
      'Unable to connect to the server: net/http: TLS handshake timeout\n',
    );
  });

  it('renders an API error for a list', () => {
    const host = createFakeHost();
    host.inject.push({
      match: (r) => r.verb === 'list',
      result: { ok: false, status: notFound(pods, 'x') },
    });
    expect(kubectl(host, 'kubectl get pods').output).toBe(
      'Error from server (NotFound): pods "x" not found\n',
    );
  });
});

describe('kubectl get', () => {
  it('says when there is nothing, per scope', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl get pods')).toEqual({
      output: 'No resources found in default namespace.\n',
      ok: true,
    });
    expect(kubectl(host, 'kubectl get nodes').output).toBe('No resources found\n');
    expect(kubectl(host, 'kubectl get pods -A').output).toBe('No resources found\n');
  });

  it('asks for a resource type', () => {
    expect(kubectl(createFakeHost(), 'kubectl get')).toEqual({
      output:
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
      ok: false,
    });
  });

  it('shows kind/name and a blank line between types when several are listed', () => {
    const host = createFakeHost();
    host.put({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default' },
      status: { phase: 'Active' },
    });
    host.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
    expect(kubectl(host, 'kubectl get ns').output).toBe(
      'NAME      STATUS   AGE\ndefault   Active   0s\n',
    );
    expect(kubectl(host, 'kubectl get cm,ns').output).toBe(
      'NAME            DATA   AGE\nconfigmap/cfg   1      0s\n\nNAME                STATUS   AGE\nnamespace/default   Active   0s\n',
    );
  });

  it('prints names with -o name, and refuses unknown formats', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    expect(kubectl(host, 'kubectl get ns -o name').output).toBe('namespace/default\n');
    expect(kubectl(host, 'kubectl get ns -o foo').output).toBe(
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    );
  });

  it('refuses mixed argument forms and names across namespaces', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl get pod pod/x').output).toBe(
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n",
    );
    expect(kubectl(host, 'kubectl get pod x -A').output).toBe(
      'error: a resource cannot be retrieved by name across all namespaces\n',
    );
  });
});

describe('kubectl describe', () => {
  function withPods() {
    const host = createFakeHost();
    host.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx-a' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    host.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'nginx-b' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    return host;
  }

  it('reads the object’s events by UID', () => {
    const host = withPods();
    const out = kubectl(host, 'kubectl describe pod nginx-a');
    expect(out.ok).toBe(true);
    expect(out.output.startsWith('Name:         nginx-a\nNamespace:    default\n')).toBe(true);
    const uid = host.find('pods', 'nginx-a')?.metadata.uid;
    expect(host.calls).toContainEqual({
      verb: 'list',
      resource: 'events',
      namespace: 'default',
      fieldSelector: `involvedObject.uid=${uid}`,
      labelSelector: undefined,
    });
  });

  it('falls back to a name prefix, as kubectl does', () => {
    const out = kubectl(withPods(), 'kubectl describe pods nginx').output;
    expect(out.match(/^Name: +nginx-[ab]$/gm)).toEqual([
      'Name:         nginx-a',
      'Name:         nginx-b',
    ]);
    expect(kubectl(withPods(), 'kubectl describe pods web')).toEqual({
      output: 'Error from server (NotFound): pods "web" not found\n',
      ok: false,
    });
  });

  it('separates several objects by two blank lines (describe.go prints "\\n\\n" before each)', () => {
    const out = kubectl(withPods(), 'kubectl describe pods').output;
    expect(out).toContain('\n\n\nName:         nginx-b\n');
    expect(kubectl(createFakeHost(), 'kubectl describe nodes').output).toBe(
      'No resources found in default namespace.\n',
    );
  });
});

describe('kubectl version, cluster-info, api-resources', () => {
  it('prints the versions, or fails to reach the server', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl version').output).toBe(
      'Client Version: v1.34.2\nKustomize Version: v5.7.1\nServer Version: v1.34.2\n',
    );
    host.network = 'connection refused';
    expect(kubectl(host, 'kubectl version')).toEqual({
      output:
        'Client Version: v1.34.2\nKustomize Version: v5.7.1\nThe connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl cluster-info').output).toBe(
      "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\nThe connection to the server 172.18.0.2:6443 was refused - did you specify the right host or port?\n",
    );
  });

  it('lists cluster services', () => {
    const host = createFakeHost();
    host.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: { ports: [{ name: 'dns', port: 53 }] },
    });
    expect(kubectl(host, 'kubectl cluster-info').output).toBe(
      'Kubernetes control plane is running at https://172.18.0.2:6443\n' +
        'CoreDNS is running at https://172.18.0.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n' +
        "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
    );
  });

  it('lists the API resources as discovery orders them', () => {
    const lines = kubectl(createFakeHost(), 'kubectl api-resources').output.split('\n');
    expect(lines[0]).toBe(
      'NAME                  SHORTNAMES   APIVERSION               NAMESPACED   KIND',
    );
    expect(lines[1]).toBe(
      'configmaps            cm           v1                       true         ConfigMap',
    );
    expect(lines).toContain(
      'statefulsets          sts          apps/v1                  true         StatefulSet',
    );
    expect(lines.at(-2)).toBe(
      'endpointslices                     discovery.k8s.io/v1      true         EndpointSlice',
    );
  });
});
