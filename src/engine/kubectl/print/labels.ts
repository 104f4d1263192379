/** Label and selector strings as apimachinery prints them (pkg/labels, pkg/apis/meta/v1/helpers.go). */
import type { LabelSelector } from 'kubernetes-types/meta/v1';

/** labels.Set.String: `k=v` pairs sorted as whole strings, comma-joined. */
export function labelsString(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .sort(compareStrings)
    .join(',');
}

/** labels.FormatLabels: like labelsString, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  return labelsString(labels) || '<none>';
}

/** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key; nil and empty print "". */
export function selectorString(selector: LabelSelector | undefined | null): string {
  if (!selector) return '';
  const requirements: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push({ key, text: `${key}=${value}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort(compareStrings).join(',');
    const text =
      expr.operator === 'In'
        ? `${expr.key} in (${values})`
        : expr.operator === 'NotIn'
          ? `${expr.key} notin (${values})`
          : expr.operator === 'Exists'
            ? expr.key
            : `!${expr.key}`;
    requirements.push({ key: expr.key, text });
  }
  return requirements
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: selectorString, `<none>` when empty. */
export function formatLabelSelector(selector: LabelSelector | undefined | null): string {
  return selectorString(selector) || '<none>';
}

/** Go's string ordering (bytewise, which for UTF-8 is code point order). */
export function compareStrings(a: string, b: string): number {
  const ac = [...a];
  const bc = [...b];
  for (let i = 0; i < Math.min(ac.length, bc.length); i++) {
    const d = (ac[i].codePointAt(0) ?? 0) - (bc[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ac.length - bc.length;
}
