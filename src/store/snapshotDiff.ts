/** Where two snapshots first differ, as a path (`queue.3.atMs: 63694 ≠ 63695`): for test messages. */
export function snapshotDiff(a: string, b: string): string {
  if (a === b) return '';
  return walk(JSON.parse(a), JSON.parse(b), '') ?? 'same values, other key order';
}

function walk(a: unknown, b: unknown, path: string): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = walk(
      (a as Record<string, unknown>)[k],
      (b as Record<string, unknown>)[k],
      path ? `${path}.${k}` : k,
    );
    if (d) return d;
  }
  return undefined;
}
