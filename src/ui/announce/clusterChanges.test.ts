import { describe, expect, it } from 'vitest';
import { createSimStore } from '../../store/createSimStore';
import { changesBetween, glance } from './clusterChanges';

describe('cluster changes for screen readers', () => {
  it('names what changed: a component broken, pods appearing and going Running, a pod gone', () => {
    const store = createSimStore({ spec: { workers: 2, seed: 3 } });
    const s = () => store.getState();
    const start = glance(s().frame);
    expect(changesBetween(start, start)).toEqual([]);

    s().runLine('kubectl run web --image=nginx:1.14.2');
    s().runLine('break kube-proxy worker-1');
    const created = glance(s().frame);
    expect(changesBetween(start, created)).toEqual([
      { kind: 'component', component: 'proxy', node: 'worker-1', up: false },
      { kind: 'pod', name: 'web', status: 'Pending' },
    ]);

    s().runLine('wait 20s');
    const running = glance(s().frame);
    expect(changesBetween(created, running)).toContainEqual({
      kind: 'pod',
      name: 'web',
      status: 'Running',
    });

    s().runLine('kubectl delete pod web');
    s().runLine('wait 40s');
    expect(changesBetween(running, glance(s().frame))).toContainEqual({
      kind: 'podGone',
      name: 'web',
    });
  });
});
