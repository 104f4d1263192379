/**
 * The admission chain in kube-apiserver's plugin order (pkg/kubeapiserver/options/plugins.go
 * AllOrderedPlugins), restricted to the plugins a kubeadm cluster enables by default that matter
 * here. Mutating plugins run first, each seeing the previous one's object; validating plugins
 * run after object validation. The first refusal ends the request.
 */
import type { AdmissionContext, AdmissionPlugin, AdmissionResult } from './admission/context';
import { namespaceLifecycle } from './admission/namespaceLifecycle';
import { nodeRestriction } from './admission/nodeRestriction';
import { defaultTolerationSeconds, priority, taintNodesByCondition } from './admission/podDefaults';
import { serviceAccountAdmit, serviceAccountValidate } from './admission/serviceAccount';

export type { AdmissionContext, AdmissionPlugin, AdmissionResult } from './admission/context';
export { SYSTEM_PRIORITY_CLASSES } from './admission/podDefaults';
export { API_TOKEN_MOUNT_PATH, tokenVolumeSource } from './admission/serviceAccount';

/** NamespaceLifecycle, ServiceAccount, NodeRestriction, TaintNodesByCondition, Priority, DefaultTolerationSeconds. */
export const MUTATING_PLUGINS: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  serviceAccountAdmit,
  nodeRestriction,
  taintNodesByCondition,
  priority,
  defaultTolerationSeconds,
];

/**
 * ServiceAccount's Validate. Deletes also get the plugins whose rules cover deletion
 * (NamespaceLifecycle, NodeRestriction), so a caller that only runs this chain on DELETE still
 * refuses what Kubernetes refuses.
 */
const VALIDATING_PLUGINS: readonly AdmissionPlugin[] = [serviceAccountValidate];
const DELETE_PLUGINS: readonly AdmissionPlugin[] = [namespaceLifecycle, nodeRestriction];

function run(plugins: readonly AdmissionPlugin[], ctx: AdmissionContext): AdmissionResult {
  let current = ctx;
  for (const plugin of plugins) {
    const result = plugin(current);
    if (result.error) return { error: result.error };
    if (result.obj) current = { ...current, obj: result.obj };
  }
  return { obj: current.obj };
}

/** The mutating phase: returns the admitted (possibly changed) object, or the refusal. */
export function runMutatingAdmission(ctx: AdmissionContext): AdmissionResult {
  return run(MUTATING_PLUGINS, ctx);
}

/** The validating phase: never changes the object. */
export function runValidatingAdmission(ctx: AdmissionContext): AdmissionResult {
  const result = run(ctx.operation === 'DELETE' ? DELETE_PLUGINS : VALIDATING_PLUGINS, ctx);
  return result.error ? result : { obj: ctx.obj };
}
