/**
 * The JSON kubectl writes for apply's bookkeeping: runtime.Encode of an unstructured object (the
 * last-applied-configuration annotation) and the patch text its errors show. The patch itself
 * is strategicpatch.CreateThreeWayMergePatch (apiserver/patch/strategicDiff.ts).
 */
function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** runtime.Encode of an unstructured object: compact JSON, keys sorted, newline-terminated. */
export function encodeJson(value: unknown): string {
  return `${sortedJson(value)}\n`;
}

function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (isMap(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${sortedJson(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Compact JSON with sorted keys, as Go marshals a map (the patch kubectl prints). */
export function sortedJsonText(value: unknown): string {
  return sortedJson(value);
}
