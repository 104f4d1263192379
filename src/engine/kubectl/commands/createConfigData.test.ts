import { describe, expect, it } from 'vitest';
import { textOfBase64 } from '../../model/base64';
import { createFakeHost } from '../testing/fakeHost';
import { kubectl } from '../testing/kubectlLine';

describe('kubectl create configmap', () => {
  it('builds the ConfigMap from files, then literals, and names a file by its base name', () => {
    const host = createFakeHost({
      'configure-pod-container/configmap/game.properties': 'enemies=aliens\nlives=3\n',
      'configure-pod-container/configmap/ui.properties': 'color.good=purple\n',
    });
    expect(
      kubectl(
        host,
        'kubectl create configmap game-config --from-file=configure-pod-container/configmap/ --from-literal=extra=1 --dry-run=client -o yaml',
      ).output,
    ).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  extra: "1"',
        '  game.properties: |',
        '    enemies=aliens',
        '    lives=3',
        '  ui.properties: |',
        '    color.good=purple',
        'kind: ConfigMap',
        'metadata:',
        '  creationTimestamp: null',
        '  name: game-config',
        '',
      ].join('\n'),
    );
    expect(
      kubectl(
        host,
        'kubectl create cm x --from-file=game=configure-pod-container/configmap/game.properties -n kube-system -o name --dry-run=client',
      ).output,
    ).toBe('configmap/x\n');
  });

  it('says what is wrong in kubectl own words', () => {
    const host = createFakeHost({ 'a.env': 'GOOD=1\n# comment\n\n1BAD=2\n' });
    expect(kubectl(host, 'kubectl create configmap c --from-file=missing.txt').output).toBe(
      'error: error reading missing.txt: no such file or directory\n',
    );
    expect(kubectl(host, 'kubectl create configmap c --from-literal=novalue').output).toBe(
      'error: invalid literal source novalue, expected key=value\n',
    );
    expect(
      kubectl(host, 'kubectl create configmap c --from-env-file=a.env --from-literal=a=b').output,
    ).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
    expect(kubectl(host, 'kubectl create configmap c --from-env-file=a.env').output).toBe(
      `error: "1BAD" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`,
    );
    expect(kubectl(host, 'kubectl create configmap').output).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n",
    );
  });

  it('wraps a refused create as its Run does', () => {
    const host = createFakeHost();
    host.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    host.put({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
    expect(kubectl(host, 'kubectl create configmap c --from-literal=a=b').output).toBe(
      'error: failed to create configmap: configmaps "c" already exists\n',
    );
    // create_secret.go's format has no colon.
    expect(kubectl(host, 'kubectl create secret generic s --from-literal=a=b').output).toBe(
      'error: failed to create secret secrets "s" already exists\n',
    );
  });
});

describe('kubectl create secret', () => {
  it('encodes generic data as base64, with --type as given', () => {
    const host = createFakeHost();
    expect(
      kubectl(
        host,
        'kubectl create secret generic db-user-pass --from-literal=username=admin --type=kubernetes.io/basic-auth --dry-run=client -o yaml',
      ).output,
    ).toBe(
      [
        'apiVersion: v1',
        'data:',
        '  username: YWRtaW4=',
        'kind: Secret',
        'metadata:',
        '  creationTimestamp: null',
        '  name: db-user-pass',
        'type: kubernetes.io/basic-auth',
        '',
      ].join('\n'),
    );
  });

  it('writes a docker-registry secret exactly as kubectl does', () => {
    const host = createFakeHost();
    const out = kubectl(
      host,
      'kubectl create secret docker-registry regcred --docker-server=https://index.docker.io/v1/ --docker-username=me --docker-password=p<w>d&1 --dry-run=client -o json',
    ).output;
    const secret = JSON.parse(out);
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(textOfBase64(secret.data['.dockerconfigjson'])).toBe(
      '{"auths":{"https://index.docker.io/v1/":{"username":"me","password":"p\\u003cw\\u003ed\\u00261","auth":"bWU6cDx3PmQmMQ=="}}}',
    );
    expect(
      kubectl(host, 'kubectl create secret docker-registry r --docker-username=me').output,
    ).toBe(
      'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n',
    );
  });

  it('names a hashed secret after its content', () => {
    const host = createFakeHost();
    const a = kubectl(
      host,
      'kubectl create secret generic s --from-literal=a=b --append-hash -o name --dry-run=client',
    ).output;
    const b = kubectl(
      host,
      'kubectl create secret generic s --from-literal=a=c --append-hash -o name --dry-run=client',
    ).output;
    expect(a).toMatch(/^secret\/s-[a-z0-9]{10}\n$/);
    expect(a).not.toBe(b);
  });
});
