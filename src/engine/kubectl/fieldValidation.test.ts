/**
 * kubectl's side of field validation: --validate becomes the fieldValidation each create and
 * apply request carries, and Warning headers print as `Warning: …`, once each.
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../api/types';
import { createFakeHost } from './testing/fakeHost';
import { kubectl } from './testing/kubectlLine';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
`;

/** The fieldValidation of the writes a command line sent. */
function sent(line: string, files: Record<string, string> = { 'p.yaml': POD }) {
  const host = createFakeHost(files);
  const res = kubectl(host, line);
  const writes = host.calls.filter((c) => c.verb === 'create' || c.verb === 'update');
  return { res, validation: writes.map((c) => c.fieldValidation) };
}

describe('kubectl --validate', () => {
  it('is Strict by default, and for true or a bare --validate', () => {
    for (const flag of [
      '',
      ' --validate',
      ' --validate=true',
      ' --validate=True',
      ' --validate=1',
    ]) {
      expect(sent(`kubectl apply -f p.yaml${flag}`).validation).toEqual(['Strict']);
    }
  });

  it('takes warn, and false or ignore (every Go boolean spelling)', () => {
    expect(sent('kubectl create -f p.yaml --validate=warn').validation).toEqual(['Warn']);
    for (const v of ['false', 'False', 'FALSE', 'f', '0', 'ignore']) {
      expect(sent(`kubectl apply -f p.yaml --validate=${v}`).validation).toEqual(['Ignore']);
    }
  });

  it('refuses anything else, as GetValidationDirective does (names are case-sensitive)', () => {
    for (const v of ['maybe', 'Strict', 'WARN']) {
      expect(sent(`kubectl apply -f p.yaml --validate=${v}`).res).toEqual({
        output: `error: invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)\n`,
        ok: false,
      });
    }
  });

  it("travels with apply's patch", () => {
    const host = createFakeHost({ 'p.yaml': POD });
    kubectl(host, 'kubectl apply -f p.yaml');
    host.files.set('p.yaml', POD.replace('nginx:1.14.2', 'nginx:1.16.1'));
    expect(kubectl(host, 'kubectl apply -f p.yaml --validate=warn').output).toBe(
      'pod/nginx configured\n',
    );
    const patch = host.calls.find((c) => c.verb === 'patch') as ApiRequest;
    expect(patch.fieldValidation).toBe('Warn');
    expect(patch.patchType).toBe('strategic');
    expect(patch.patchBody).toEqual({
      metadata: {
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"nginx","namespace":"default"},"spec":{"containers":[{"image":"nginx:1.16.1","name":"nginx"}]}}\n',
        },
      },
      spec: {
        '$setElementOrder/containers': [{ name: 'nginx' }],
        containers: [{ name: 'nginx', image: 'nginx:1.16.1' }],
      },
    });
  });

  it('the create generators send it; run and expose do not', () => {
    expect(sent('kubectl create deployment web --image=nginx').validation).toEqual(['Strict']);
    expect(sent('kubectl create namespace x --validate=false').validation).toEqual(['Ignore']);
    expect(sent('kubectl run web --image=nginx').validation).toEqual([undefined]);
  });
});

describe("the server's warnings", () => {
  it('print before the result, once each', () => {
    const host = createFakeHost({
      'p.yaml': `${POD}---\n${POD.replace('name: nginx\nspec', 'name: two\nspec')}`,
    });
    const call = host.call.bind(host);
    host.call = (req, as) => {
      const res = call(req, as);
      return req.verb === 'create' ? { ...res, warnings: ['unknown field "spec.x"'] } : res;
    };
    expect(kubectl(host, 'kubectl apply -f p.yaml --validate=warn').output).toBe(
      'Warning: unknown field "spec.x"\npod/nginx created\npod/two created\n',
    );
  });
});
