import { describe, expect, it } from 'vitest';
import { createSimStore } from './createSimStore';
import { objectYaml } from './objectText';

describe('objectYaml', () => {
  const store = createSimStore();
  store.getState().runLine('kubectl run nginx --image=nginx');
  store.getState().runLine('wait 30s');

  /** What `kubectl get … -o yaml` prints on the same engine state, through the API server. */
  const kubectl = (args: string) => {
    const entry = store.getState().runLine(`kubectl get ${args} -o yaml`);
    expect(entry?.ok).toBe(true);
    return entry?.output ?? '';
  };

  it.each([
    ['pod/default/nginx', 'pod nginx'],
    ['node/worker-1', 'node worker-1'],
    ['lease/kube-node-lease/worker-1', 'lease worker-1 -n kube-node-lease'],
    [
      'pod/kube-system/kube-apiserver-control-plane',
      'pod kube-apiserver-control-plane -n kube-system',
    ],
    ['service/default/kubernetes', 'service kubernetes'],
  ])('prints %s exactly as kubectl get %s -o yaml does', (ref, args) => {
    const stored = store.getState().lookup(ref);
    expect(stored).toBeDefined();
    const text = objectYaml(stored as NonNullable<typeof stored>);
    expect(text).toBe(kubectl(args));
  });

  it('shows a pod as stored, with its node and phase', () => {
    const pod = store.getState().lookup('pod/default/nginx');
    const text = objectYaml(pod as NonNullable<typeof pod>);
    expect(text).toMatch(/^ {2}nodeName: worker-\d$/m);
    expect(text).toMatch(/^ {2}phase: Running$/m);
    expect(text).not.toContain('managedFields');
  });

  it('reads the stored object even while the API server is down, adding no trace entries', () => {
    store.getState().runLine('break apiserver');
    const before = store.getState().traceCount;
    const pod = store.getState().lookup('pod/default/nginx');
    expect(objectYaml(pod as NonNullable<typeof pod>)).toContain('name: nginx');
    expect(store.getState().traceCount).toBe(before);
    expect(store.getState().runLine('kubectl get pod nginx -o yaml')?.ok).toBe(false);
  });
});

describe('age', () => {
  it('prints kubectl ages at the cursor', () => {
    const store = createSimStore();
    const node = store.getState().lookup('node/worker-1');
    expect(store.getState().age(node?.metadata.creationTimestamp)).toMatch(/^\d+s$/);
    expect(store.getState().age(undefined)).toBe('<unknown>');
    store.getState().runLine('wait 5m');
    expect(store.getState().age(node?.metadata.creationTimestamp)).toMatch(/^5m\d+s$/);
  });
});
