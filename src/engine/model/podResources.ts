/**
 * A pod's effective requests as the scheduler counts them (NodeResourcesFit): the larger of the
 * sum over containers and the largest init container, plus pod-level resources when set.
 */
import type { KObject } from '../api/types';
import { parseQuantity } from './quantity';

export interface Requests {
  cpuMilli: number;
  memoryMilli: number;
}

function q(v: unknown): number {
  if (v === undefined || v === null) return 0;
  const r = parseQuantity(v as string | number);
  return r.ok ? r.milli : 0;
}

export function podRequests(pod: KObject): Requests {
  const spec = pod.spec ?? {};
  if (spec.resources?.requests) {
    return {
      cpuMilli: q(spec.resources.requests.cpu),
      memoryMilli: q(spec.resources.requests.memory),
    };
  }
  let cpu = 0;
  let mem = 0;
  for (const c of spec.containers ?? []) {
    cpu += q(c.resources?.requests?.cpu);
    mem += q(c.resources?.requests?.memory);
  }
  for (const c of spec.initContainers ?? []) {
    cpu = Math.max(cpu, q(c.resources?.requests?.cpu));
    mem = Math.max(mem, q(c.resources?.requests?.memory));
  }
  return { cpuMilli: cpu, memoryMilli: mem };
}

/** Stored objects are immutable, so a parsed view can be remembered per object. */
const allocatableCache = new WeakMap<object, Requests & { pods: number }>();

export function allocatableOf(node: KObject): Requests & { pods: number } {
  const a = node.status?.allocatable ?? {};
  let v = allocatableCache.get(a);
  if (!v) {
    v = { cpuMilli: q(a.cpu), memoryMilli: q(a.memory), pods: Number(a.pods ?? 110) };
    allocatableCache.set(a, v);
  }
  return v;
}

/** A pod that still holds its node's resources (not finished). */
export function holdsResources(pod: KObject): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}
