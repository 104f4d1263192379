import type { ClusterSpec } from '../../store';

/** The page's link for a sandbox cluster (`?workers=3&proxy=ipvs&seed=7`), other parameters kept. */
export function withSpec(url: URL, spec: ClusterSpec): URL {
  const next = new URL(url.href);
  next.searchParams.set('workers', String(spec.workers));
  next.searchParams.set('proxy', spec.proxyMode);
  next.searchParams.set('seed', String(spec.seed));
  return next;
}
