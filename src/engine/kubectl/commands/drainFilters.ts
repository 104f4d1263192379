/**
 * Which pods `kubectl drain` may evict (kubernetes/kubectl pkg/drain/filters.go): DaemonSet pods
 * are refused without --ignore-daemonsets (and never evicted), mirror pods are skipped, pods with
 * emptyDir need --delete-emptydir-data, pods without a controller need --force.
 */

import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import type { Client } from '../client';
import { errorText } from '../errors';

export const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
export const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
export const LOCAL_STORAGE_FATAL =
  'Pods with local storage (use --delete-emptydir-data to override)';
export const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
export const UNMANAGED_FATAL = 'Pods declare no controller (use --force to override)';
export const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
}

interface Status {
  delete: boolean;
  reason: 'Okay' | 'Skip' | 'Warning' | 'Error';
  message?: string;
}

const okay: Status = { delete: true, reason: 'Okay' };

function finished(pod: KObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function controllerOf(pod: KObject): { kind: string; name: string } | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller);
}

export interface PodDeleteList {
  pods: KObject[];
  /** `ignoring DaemonSet-managed Pods: kube-system/kube-proxy-x; …` or ''. */
  warnings: string;
  /** `cannot delete …: ns/pod, …`, one per distinct reason. */
  errors: string[];
}

/** GetPodsForDeletion after listing: run the filters in order, stopping at the first refusal. */
export function filterPods(
  client: Client,
  pods: KObject[],
  opts: DrainOptions,
  server: string,
): PodDeleteList {
  const daemonSet = (pod: KObject): Status => {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'DaemonSet' || finished(pod)) return okay;
    const ds = client.tryGet(resourceInfo('daemonsets'), pod.metadata.namespace, ref.name);
    if (!ds.ok) {
      const notFound = ds.failure.type === 'status' && ds.failure.status.reason === 'NotFound';
      if (notFound && opts.force)
        return { delete: true, reason: 'Warning', message: errorText(ds.failure, server) };
      return { delete: false, reason: 'Error', message: errorText(ds.failure, server) };
    }
    if (!opts.ignoreDaemonSets) return { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
    return { delete: false, reason: 'Warning', message: DAEMONSET_WARNING };
  };
  const mirror = (pod: KObject): Status =>
    pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined
      ? { delete: false, reason: 'Skip' }
      : okay;
  const localStorage = (pod: KObject): Status => {
    const hasEmptyDir = (pod.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir);
    if (!hasEmptyDir || finished(pod)) return okay;
    if (!opts.deleteEmptyDirData)
      return { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    return { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING };
  };
  const unreplicated = (pod: KObject): Status => {
    if (finished(pod) || controllerOf(pod)) return okay;
    if (opts.force) return { delete: true, reason: 'Warning', message: UNMANAGED_WARNING };
    return { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
  };
  const filters = [daemonSet, mirror, localStorage, unreplicated];

  const result: { pod: KObject; status: Status; filter: number }[] = [];
  for (const pod of pods) {
    let status = okay;
    let filter = 0;
    for (const [i, f] of filters.entries()) {
      status = f(pod);
      filter = i;
      if (!status.delete) break;
    }
    result.push({ pod, status, filter });
  }
  // Go groups by message in a map (random order); here reasons come in filter order, which is
  // also how real transcripts usually show them.
  const group = (reason: Status['reason']) => {
    const byMessage = new Map<string, { filter: number; pods: string[] }>();
    for (const { pod, status, filter } of result) {
      if (status.reason !== reason) continue;
      const msg = status.message || 'unexpected error';
      const entry = byMessage.get(msg) ?? { filter, pods: [] };
      entry.pods.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
      byMessage.set(msg, entry);
    }
    return [...byMessage.entries()]
      .sort((a, b) => a[1].filter - b[1].filter)
      .map(([msg, e]) => [msg, e.pods] as const);
  };
  return {
    pods: result.filter((r) => r.status.delete).map((r) => r.pod),
    warnings: group('Warning')
      .map(([msg, names]) => `${msg}: ${names.join(', ')}`)
      .join('; '),
    errors: group('Error').map(([msg, names]) => `cannot delete ${msg}: ${names.join(', ')}`),
  };
}
