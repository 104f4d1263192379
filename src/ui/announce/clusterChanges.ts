import type { Frame } from '../../store';

/** What a screen reader hears about: the statuses a sighted learner sees change in the scene. */
export interface Glance {
  pods: Map<string, string>;
  nodes: Map<string, string>;
  /** `apiserver`, `kubelet/worker-1`, … → up/down. */
  components: Map<string, 'up' | 'down'>;
}

export type Change =
  | { kind: 'pod'; name: string; status: string }
  | { kind: 'podGone'; name: string }
  | { kind: 'node'; name: string; status: string }
  | { kind: 'component'; component: ComponentId; node?: string; up: boolean };

/** The components the Faults tab breaks, as the Events filter names them (i18n keys). */
export type ComponentId =
  | 'apiserver'
  | 'etcd'
  | 'scheduler'
  | 'controllerManager'
  | 'kubelet'
  | 'runtime'
  | 'proxy';

export function glance(frame: Frame): Glance {
  const pods = new Map<string, string>();
  for (const p of frame.pods) pods.set(p.key, p.status);
  const nodes = new Map<string, string>();
  const components = new Map<string, 'up' | 'down'>([
    ['apiserver', frame.control.apiserver],
    ['etcd', frame.control.etcd],
    ['scheduler', frame.control.scheduler],
    ['controllerManager', frame.control.controllerManager],
  ]);
  for (const n of frame.nodes) {
    nodes.set(n.name, n.status);
    components.set(`kubelet/${n.name}`, n.kubelet);
    components.set(`runtime/${n.name}`, n.runtime);
    components.set(`proxy/${n.name}`, n.proxy);
  }
  return { pods, nodes, components };
}

/** The changes from one glance to the next, components first (they explain the rest). */
export function changesBetween(before: Glance, after: Glance): Change[] {
  const out: Change[] = [];
  for (const [id, health] of after.components) {
    const was = before.components.get(id);
    if (was === undefined || was === health) continue;
    const [component, node] = id.split('/') as [ComponentId, string | undefined];
    const up = health === 'up';
    out.push(
      node ? { kind: 'component', component, node, up } : { kind: 'component', component, up },
    );
  }
  for (const [name, status] of after.nodes)
    if (before.nodes.get(name) !== status) out.push({ kind: 'node', name, status });
  for (const [key, status] of after.pods)
    if (before.pods.get(key) !== status) out.push({ kind: 'pod', name: nameOf(key), status });
  for (const key of before.pods.keys())
    if (!after.pods.has(key)) out.push({ kind: 'podGone', name: nameOf(key) });
  return out;
}

/** `kube-system/etcd-control-plane` → `etcd-control-plane`; the default namespace is implied. */
function nameOf(key: string): string {
  return key.startsWith('default/') ? key.slice('default/'.length) : key;
}
