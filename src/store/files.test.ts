import { describe, expect, it } from 'vitest';
import { createSimStore } from './createSimStore';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: from-editor
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
`;

describe('manifests for kubectl apply -f', () => {
  it('are read by the console, replaced by name, and kept across a new cluster', () => {
    const store = createSimStore({ spec: { workers: 1 } });
    const s = () => store.getState();
    expect(s().runLine('kubectl apply -f pod.yaml')?.output).toBe(
      'error: the path "pod.yaml" does not exist\n',
    );
    s().putFiles({ 'pod.yaml': POD });
    expect(s().files).toEqual({ 'pod.yaml': POD });
    expect(s().runLine('kubectl apply -f pod.yaml')?.output).toBe('pod/from-editor created\n');
    s().putFiles({ 'pod.yaml': POD.replace('nginx:1.14.2', 'nginx:1.16.1') });
    s().reset({ workers: 2 });
    expect(s().runLine('kubectl apply -f pod.yaml')?.output).toBe('pod/from-editor created\n');
    expect(s().lookup('pod/default/from-editor')?.spec.containers[0].image).toBe('nginx:1.16.1');
  });
});
