/**
 * Which discovery document an Accept header asks `/api` or `/apis` for. kube-apiserver wraps the
 * unaggregated handler (k8s.io/apiserver pkg/endpoints/discovery/aggregated/wrapper.go): the
 * first Accept clause, best first, that names the aggregated type (`g=apidiscovery.k8s.io;
 * v=v2;as=APIGroupDiscoveryList`) gets the aggregated document; clauses naming any other
 * type are skipped (v2beta1 too: AggregatedDiscoveryRemoveBetaType is on in 1.34); otherwise the
 * unaggregated one, for the first clause without such parameters. client-go sends
 * `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;
 * g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json`
 * (discovery_client.go acceptDiscoveryFormats).
 *
 * Only JSON is served: a clause for YAML, protobuf or CBOR is passed over, and a header with
 * nothing else gets `not-acceptable` (406), where the real server would answer in that encoding.
 */

/** The Content-Type of the aggregated document (responsewriters generateMediaTypeWithGVK). */
export const AGGREGATED_CONTENT_TYPE =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export type DiscoveryChoice =
  | { representation: 'aggregated'; contentType: typeof AGGREGATED_CONTENT_TYPE }
  | { representation: 'legacy'; contentType: 'application/json' }
  | { representation: 'not-acceptable' };

interface Clause {
  type: string;
  subType: string;
  q: number;
  params: Map<string, string>;
}

/** munnerz/goautoneg ParseAccept: clauses by quality, then specific types before wildcards. */
export function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const part of header.split(',')) {
    const [mediaRange, ...rawParams] = part.split(';').map((s) => s.trim());
    if (!mediaRange) continue;
    const [type, subType = '*'] = mediaRange.split('/');
    const params = new Map<string, string>();
    let q = 1;
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      const key = (eq < 0 ? p : p.slice(0, eq)).trim();
      const value = eq < 0 ? '' : p.slice(eq + 1).trim();
      if (key === 'q') q = Number.parseFloat(value) || 0;
      else params.set(key, value);
    }
    clauses.push({ type, subType, q, params });
  }
  const rank = (c: Clause) => (c.type === '*' ? 2 : c.subType === '*' ? 1 : 0);
  // Array.prototype.sort is stable: equal clauses keep the header's order.
  return clauses.sort((a, b) => b.q - a.q || rank(a) - rank(b));
}

/** Whether a clause's type allows JSON: application/json, application/* or *\/*. */
function allowsJson(c: Clause): boolean {
  return (
    (c.type === 'application' && (c.subType === 'json' || c.subType === '*')) ||
    (c.type === '*' && c.subType === '*')
  );
}

function namesAggregatedV2(c: Clause): boolean {
  return (
    c.params.get('g') === 'apidiscovery.k8s.io' &&
    c.params.get('v') === 'v2' &&
    c.params.get('as') === 'APIGroupDiscoveryList'
  );
}

function namesAType(c: Clause): boolean {
  return c.params.has('g') || c.params.has('v') || c.params.has('as');
}

export function chooseDiscovery(accept: string | undefined): DiscoveryChoice {
  if (!accept) return { representation: 'legacy', contentType: 'application/json' };
  const clauses = parseAccept(accept);
  if (clauses.some((c) => allowsJson(c) && namesAggregatedV2(c)))
    return { representation: 'aggregated', contentType: AGGREGATED_CONTENT_TYPE };
  if (clauses.some((c) => allowsJson(c) && !namesAType(c)))
    return { representation: 'legacy', contentType: 'application/json' };
  return { representation: 'not-acceptable' };
}
