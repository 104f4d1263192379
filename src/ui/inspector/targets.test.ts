import { describe, expect, it } from 'vitest';
import { createSimStore } from '../../store/createSimStore';
import { objectYaml } from '../../store/objectText';
import {
  containerStatusLines,
  eventsFor,
  inspectTarget,
  involvedRef,
  kubectlCommands,
  traceMatcher,
} from './targets';

const store = createSimStore();
store.getState().runLine('kubectl run nginx --image=nginx');
store.getState().runLine('wait 30s');
const s = () => store.getState();
const nginx = s().frame.pods.find((p) => p.name === 'nginx');
const node = nginx?.nodeName ?? '';

describe('inspectTarget', () => {
  it('maps a kubelet to its Node and Lease', () => {
    const t = inspectTarget('kubelet/worker-1', s().frame);
    expect(t.refs).toEqual(['node/worker-1', 'lease/kube-node-lease/worker-1']);
    expect(t.actors).toEqual(['kubelet/worker-1']);
    expect(t.mapping).toBe('kubelet');
    for (const ref of t.refs) expect(s().lookup(ref), ref).toBeDefined();
  });

  it('maps control-plane components to their mirror pods', () => {
    for (const id of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager']) {
      const t = inspectTarget(id, s().frame);
      expect(t.refs).toEqual([`pod/kube-system/${id}-control-plane`]);
      expect(s().lookup(t.refs[0]), id).toBeDefined();
      expect(t.actors).toEqual([id]);
    }
  });

  it('maps kube-proxy (and its rules) to the DaemonSet pod on that node', () => {
    const t = inspectTarget('kube-proxy/worker-2', s().frame);
    expect(t.refs).toHaveLength(1);
    expect(t.refs[0]).toMatch(/^pod\/kube-system\/kube-proxy-[a-z0-9]{5}$/);
    expect(s().lookup(t.refs[0])?.spec).toMatchObject({ nodeName: 'worker-2' });
    expect(inspectTarget('rules/worker-2', s().frame).refs).toEqual(t.refs);
  });

  it('maps the runtime to its Node', () => {
    expect(inspectTarget('containerd/worker-1', s().frame).refs).toEqual(['node/worker-1']);
  });

  it('maps a container (scene id or trace actor) to its pod, marking the container', () => {
    const scene = inspectTarget('container/default/nginx/nginx', s().frame);
    expect(scene).toMatchObject({
      refs: ['pod/default/nginx'],
      container: 'nginx',
      mapping: 'container',
      actors: [`container/${node}/nginx/nginx`],
    });
    const actor = inspectTarget(`container/${node}/nginx/nginx`, s().frame);
    expect(actor.refs).toEqual(['pod/default/nginx']);
  });

  it('shows objects as themselves (a node with its Lease) and actors with no object as none', () => {
    expect(inspectTarget('pod/default/nginx', s().frame).refs).toEqual(['pod/default/nginx']);
    expect(inspectTarget('node/worker-2', s().frame).refs).toEqual([
      'node/worker-2',
      'lease/kube-node-lease/worker-2',
    ]);
    expect(inspectTarget('kubectl', s().frame)).toMatchObject({ refs: [], mapping: 'none' });
  });
});

describe('trace and events of a target', () => {
  it('matches trace entries by object and by actor', () => {
    const pod = s().traceEntries(traceMatcher(inspectTarget('pod/default/nginx', s().frame)));
    expect(pod.length).toBeGreaterThan(5);
    expect(pod.every((e) => e.object === 'pod/default/nginx')).toBe(true);
    const kubelet = s().traceEntries(traceMatcher(inspectTarget(`kubelet/${node}`, s().frame)));
    expect(kubelet.some((e) => e.summary.startsWith('StartContainer'))).toBe(true);
    const own = new Set([`node/${node}`, `lease/kube-node-lease/${node}`]);
    const actor = `kubelet/${node}`;
    expect(kubelet.every((e) => e.from === actor || e.to === actor || own.has(e.object))).toBe(
      true,
    );
  });

  it('finds the Events about a pod and about a node', () => {
    const events = eventsFor(s().frame.events, inspectTarget('pod/default/nginx', s().frame));
    expect(events.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']),
    );
    expect(events.every((e) => involvedRef(e) === 'pod/default/nginx')).toBe(true);
    const nodeEvents = eventsFor(s().frame.events, inspectTarget('kubelet/worker-1', s().frame));
    expect(nodeEvents.every((e) => involvedRef(e) === 'node/worker-1')).toBe(true);
  });
});

describe('kubectlCommands', () => {
  it('names the command a learner would type on a real cluster', () => {
    expect(kubectlCommands('pod/default/nginx')).toEqual({
      get: 'kubectl get pod nginx -o yaml',
      describe: 'kubectl describe pod nginx',
    });
    expect(kubectlCommands('node/worker-1')?.describe).toBe('kubectl describe node worker-1');
    expect(kubectlCommands('lease/kube-node-lease/worker-1')?.get).toBe(
      'kubectl get lease worker-1 -n kube-node-lease -o yaml',
    );
    expect(kubectlCommands('pod/kube-system/etcd-control-plane')?.get).toBe(
      'kubectl get pod etcd-control-plane -n kube-system -o yaml',
    );
    expect(kubectlCommands('kubectl')).toBeUndefined();
  });

  it('gives commands that work in the console', () => {
    for (const ref of ['pod/default/nginx', 'node/worker-1', 'lease/kube-node-lease/worker-1']) {
      const cmd = kubectlCommands(ref);
      expect(s().runLine(cmd?.get ?? '')?.ok, ref).toBe(true);
      expect(s().runLine(cmd?.describe ?? '')?.ok, ref).toBe(true);
    }
  });
});

describe('containerStatusLines', () => {
  it('finds one container’s status among several', () => {
    const st = createSimStore();
    st.getState().runLine(
      'kubectl create deployment two --image=nginx --image=busybox --replicas=1',
    );
    st.getState().runLine('wait 30s');
    const pod = st.getState().frame.pods.find((p) => p.name.startsWith('two-'));
    const yaml = objectYaml(st.getState().lookup(`pod/default/${pod?.name}`) as never);
    const lines = yaml.split('\n');
    for (const name of ['nginx', 'busybox']) {
      const range = containerStatusLines(yaml, name);
      expect(range, name).toBeDefined();
      const block = lines.slice(range?.start, range?.end);
      expect(block[0]).toMatch(/^ {2}- /);
      expect(block).toContain(`    name: ${name}`);
      expect(block.some((l) => l.startsWith('    restartCount:'))).toBe(true);
      expect(block.filter((l) => /^ {4}name: /.test(l))).toHaveLength(1);
    }
    expect(containerStatusLines(yaml, 'nope')).toBeUndefined();
  });
});
