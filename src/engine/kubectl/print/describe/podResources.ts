/**
 * kubectl pkg/util/resource PodRequestsAndLimits: containers summed, sidecar (restartable) init
 * containers added, regular init containers taken as a max, then pod overhead added.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from '../quantity';

export type ResourceTotals = Map<string, Quantity>;

export function podRequestsAndLimits(pod: Pod): {
  requests: ResourceTotals;
  limits: ResourceTotals;
} {
  return {
    requests: podTotals(pod, (c) => c.resources?.requests),
    limits: podTotals(pod, (c) => c.resources?.limits),
  };
}

function podTotals(
  pod: Pod,
  pick: (c: Container) => Record<string, string | number> | undefined,
): ResourceTotals {
  const totals: ResourceTotals = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(totals, pick(c));
  const sidecars: ResourceTotals = new Map();
  const initMax: ResourceTotals = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let needed: ResourceTotals;
    if (c.restartPolicy === 'Always') {
      addInto(totals, pick(c));
      addInto(sidecars, pick(c));
      needed = sidecars;
    } else {
      needed = new Map();
      addInto(needed, pick(c));
      addTotals(needed, sidecars);
    }
    maxInto(initMax, needed);
  }
  maxInto(totals, initMax);
  addInto(totals, pod.spec?.overhead);
  return totals;
}

export function addInto(
  totals: ResourceTotals,
  list: Record<string, string | number> | undefined,
): void {
  for (const [name, text] of Object.entries(list ?? {})) {
    const q = parseQuantity(text);
    const current = totals.get(name);
    totals.set(name, current ? addQuantity(current, q) : q);
  }
}

export function addTotals(totals: ResourceTotals, more: ResourceTotals): void {
  for (const [name, q] of more) {
    const current = totals.get(name);
    totals.set(name, current ? addQuantity(current, q) : q);
  }
}

function maxInto(totals: ResourceTotals, other: ResourceTotals): void {
  for (const [name, q] of other) {
    const current = totals.get(name);
    if (!current || compareQuantity(q, current) > 0) totals.set(name, q);
  }
}
