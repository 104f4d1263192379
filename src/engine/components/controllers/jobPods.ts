/**
 * What the Job controller reads from and writes to its pods (pkg/controller/job: job_controller.go,
 * indexed_job_utils.go, pod_failure_policy.go, backoff_utils.go getFinishedTime): failure and
 * finish as the controller judges them, completion indexes, the pod it creates.
 */
import type { KObject } from '../../api/types';
import { jsonClone, timeMsOf } from '../../model/meta';
import type { Simulation } from '../../sim/simulation';
import { isReady, kcmApi, podFromTemplate } from './common';

/** batch.JobTrackingFinalizer: a finished pod is counted before it may go. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** batch.JobCompletionIndexAnnotation (and, since PodIndexLabel, the label of the same name). */
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

// biome-ignore lint/suspicious/noExplicitAny: Job specs are free-form JSON here
type Json = any;

export function hasTrackingFinalizer(pod: KObject): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

export function isTerminalPod(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** podReplacementPolicy Failed (or a podFailurePolicy): terminating pods are not yet replaced. */
export function onlyReplaceFailedPods(job: KObject): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy != null;
}

/** isPodFailed: Failed, or (unless only failed pods count) deleted before it succeeded. */
export function isPodFailed(pod: KObject, job: KObject): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** controller.CountTerminatingPods: being deleted and not yet finished. */
export function isTerminating(pod: KObject): boolean {
  return !!pod.metadata.deletionTimestamp && !isTerminalPod(pod);
}

