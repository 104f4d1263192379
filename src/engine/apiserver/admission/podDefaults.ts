/**
 * The admission plugins that fill in pod and node fields: Priority
 * (plugin/pkg/admission/priority/admission.go), DefaultTolerationSeconds
 * (plugin/pkg/admission/defaulttolerationseconds/admission.go) and TaintNodesByCondition
 * (plugin/pkg/admission/nodetaint/admission.go).
 */
import { concatExact, shallowCopy } from '../../model/meta';
import { K8S } from '../../sim/defaults';
import { type AdmissionContext, type AdmissionResult, admissionForbidden, clone } from './context';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

/** scheduling.SystemCriticalPriority and the two built-in classes. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, { value: number; preemptionPolicy: string }> =
  {
    'system-node-critical': { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
    'system-cluster-critical': { value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' },
  };

/**
 * `clone(obj)` then `spec ??= {}`, as far as the result goes, copying only the object and its
 * spec: the plugin changes nothing deeper, and never changes what it was given.
 */
function withOwnSpec(obj: Json): Json {
  const spec = obj.spec;
  if (spec != null && (typeof spec !== 'object' || Array.isArray(spec))) {
    const pod = clone(obj);
    pod.spec ??= {};
    return pod;
  }
  const pod = shallowCopy(obj);
  pod.spec = shallowCopy(spec ?? {});
  return pod;
}

const isPodRequest = (ctx: AdmissionContext) =>
  ctx.resource.resource === 'pods' && !ctx.subresource && !!ctx.obj;

export function priority(ctx: AdmissionContext): AdmissionResult {
  if (!isPodRequest(ctx)) return {};
  if (ctx.operation === 'UPDATE') {
    // Keep what create computed when an update body leaves it out.
    const spec = ctx.obj?.spec ?? {};
    const old = ctx.old?.spec ?? {};
    if (
      (spec.priority == null && old.priority != null) ||
      (spec.preemptionPolicy == null && old.preemptionPolicy != null)
    ) {
      const pod = clone(ctx.obj) as Json;
      pod.spec ??= {};
      pod.spec.priority ??= old.priority;
      pod.spec.preemptionPolicy ??= old.preemptionPolicy;
      return { obj: pod };
    }
    return {};
  }
  if (ctx.operation !== 'CREATE') return {};
  // A copy of the pod down to its spec (the rest is shared: nothing else changes).
  const pod = withOwnSpec(ctx.obj);
  const name: string = pod.spec.priorityClassName ?? '';
  let value = 0;
  // No class and no globalDefault class: priority 0, preempting lower priorities.
  let policy = 'PreemptLowerPriority';
  if (name) {
    const cls = SYSTEM_PRIORITY_CLASSES[name] ?? ctx.priorityClass?.(name);
    if (!cls)
      return { error: admissionForbidden(ctx, `no PriorityClass with name ${name} was found`) };
    value = cls.value;
    policy = cls.preemptionPolicy ?? 'PreemptLowerPriority';
  }
  if (pod.spec.priority != null && pod.spec.priority !== value) {
    return {
      error: admissionForbidden(
        ctx,
        `the integer value of priority (${pod.spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
      ),
    };
  }
  pod.spec.priority = value;
  if (pod.spec.preemptionPolicy != null && pod.spec.preemptionPolicy !== policy) {
    return {
      error: admissionForbidden(
        ctx,
        `the string value of PreemptionPolicy (${pod.spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      ),
    };
  }
  pod.spec.preemptionPolicy = policy;
  return { obj: pod };
}

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

/** Whether some toleration already covers `key:NoExecute` (an empty key or effect is a wildcard). */
function tolerates(tolerations: Json[], key: string): boolean {
  return tolerations.some(
    (t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect),
  );
}

/** The two tolerations the plugin adds: frozen objects shared by every pod that stores them. */
const DEFAULT_TOLERATIONS: Record<string, Json> = Object.fromEntries(
  [NOT_READY, UNREACHABLE].map((key) => [
    key,
    Object.freeze({
      key,
      operator: 'Exists',
      effect: 'NoExecute',
      tolerationSeconds: K8S.defaultTolerationSeconds,
    }),
  ]),
);

export function defaultTolerationSeconds(ctx: AdmissionContext): AdmissionResult {
  if (!isPodRequest(ctx) || (ctx.operation !== 'CREATE' && ctx.operation !== 'UPDATE')) return {};
  const existing: Json[] = ctx.obj?.spec?.tolerations ?? [];
  const add = [NOT_READY, UNREACHABLE]
    .filter((key) => !tolerates(existing, key))
    .map((key) => DEFAULT_TOLERATIONS[key]);
  if (add.length === 0) return {};
  const pod = withOwnSpec(ctx.obj);
  pod.spec.tolerations = concatExact(existing, add);
  return { obj: pod };
}

/** TaintNodesByCondition: a new Node starts tainted not-ready until the node controller clears it. */
export function taintNodesByCondition(ctx: AdmissionContext): AdmissionResult {
  if (
    ctx.resource.resource !== 'nodes' ||
    ctx.subresource ||
    ctx.operation !== 'CREATE' ||
    !ctx.obj
  )
    return {};
  const taints: Json[] = ctx.obj.spec?.taints ?? [];
  if (taints.some((t) => t.key === NOT_READY && t.effect === 'NoSchedule')) return {};
  const node = clone(ctx.obj) as Json;
  node.spec ??= {};
  node.spec.taints = [...taints, { key: NOT_READY, effect: 'NoSchedule' }];
  return { obj: node };
}
