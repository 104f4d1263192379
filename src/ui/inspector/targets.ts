/**
 * What the inspector shows for a scene id: the API objects behind it (a kubelet is not an object,
 * its Node and Lease are), the trace actors that stand for it, the container to mark, and the
 * kubectl commands a learner would type on a real cluster. Pure functions of the frame.
 */
import type { Event } from 'kubernetes-types/core/v1';
import type { TraceEntry } from '../../engine';
import type { Frame } from '../../store/frame';

export type Mapping =
  | 'object'
  | 'kubelet'
  | 'runtime'
  | 'proxy'
  | 'controlPlane'
  | 'container'
  | 'none';

export interface InspectTarget {
  id: string;
  /** Object refs (`pod/default/nginx`, `lease/kube-node-lease/worker-1`), the main one first. */
  refs: string[];
  /** Trace actors that stand for the element (matched against an entry's from and to). */
  actors: string[];
  /** How the element maps to its objects (the inspector explains it). */
  mapping: Mapping;
  /** The node, for per-node components. */
  node?: string;
  /** A container to mark inside its pod. */
  container?: string;
}

const STATIC_PODS: Record<string, string> = {
  'kube-apiserver': 'kube-apiserver',
  etcd: 'etcd',
  'kube-scheduler': 'kube-scheduler',
  'kube-controller-manager': 'kube-controller-manager',
};

/** Kinds whose objects have no namespace. */
const CLUSTER_SCOPED = new Set(['node', 'namespace']);

export function controlPlaneNode(frame: Frame): string {
  return frame.nodes.find((n) => n.role === 'control-plane')?.name ?? 'control-plane';
}

/** The kube-proxy DaemonSet pod on a node, as a ref. */
function proxyPodRef(frame: Frame, node: string): string | undefined {
  const pod = frame.pods.find(
    (p) =>
      p.namespace === 'kube-system' &&
      p.ownerKind === 'DaemonSet' &&
      p.nodeName === node &&
      p.name.startsWith('kube-proxy-'),
  );
  return pod ? `pod/${pod.namespace}/${pod.name}` : undefined;
}

export function inspectTarget(id: string, frame: Frame): InspectTarget {
  const staticPod = STATIC_PODS[id];
  if (staticPod) {
    return {
      id,
      refs: [`pod/kube-system/${staticPod}-${controlPlaneNode(frame)}`],
      actors: [id],
      mapping: 'controlPlane',
    };
  }
  const parts = id.split('/');
  const [head] = parts;
  if (parts.length === 2 && (head === 'kubelet' || head === 'containerd')) {
    const node = parts[1];
    return head === 'kubelet'
      ? {
          id,
          refs: [`node/${node}`, `lease/kube-node-lease/${node}`],
          actors: [id],
          mapping: 'kubelet',
          node,
        }
      : { id, refs: [`node/${node}`], actors: [id], mapping: 'runtime', node };
  }
  if (parts.length === 2 && (head === 'kube-proxy' || head === 'rules')) {
    const node = parts[1];
    const ref = proxyPodRef(frame, node);
    return {
      id,
      refs: ref ? [ref] : [],
      actors: [`kube-proxy/${node}`],
      mapping: 'proxy',
      node,
    };
  }
  if (head === 'container' && parts.length === 4) {
    const [, a, pod, container] = parts;
    // The scene names containers by namespace (`container/default/nginx/nginx`); the trace by
    // node (`container/worker-1/nginx/nginx`).
    const byNode = frame.nodes.some((n) => n.name === a);
    const view = byNode
      ? frame.pods.find((p) => p.nodeName === a && p.name === pod)
      : frame.pods.find((p) => p.namespace === a && p.name === pod);
    const namespace = view?.namespace ?? (byNode ? 'default' : a);
    const node = view?.nodeName ?? (byNode ? a : undefined);
    return {
      id,
      refs: [`pod/${namespace}/${pod}`],
      actors: node ? [`container/${node}/${pod}/${container}`] : [],
      mapping: 'container',
      node,
      container,
    };
  }
  if (head === 'node' && parts.length === 2) {
    return {
      id,
      refs: [id, `lease/kube-node-lease/${parts[1]}`],
      actors: [],
      mapping: 'object',
      node: parts[1],
    };
  }
  if (parts.length >= 2) return { id, refs: [id], actors: [], mapping: 'object' };
  return { id, refs: [], actors: [id], mapping: 'none' };
}