/** getCompletionIndex: the annotation's index, or -1 when absent or not a number. */
export function completionIndexOf(pod: KObject): number {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/**
 * getFinishedTime (simulated ms): the last container's finishedAt when all have finished, else
 * when Ready went False, else the deletion time less the grace period, else the creation time.
 */
export function finishedTimeMs(pod: KObject): number {
  const statuses: Json[] = pod.status?.containerStatuses ?? [];
  let latest: number | undefined;
  let allDone = statuses.length > 0;
  for (const s of statuses) {
    const at = s.state?.terminated?.finishedAt;
    if (!at) {
      allDone = false;
      break;
    }
    const ms = timeMsOf(at);
    if (latest === undefined || ms > latest) latest = ms;
  }
  if (allDone && latest !== undefined) return latest;
  const ready = (pod.status?.conditions ?? []).find((c: Json) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime)
    return timeMsOf(ready.lastTransitionTime);
  if (pod.metadata.deletionTimestamp)
    return (
      timeMsOf(pod.metadata.deletionTimestamp) -
      (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000
    );
  return timeMsOf(pod.metadata.creationTimestamp);
}

/** The restarts a pod's containers have had (pastBackoffLimitOnFailure counts them). */
export function restartsOf(pod: KObject): number {
  let n = 0;
  for (const s of [
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.containerStatuses ?? []),
  ])
    n += s.restartCount ?? 0;
  return n;
}

export interface PodFailureMatch {
  /** A FailJob rule matched: the Job fails with this message. */
  failJobMessage?: string;
  /** Whether the failure counts towards backoffLimit (an Ignore rule says no). */
  countFailed: boolean;
}

/** matchPodFailurePolicy: the first rule the failed pod matches decides. */
export function matchPodFailurePolicy(policy: Json, pod: KObject): PodFailureMatch {
  if (!policy) return { countFailed: true };
  const rules: Json[] = policy.rules ?? [];
  for (const [index, rule] of rules.entries()) {
    let matched: string | undefined;
    if (rule.onExitCodes) {
      const c = matchOnExitCodes(pod, rule.onExitCodes);
      if (c)
        matched = `Container ${c.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${c.state.terminated.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const cond = (pod.status?.conditions ?? []).find((pc: Json) =>
        rule.onPodConditions.some((p: Json) => p.type === pc.type && p.status === pc.status),
      );
      if (cond)
        matched = `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`;
    }
    if (matched === undefined) continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false };
      case 'Count':
        return { countFailed: true };
      case 'FailJob':
        return { failJobMessage: matched, countFailed: true };
    }
  }
  return { countFailed: true };
}

function matchOnExitCodes(pod: KObject, req: Json): Json | undefined {
  for (const list of [
    pod.status?.containerStatuses ?? [],
    pod.status?.initContainerStatuses ?? [],
  ]) {
    for (const s of list) {
      const code = s.state?.terminated?.exitCode;
      if (code === undefined || code === 0) continue;
      if (req.containerName != null && req.containerName !== s.name) continue;
      const listed = (req.values ?? []).includes(code);
      if (req.operator === 'In' ? listed : req.operator === 'NotIn' ? !listed : false) return s;
    }
  }
  return undefined;
}

/**
 * The pod the controller creates: the template with the tracking finalizer, and for an Indexed
 * Job its index (annotation, label, JOB_COMPLETION_INDEX, hostname NAME-INDEX).
 */
export function jobPod(job: KObject, index: number): KObject {
  const name = job.metadata.name as string;
  const template: Json = job.spec.template ?? {};
  const indexed = index >= 0;
  const generateName = indexed ? indexedGenerateName(name, index) : `${name}-`;
  const pod = podFromTemplate(
    job,
    indexed ? withIndexEnv(template) : template,
    generateName,
    indexed && !template.spec?.hostname ? { hostname: `${name}-${index}` } : {},
  );
  pod.metadata.finalizers = [...(template.metadata?.finalizers ?? [])];
  if (!pod.metadata.finalizers.includes(JOB_TRACKING_FINALIZER))
    pod.metadata.finalizers.push(JOB_TRACKING_FINALIZER);
  if (indexed) {
    pod.metadata.annotations = {
      ...(pod.metadata.annotations ?? {}),
      [COMPLETION_INDEX]: `${index}`,
    };
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [COMPLETION_INDEX]: `${index}` };
  }
  return pod;
}

/** podGenerateNameWithIndex: `NAME-INDEX-`, the name cut so the pod name fits 63 characters. */
function indexedGenerateName(name: string, index: number): string {
  const appendix = `-${index}-`;
  const max = 63 - 5 - appendix.length;
  return `${name.length > max ? name.slice(0, max) : name}${appendix}`;
}

/** addCompletionIndexEnvVariables: every container reads its index from the annotation. */
function withIndexEnv(template: Json): Json {
  const t = jsonClone(template);
  const add = (c: Json) => {
    c.env ??= [];
    if (c.env.some((e: Json) => e.name === 'JOB_COMPLETION_INDEX')) return;
    c.env.push({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: {
        fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` },
      },
    });
  };
  for (const c of t.spec?.initContainers ?? []) add(c);
  for (const c of t.spec?.containers ?? []) add(c);
  return t;
}

/** controller.ActivePods ordering: unscheduled < pending < not ready < ready; newer first. */
export function rankForRemoval(pods: KObject[]): KObject[] {
  const rank = (p: KObject) =>
    !p.spec?.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : !isReady(p) ? 2 : 3;
  return [...pods].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) ||
      String(b.metadata.name).localeCompare(String(a.metadata.name)),
  );
}

/** The `$deleteFromPrimitiveList/finalizers` patch; true when the pod no longer holds it. */
export function removeTrackingFinalizer(sim: Simulation, pod: KObject): boolean {
  const current = sim.store('pods')[`${pod.metadata.namespace}/${pod.metadata.name}`];
  if (!current || current.metadata.uid !== pod.metadata.uid) return true;
  if (!hasTrackingFinalizer(current)) return true;
  const finalizers = (current.metadata.finalizers ?? []).filter(
    (f: string) => f !== JOB_TRACKING_FINALIZER,
  );
  const res = kcmApi(sim, {
    verb: 'update',
    resource: 'pods',
    namespace: current.metadata.namespace,
    name: current.metadata.name,
    body: {
      ...current,
      metadata: { ...current.metadata, finalizers: finalizers.length ? finalizers : undefined },
    },
  });
  return res.ok || res.status?.reason === 'NotFound';
}
