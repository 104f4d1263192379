/**
 * Which pod a `kubectl logs` or `kubectl exec` on a workload means (kubernetes/kubectl
 * pkg/polymorphichelpers helpers.go SelectorsForObject / GetPodList / GetFirstPod,
 * pkg/util/podutils ByLogging and ActivePods), and the container a pod defaults to
 * (pkg/cmd/util/podcmd).
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import { labelMapString, labelSelectorRequirements, requirementsString } from '../../model/labels';
import type { CommandContext } from '../command';
import { failWith } from '../errors';

/** podcmd.DefaultContainerAnnotationName. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** How long GetPodList's watch waits between looks for a pod to appear. */
const POLL_MS = 100;

/** `%T` of the typed object kubectl decoded (every kind this cluster serves is a v1). */
function goType(obj: KObject): string {
  return `*v1.${obj.kind}`;
}

/** SelectorsForObject: the label selector of a workload or Service, as a selector string. */
export function selectorForObject(obj: KObject): { selector: string } | { error: string } {
  switch (obj.kind) {
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Deployment':
    case 'Job': {
      const requirements = labelSelectorRequirements(obj.spec?.selector);
      if (requirements !== undefined && !Array.isArray(requirements))
        return { error: `invalid label selector: ${requirements.error}` };
      return { selector: requirementsString(requirements ?? []) };
    }
    case 'ReplicationController':
      return { selector: labelMapString(obj.spec?.selector ?? {}) };
    case 'Service': {
      const sel = obj.spec?.selector;
      if (!sel || Object.keys(sel).length === 0)
        return {
          error: `invalid service '${obj.metadata.name}': Service is defined without a selector`,
        };
      return { selector: labelMapString(sel) };
    }
    default:
      return { error: `selector for ${goType(obj)} not implemented` };
  }
}

const ms = (stamp: string | undefined | null): number => (stamp ? Date.parse(stamp) : 0);

function readyTime(pod: KObject): number {
  const c = (pod.status?.conditions ?? []).find(
    (x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True',
  );
  return ms(c?.lastTransitionTime);
}

function isReady(pod: KObject): boolean {
  return (pod.status?.conditions ?? []).some(
    (x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True',
  );
}

function maxRestarts(pod: KObject): number {
  let n = 0;
  for (const c of pod.status?.containerStatuses ?? []) n = Math.max(n, c.restartCount ?? 0);
  return n;
}

/** afterOrZero: t1 after t2, a zero time counting as after any other. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

type Less = (a: KObject, b: KObject) => boolean;

/** podutils.ByLogging: the pod whose logs are most worth reading first. */
export const byLogging: Less = (a, b) => {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na !== '';
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const pa = rank[a.status?.phase] ?? 0;
  const pb = rank[b.status?.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b))
    return afterOrZero(readyTime(b), readyTime(a));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = ms(a.metadata.creationTimestamp);
  const cb = ms(b.metadata.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
};

/** podutils.ActivePods: the pod a controller would delete first sorts first. */
const activePods: Less = (a, b) => {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const pa = rank[a.status?.phase] ?? 0;
  const pb = rank[b.status?.phase] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return !isReady(a);
  const da = ms(a.metadata.deletionTimestamp);
  const db = ms(b.metadata.deletionTimestamp);
  if ((da !== 0) !== (db !== 0)) return da !== 0;
  if (da !== 0 && db !== 0 && da !== db) return da < db;
  if (isReady(a) && isReady(b) && readyTime(a) !== readyTime(b))
    return afterOrZero(readyTime(a), readyTime(b));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = ms(a.metadata.creationTimestamp);
  const cb = ms(b.metadata.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
};

/** sort.Reverse(ActivePods): the most active pod first (what `kubectl exec deploy/x` enters). */
export const mostActive: Less = (a, b) => activePods(b, a);

function sortPods(pods: KObject[], less: Less): KObject[] {
  return [...pods].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

/**
 * GetPodList: the pods the selector matches, best first; with none, watch until one appears
 * (simulated time passes) or `timeoutMs` is up.
 */
export function getPodList(
  ctx: CommandContext,
  namespace: string,
  selector: string,
  timeoutMs: number,
  less: Less,
): KObject[] {
  const pods = resourceInfo('pods');
  const list = () => ctx.client.list(pods, namespace, { labelSelector: selector });
  const first = list();
  if (first.length > 0) return sortPods(first, less);
  for (let waited = 0; waited < timeoutMs; ) {
    const step = Math.min(POLL_MS, timeoutMs - waited);
    ctx.host.advanceBy(step);
    waited += step;
    const found = list();
    // The watch hands over the first pod it sees added.
    if (found.length > 0) return [found[0]];
  }
  // watchtools.UntilWithoutRetry ended by its context: wait.ErrorInterrupted(nil).
  throw failWith.message('timed out waiting for the condition');
}

interface ContainerSpec {
  name: string;
}

function containersOf(pod: KObject): {
  containers: ContainerSpec[];
  init: ContainerSpec[];
  ephemeral: ContainerSpec[];
} {
  return {
    containers: pod.spec?.containers ?? [],
    init: pod.spec?.initContainers ?? [],
    ephemeral: pod.spec?.ephemeralContainers ?? [],
  };
}

/** podcmd.FindContainerByName: the container and its field path, or undefined. */
export function findContainer(
  pod: KObject,
  name: string,
): { name: string; fieldPath: string } | undefined {
  const { containers, init, ephemeral } = containersOf(pod);
  if (containers.some((c) => c.name === name))
    return { name, fieldPath: `spec.containers{${name}}` };
  if (init.some((c) => c.name === name)) return { name, fieldPath: `spec.initContainers{${name}}` };
  if (ephemeral.some((c) => c.name === name))
    return { name, fieldPath: `spec.ephemeralContainers{${name}}` };
  return undefined;
}

/** podcmd.AllContainerNames: `a, b, c (ephem), d (init)`. */
export function allContainerNames(pod: KObject): string {
  const { containers, init, ephemeral } = containersOf(pod);
  return [
    ...containers.map((c) => c.name),
    ...ephemeral.map((c) => `${c.name} (ephem)`),
    ...init.map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** The pod has more than one container of any kind (then defaulting says which it took). */
export function hasSeveralContainers(pod: KObject): boolean {
  const { containers, init, ephemeral } = containersOf(pod);
  return containers.length > 1 || init.length > 0 || ephemeral.length > 0;
}
