import { describe, expect, it } from 'vitest';
import { createSimStore } from '../../store/createSimStore';
import {
  componentOptions,
  entryTarget,
  eventMatcher,
  eventObject,
  filterEvents,
  NO_FILTER,
  traceMatcher,
} from './filters';

const store = createSimStore();
const s = () => store.getState();
s().runLine('kubectl run nginx --image=nginx');
s().runLine('wait 30s');
s().runLine('break apiserver');
s().runLine('wait 15s');

describe('trace filters', () => {
  it('lets everything through with no filter', () => {
    expect(traceMatcher(NO_FILTER)).toBeUndefined();
  });

  it('filters by component on either end', () => {
    const m = traceMatcher({ ...NO_FILTER, component: 'kube-scheduler' });
    const entries = s().traceEntries(m);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.from === 'kube-scheduler' || e.to === 'kube-scheduler')).toBe(
      true,
    );
  });

  it('filters by kind, by object text, and errors only', () => {
    const cri = s().traceEntries(traceMatcher({ ...NO_FILTER, kind: 'cri', object: 'NGINX' }));
    expect(cri.map((e) => e.summary)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RunPodSandbox/), 'StartContainer nginx']),
    );
    expect(cri.every((e) => e.kind === 'cri' && e.object === 'pod/default/nginx')).toBe(true);
    const errors = s().traceEntries(traceMatcher({ ...NO_FILTER, errorsOnly: true }));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.error === true)).toBe(true);
    // With the API server down, the kubelets' heartbeats fail.
    expect(errors.some((e) => e.to === 'kube-apiserver' && e.from.startsWith('kubelet/'))).toBe(
      true,
    );
  });

  it('offers the control plane and each node’s components', () => {
    const ids = componentOptions(s().frame.nodes.map((n) => n.name)).map((o) => o.id);
    expect(ids.slice(0, 4)).toEqual([
      'kube-apiserver',
      'etcd',
      'kube-scheduler',
      'kube-controller-manager',
    ]);
    expect(ids).toEqual(
      expect.arrayContaining(['kubelet/worker-1', 'containerd/worker-2', 'kube-proxy/worker-1']),
    );
    expect(ids).toContain('client');
  });

  it('inspects an entry’s object, else who acted', () => {
    const [pod] = s().traceEntries((e) => e.object === 'pod/default/nginx', 1);
    expect(entryTarget(pod)).toBe('pod/default/nginx');
    expect(entryTarget({ ...pod, object: '' })).toBe(pod.from);
  });
});

describe('Kubernetes Event filters', () => {
  const events = s().frame.events;

  it('filters by object text and by reporting component', () => {
    const pod = filterEvents(events, { ...NO_FILTER, object: 'nginx' });
    expect(pod.map(eventObject).every((o) => o === 'pod/nginx')).toBe(true);
    const scheduled = filterEvents(events, { ...NO_FILTER, component: 'kube-scheduler' });
    expect(scheduled.map((e) => e.reason)).toContain('Scheduled');
    expect(scheduled.every((e) => e.source?.component === 'default-scheduler')).toBe(true);
    const node = pod.find((e) => e.source?.host)?.source?.host ?? '';
    expect(node).toMatch(/^worker-/);
    const kubelet = filterEvents(events, { ...NO_FILTER, component: `kubelet/${node}` });
    expect(kubelet.map((e) => e.reason)).toEqual(expect.arrayContaining(['Pulled', 'Started']));
  });

  it('keeps Warnings only, and caps to the newest', () => {
    const m = eventMatcher({ ...NO_FILTER, errorsOnly: true });
    expect(events.filter((e) => m?.(e)).every((e) => e.type === 'Warning')).toBe(true);
    const capped = filterEvents(events, NO_FILTER, 3);
    expect(capped).toEqual(events.slice(-3));
  });
});
