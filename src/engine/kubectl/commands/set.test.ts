/** kubectl set image against the fake host; texts from kubernetes/kubectl pkg/cmd/set/set_image.go. */
import { describe, expect, it } from 'vitest';
import { NO_RESOURCES_GIVEN } from '../resourceArgs';
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
        spec: {
          initContainers: [{ name: 'setup', image: 'busybox' }],
          containers: [
            { name: 'nginx', image: 'nginx:1.14.2' },
            { name: 'sidecar', image: 'busybox' },
          ],
        },
      },
    },
  });
  return host;
}

const images = (host: FakeHost) => {
  const spec = host.find('deployments', 'web')?.spec.template.spec;
  return [...spec.initContainers, ...spec.containers].map(
    (c: { name: string; image: string }) => `${c.name}=${c.image}`,
  );
};

describe('kubectl set image', () => {
  it('updates the pod template and says so', () => {
    const host = withDeployment();
    expect(kubectl(host, 'kubectl set image deployment/web nginx=nginx:1.16.1')).toEqual({
      output: 'deployment.apps/web image updated\n',
      ok: true,
    });
    expect(images(host)).toEqual(['setup=busybox', 'nginx=nginx:1.16.1', 'sidecar=busybox']);
    // The two-way strategic merge patch: the changed container by its merge key, in order.
    expect(host.calls.find((c) => c.verb === 'patch')?.patchBody).toEqual({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [{ name: 'nginx', image: 'nginx:1.16.1' }],
          },
        },
      },
    });
  });

  it('prints nothing when the images are already those (an empty patch is skipped)', () => {
    const host = withDeployment();
    const before = host.calls.length;
    expect(kubectl(host, 'kubectl set image deployment web nginx=nginx:1.14.2')).toEqual({
      output: '',
      ok: true,
    });
    expect(host.calls.slice(before).map((c) => c.verb)).toEqual(['get']);
  });

  it('sets every container, init containers included, with *', () => {
    const host = withDeployment();
    expect(kubectl(host, "kubectl set image deployment/web '*=alpine'").output).toBe(
      'deployment.apps/web image updated\n',
    );
    expect(images(host)).toEqual(['setup=alpine', 'nginx=alpine', 'sidecar=alpine']);
  });

  it('names a container it cannot find, after applying the others', () => {
    const host = withDeployment();
    expect(kubectl(host, 'kubectl set image deployment/web nginx=nginx:1.16.1 nope=x')).toEqual({
      output: 'deployment.apps/web image updated\nerror: unable to find container named "nope"\n',
      ok: false,
    });
    expect(kubectl(host, 'kubectl set image deployment/web nope=x')).toEqual({
      output: 'error: unable to find container named "nope"\n',
      ok: false,
    });
  });

  it('refuses objects without a pod template', () => {
    const host = withDeployment();
    host.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: {} });
    expect(kubectl(host, 'kubectl set image service/web nginx=x')).toEqual({
      output:
        'error: services/web the object is not a pod or does not have a pod template: *v1.Service\n',
      ok: false,
    });
  });

  it('fails before changing anything when an object cannot be read', () => {
    const host = withDeployment();
    expect(kubectl(host, 'kubectl set image deployment/web deployment/nope nginx=x')).toEqual({
      output: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      ok: false,
    });
    expect(images(host)).toContain('nginx=nginx:1.14.2');
  });

  it('dry runs print the suffix and change nothing', () => {
    const host = withDeployment();
    expect(kubectl(host, 'kubectl set image deployment/web nginx=x --dry-run=client').output).toBe(
      'deployment.apps/web image updated (dry run)\n',
    );
    expect(kubectl(host, 'kubectl set image deployment/web nginx=x --dry-run=server').output).toBe(
      'deployment.apps/web image updated (server dry run)\n',
    );
    expect(images(host)).toContain('nginx=nginx:1.14.2');
  });

  it('checks its arguments the way set_image.go does', () => {
    const host = withDeployment();
    const err = (line: string) => kubectl(host, line).output;
    expect(err('kubectl set image')).toBe(`error: ${NO_RESOURCES_GIVEN}\n`);
    expect(err('kubectl set image deployment/web')).toBe(
      'error: at least one image update is required\n',
    );
    expect(err('kubectl set image deployment/web nginx=x web')).toBe(
      'error: all resources must be specified before image changes: web\n',
    );
    expect(err('kubectl set image deployment/web nginx-')).toBe(
      'error: invalid image format: nginx-\n',
    );
    expect(err("kubectl set image deployment/web '*=x' nginx=y")).toBe(
      'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n',
    );
    expect(err('kubectl set image deployments nginx=x')).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
  });

  it('reports a refused patch', () => {
    const host = withDeployment();
    host.inject.push({
      match: (req) => req.verb === 'patch',
      result: {
        ok: false,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'Forbidden',
          code: 403,
          message: 'deployments.apps "web" is forbidden: no',
        },
      },
    });
    expect(kubectl(host, 'kubectl set image deployment/web nginx=x').output).toBe(
      'error: failed to patch image update to pod template: deployments.apps "web" is forbidden: no\n',
    );
  });
});

describe('kubectl set', () => {
  it('shows its subcommands, and refuses the ones this cluster lacks', () => {
    const host = createFakeHost();
    const help = kubectl(host, 'kubectl set');
    expect(help.output).toContain('  image       Update the image of a pod template\n');
    expect(help.ok).toBe(false);
    expect(kubectl(host, 'kubectl set env deployment/web A=b').output).toBe(
      'error: kubectl set env is not available in this simulated cluster\n',
    );
    expect(kubectl(host, 'kubectl set frob').output).toBe(
      `error: unknown command "frob"\nSee 'kubectl set -h' for help and examples\n`,
    );
  });
});
