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

/**
 * cmdutil.GetResourcesAndPairs: the arguments before the first `KEY=VALUE` or `KEY-` name
 * resources, the rest are pairs; a resource after a pair is an error.
 */
export function resourcesAndPairs(
  args: string[],
  pairType: string,
): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length > 0)
      throw new PairError(`all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

/**
 * cmdutil.ParsePairs: `KEY=VALUE` (split at the first `=`) to set, `KEY-` to remove when
 * `supportRemove`; anything else is collected into `invalid <pairType> format: a, b`.
 */
export function parseKeyValuePairs(
  pairArgs: string[],
  pairType: string,
  supportRemove: boolean,
): { set: Record<string, string>; remove: string[] } {
  const entries: [string, string][] = [];
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const arg of pairArgs) {
    const eq = arg.indexOf('=');
    if (eq > 0) entries.push([arg.slice(0, eq), arg.slice(eq + 1)]);
    else if (supportRemove && arg.endsWith('-') && arg !== '-') remove.push(arg.slice(0, -1));
    else invalid.push(arg);
  }
  if (invalid.length > 0) throw new PairError(`invalid ${pairType} format: ${invalid.join(', ')}`);
  return { set: Object.fromEntries(entries), remove };
}
