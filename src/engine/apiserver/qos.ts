/**
 * ComputePodQOS (pkg/apis/core/helper/qos/qos.go, v1.34 with PodLevelResources on): the class the
 * pod strategy writes to `status.qosClass` when a pod is created.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { compareDecimal, type Decimal, parseQuantity } from '../model/quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

type Quantities = Record<string, string | number> | undefined;

const COMPUTE = ['cpu', 'memory'];
const ZERO: Decimal = { digits: 0n, scale: 0 };

function positive(q: string | number): Decimal | undefined {
  const parsed = parseQuantity(q);
  return parsed.ok && compareDecimal(parsed.value, ZERO) > 0 ? parsed.value : undefined;
}

function add(a: Decimal | undefined, b: Decimal): Decimal {
  if (!a) return b;
  const scale = Math.min(a.scale, b.scale);
  const shift = (d: Decimal) => d.digits * 10n ** BigInt(d.scale - scale);
  return { digits: shift(a) + shift(b), scale };
}

/** Sum positive cpu/memory amounts; returns which resources had a positive entry. */
function accumulate(into: Map<string, Decimal>, list: Quantities): Set<string> {
  const found = new Set<string>();
  for (const [name, quantity] of Object.entries(list ?? {})) {
    if (!COMPUTE.includes(name)) continue;
    const value = positive(quantity);
    if (!value) continue;
    found.add(name);
    into.set(name, add(into.get(name), value));
  }
  return found;
}

export function computePodQOS(pod: Pod | { spec?: unknown }): QOSClass {
  // biome-ignore lint/suspicious/noExplicitAny: pod-level `spec.resources` is newer than kubernetes-types 1.30
  const spec = (pod as any).spec ?? {};
  const requests = new Map<string, Decimal>();
  const limits = new Map<string, Decimal>();
  let guaranteed = true;

  const podResources = spec.resources as { requests?: Quantities; limits?: Quantities } | undefined;
  // isPodLevelResourcesSet (PodLevelResourcesFixKubeletQOSClass): only cpu/memory at pod level count.
  const podLevelSet = [podResources?.requests, podResources?.limits].some((list) =>
    Object.keys(list ?? {}).some((name) => COMPUTE.includes(name)),
  );
  if (podResources && podLevelSet) {
    // Pod-level resources, when given, decide the class on their own.
    accumulate(requests, podResources.requests);
    if (Object.keys(podResources.limits ?? {}).length > 0) {
      const found = accumulate(limits, podResources.limits);
      if (!COMPUTE.every((r) => found.has(r))) guaranteed = false;
    }
  } else {
    // Ephemeral containers cannot carry resources, so they never count.
    for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      accumulate(requests, container.resources?.requests);
      const found = accumulate(limits, container.resources?.limits);
      if (!COMPUTE.every((r) => found.has(r))) guaranteed = false;
    }
  }

  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (!limit || compareDecimal(limit, request) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
