import { describe, expect, it } from 'vitest';
import type { KObject } from '../../api/types';
import { createFakeHost, type FakeHost } from '../testing/fakeHost';
import { kubectl } from '../testing/kubectlLine';

function withDeployment(): FakeHost {
  const host = createFakeHost();
  host.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      },
    },
  });
  return host;
}

describe('kubectl delete', () => {
  it('names what it deleted and where', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' } });
    host.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-9' } });
    expect(kubectl(host, 'kubectl delete pod nginx')).toEqual({
      output: 'pod "nginx" deleted from default namespace\n',
      ok: true,
    });
    expect(kubectl(host, 'kubectl delete node worker-9').output).toBe('node "worker-9" deleted\n');
    expect(host.find('pods', 'nginx')).toBeUndefined();
  });

  it('reports NotFound, and nothing for an empty selection', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl delete pod nginx')).toEqual({
      output: 'Error from server (NotFound): pods "nginx" not found\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl delete pods --all')).toEqual({
      output: 'No resources found\n',
      ok: true,
    });
    expect(kubectl(host, 'kubectl delete pods')).toEqual({
      output: 'error: resource(s) were provided, but no name was specified\n',
      ok: false,
    });
  });

  it('deletes by label, and forces with a warning', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'x' } } });
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', labels: { app: 'y' } } });
    expect(kubectl(host, 'kubectl delete pods -l app=x').output).toBe(
      'pod "a" deleted from default namespace\n',
    );
    expect(kubectl(host, 'kubectl delete pod b --grace-period=0 --force').output).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "b" force deleted from default namespace\n',
    );
    expect(host.calls.find((c) => c.verb === 'delete' && c.name === 'b')).toMatchObject({
      gracePeriodSeconds: 0,
    });
  });

  it('waits until a terminating object is gone, in simulated time', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'slow' } });
    // The fake deletes at once; make it linger 2 s like a pod finishing its grace period.
    const stored = host.find('pods', 'slow') as KObject;
    host.inject.push({ match: (r) => r.verb === 'delete', result: { ok: true, object: stored } });
    host.timers.push({ atMs: 2000, run: () => host.objects.get('pods')?.delete('default/slow') });
    expect(kubectl(host, 'kubectl delete pod slow').output).toBe(
      'pod "slow" deleted from default namespace\n',
    );
    expect(host.nowMs()).toBe(2000);
  });

  it('gives up waiting after --timeout', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stuck' } });
    host.inject.push({
      match: (r) => r.verb === 'delete',
      result: { ok: true, object: host.find('pods', 'stuck') as KObject },
    });
    expect(kubectl(host, 'kubectl delete pod stuck --timeout=3s')).toEqual({
      output:
        'pod "stuck" deleted from default namespace\nerror: timed out waiting for the condition on pods/stuck\n',
      ok: false,
    });
    expect(host.nowMs()).toBe(3000);
  });

  it('deletes what a file names', () => {
    const host = createFakeHost({ 'p.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n' });
    host.put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } });
    expect(kubectl(host, 'kubectl delete -f p.yaml').output).toBe(
      'pod "p" deleted from default namespace\n',
    );
    expect(kubectl(host, 'kubectl delete -f p.yaml').output).toBe(
      'Error from server (NotFound): error when deleting "p.yaml": pods "p" not found\n',
    );
  });
});

describe('kubectl scale', () => {
  it('sets spec.replicas', () => {
    const host = withDeployment();
    expect(kubectl(host, 'kubectl scale deployment web --replicas=3')).toEqual({
      output: 'deployment.apps/web scaled\n',
      ok: true,
    });
    expect(host.find('deployments', 'web')?.spec.replicas).toBe(3);
    expect(kubectl(host, 'kubectl scale deploy/web --replicas=1 --current-replicas=2').output).toBe(
      'error: Expected replicas to be 2, was 3\n',
    );
  });

  it('writes the scale subresource: blind without a precondition, checked with one', () => {
    const host = withDeployment();
    kubectl(host, 'kubectl scale deployment web --replicas=4');
    const put = host.calls.find((c) => c.subresource === 'scale' && c.verb === 'update');
    expect(put?.body).toMatchObject({
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 4 },
    });
    expect(put?.body?.metadata.resourceVersion).toBeUndefined();
    const rv = host.find('deployments', 'web')?.metadata.resourceVersion as string;
    expect(
      kubectl(host, `kubectl scale deployment web --replicas=2 --resource-version=${rv}`).output,
    ).toBe('deployment.apps/web scaled\n');
    const checked = host.calls.filter((c) => c.subresource === 'scale' && c.verb === 'update');
    expect(checked[1].body?.metadata.resourceVersion).toBe(rv);
    expect(
      kubectl(host, 'kubectl scale deployment web --replicas=3 --resource-version=1').output,
    ).toBe(
      `error: Expected resource version to be 1, was ${host.find('deployments', 'web')?.metadata.resourceVersion}\n`,
    );
    expect(host.find('deployments', 'web')?.spec.replicas).toBe(2);
    // -o yaml prints the object as fetched, with the new replicas.
    expect(kubectl(host, 'kubectl scale deployment web --replicas=5 -o yaml').output).toContain(
      '  replicas: 5\n',
    );
  });

  it('reports a missing object and a missing --replicas', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl scale deployment nope --replicas=2').output).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(kubectl(host, 'kubectl scale deployment nope').output).toBe(
      'error: required flag(s) "replicas" not set\n',
    );
  });

  it('retries once when the object changed underneath', () => {
    const host = withDeployment();
    host.inject.push({
      match: (r) => r.verb === 'update',
      result: {
        ok: false,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Conflict',
          code: 409,
          message:
            'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
        },
      },
    });
    expect(kubectl(host, 'kubectl scale deployment web --replicas=2').output).toBe(
      'deployment.apps/web scaled\n',
    );
    expect(host.calls.filter((c) => c.verb === 'update')).toHaveLength(2);
  });
});

