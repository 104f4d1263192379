/** Node selector terms (required node affinity): ORed terms of ANDed expressions and fields. */
import type { KObject } from '../api/types';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

function matchRequirement(r: Requirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In':
      return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn':
      return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      const a = Number(value);
      const b = Number(r.values?.[0]);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

export function matchNodeSelectorTerms(
  terms: { matchExpressions?: Requirement[]; matchFields?: Requirement[] }[],
  node: KObject,
): boolean {
  const labels = node.metadata.labels ?? {};
  return terms.some((term) => {
    const exprs = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((r) => matchRequirement(r, labels[r.key])) &&
      fields.every((r) =>
        matchRequirement(r, r.key === 'metadata.name' ? node.metadata.name : undefined),
      )
    );
  });
}

/**
 * The node a daemon pod is for: its spec.nodeName, else the first value of a `metadata.name`
 * field requirement in its required node affinity (how the DaemonSet controller pins it).
 */
export function daemonTargetNode(pod: KObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const t of terms)
    for (const f of t.matchFields ?? []) if (f.key === 'metadata.name') return f.values?.[0];
  return undefined;
}