/** Trace entries about the element: one of its objects, or one of its actors on either end. */
export function traceMatcher(target: InspectTarget): (e: TraceEntry) => boolean {
  const refs = new Set(target.refs);
  const actors = new Set(target.actors);
  return (e) => refs.has(e.object) || actors.has(e.from) || actors.has(e.to);
}

/** The ref of an Event's involved object (`pod/default/nginx`, `node/worker-1`). */
export function involvedRef(e: Event): string {
  const o = e.involvedObject;
  const kind = (o.kind ?? '').toLowerCase();
  if (CLUSTER_SCOPED.has(kind) || !o.namespace) return `${kind}/${o.name ?? ''}`;
  return `${kind}/${o.namespace}/${o.name ?? ''}`;
}

/** The Kubernetes Events about the target's objects, oldest first. */
export function eventsFor(events: readonly Event[], target: InspectTarget): Event[] {
  const refs = new Set(target.refs);
  return events.filter((e) => refs.has(involvedRef(e)));
}

/** `kubectl get pod nginx -o yaml`, `kubectl describe node worker-1`: what you would type. */
export function kubectlCommands(ref: string): { get: string; describe: string } | undefined {
  const parts = ref.split('/');
  if (parts.length < 2) return undefined;
  const kind = parts[0];
  const name = parts[parts.length - 1];
  const ns = parts.length > 2 ? parts[1] : '';
  const nsFlag = ns && ns !== 'default' && !CLUSTER_SCOPED.has(kind) ? ` -n ${ns}` : '';
  return {
    get: `kubectl get ${kind} ${name}${nsFlag} -o yaml`,
    describe: `kubectl describe ${kind} ${name}${nsFlag}`,
  };
}

/**
 * The lines (0-based, end exclusive) of one container's entry in a pod's `status.containerStatuses`
 * (or initContainerStatuses), as printed by `kubectl get -o yaml`; undefined if absent.
 */
export function containerStatusLines(
  yaml: string,
  container: string,
): { start: number; end: number } | undefined {
  const lines = yaml.split('\n');
  let inStatus = false;
  let listIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const m = /^( *)(containerStatuses|initContainerStatuses|ephemeralContainerStatuses):$/.exec(
      line,
    );
    if (m) {
      inStatus = lines.slice(0, i).some((l) => l === 'status:');
      listIndent = m[1].length;
      continue;
    }
    if (!inStatus || listIndent < 0) continue;
    const indent = line.length - line.trimStart().length;
    if (
      line.trim() === '' ||
      indent < listIndent ||
      (indent === listIndent && !line.trimStart().startsWith('- '))
    ) {
      listIndent = -1;
      continue;
    }
    if (indent === listIndent && line.trimStart().startsWith('- ')) {
      let end = i + 1;
      while (end < lines.length) {
        const l = lines[end];
        const ind = l.length - l.trimStart().length;
        if (
          l.trim() === '' ||
          ind < listIndent ||
          (ind === listIndent && l.trimStart().startsWith('- '))
        )
          break;
        if (ind === listIndent && !l.trimStart().startsWith('- ')) break;
        end++;
      }
      const item = lines.slice(i, end);
      const nameIndent = ' '.repeat(listIndent + 2);
      if (
        item.some((l, j) =>
          j === 0
            ? l === `${' '.repeat(listIndent)}- name: ${container}`
            : l === `${nameIndent}name: ${container}`,
        )
      ) {
        return { start: i, end };
      }
      i = end - 1;
    }
  }
  return undefined;
}