describe('kubectl run, create and expose', () => {
  it('runs a pod labelled run=NAME', () => {
    const host = createFakeHost();
    expect(
      kubectl(host, 'kubectl run nginx --image=nginx --port=80 --env=A=1 -- nginx -g off'),
    ).toEqual({
      output: 'pod/nginx created\n',
      ok: true,
    });
    const pod = host.find('pods', 'nginx');
    expect(pod?.metadata.labels).toEqual({ run: 'nginx' });
    expect(pod?.spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          resources: {},
          args: ['nginx', '-g', 'off'],
          env: [{ name: 'A', value: '1' }],
          ports: [{ containerPort: 80 }],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
    });
    expect(kubectl(host, 'kubectl run x').output).toBe('error: --image is required\n');
    expect(kubectl(host, 'kubectl run y --image=busybox --restart=Sometimes').output).toBe(
      'error: invalid restart policy: Sometimes, valid values are: Always, OnFailure, Never\n',
    );
  });

  it('keeps odd label keys as plain data', () => {
    const host = createFakeHost();
    expect(kubectl(host, 'kubectl run x --image=nginx --labels=__proto__=a,b=c').output).toBe(
      'pod/x created\n',
    );
    const labels = host.find('pods', 'x')?.metadata.labels as Record<string, string>;
    expect(Object.getOwnPropertyNames(labels)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(kubectl(host, 'kubectl run y --image=nginx --labels=oops').output).toBe(
      'error: invalid label spec: oops\n',
    );
  });

  it('creates deployments, namespaces and services', () => {
    const host = createFakeHost();
    expect(
      kubectl(host, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80')
        .output,
    ).toBe('deployment.apps/web created\n');
    const d = host.find('deployments', 'web');
    expect(d?.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(d?.spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.27', resources: {}, ports: [{ containerPort: 80 }] },
    ]);
    expect(kubectl(host, 'kubectl create namespace team-a').output).toBe(
      'namespace/team-a created\n',
    );
    expect(kubectl(host, 'kubectl create service clusterip web --tcp=80:8080').output).toBe(
      'service/web created\n',
    );
    expect(host.find('services', 'web')?.spec).toEqual({
      ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
      selector: { app: 'web' },
      type: 'ClusterIP',
    });
    expect(kubectl(host, 'kubectl create deployment').output).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n",
    );
    expect(kubectl(host, 'kubectl create deployment x').output).toBe(
      'error: required flag(s) "image" not set\n',
    );
    expect(kubectl(host, 'kubectl create namespace team-a').output).toBe(
      'Error from server (AlreadyExists): namespaces "team-a" already exists\n',
    );
  });

  it('exposes a deployment with its selector and port', () => {
    const host = withDeployment();
    expect(
      kubectl(host, 'kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort'),
    ).toEqual({
      output: 'service/web exposed\n',
      ok: true,
    });
    expect(host.find('services', 'web')?.spec).toEqual({
      ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      type: 'NodePort',
    });
    expect(kubectl(host, 'kubectl expose deployment web --name=web2').output).toBe(
      'service/web2 exposed\n',
    );
    expect(host.find('services', 'web2')?.spec.ports).toEqual([
      { port: 80, protocol: 'TCP', targetPort: 80 },
    ]);
  });

  it('refuses to expose what has no port', () => {
    const host = createFakeHost();
    host.put({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { run: 'p' } },
      spec: { containers: [{ name: 'p', image: 'busybox' }] },
    });
    expect(kubectl(host, 'kubectl expose pod p').output).toBe(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
    );
  });
});
