/**
 * `k=v` lists from the command line (--labels, --env, --annotations, --selector). Built with
 * Object.fromEntries so a key such as `__proto__` stays an ordinary own property.
 */
export function parsePairs(
  items: string[],
  invalid: (item: string) => string,
): Record<string, string> {
  const entries: [string, string][] = [];
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new PairError(invalid(item));
    entries.push([item.slice(0, eq), item.slice(eq + 1)]);
  }
  return Object.fromEntries(entries);
}

export class PairError extends Error {}
