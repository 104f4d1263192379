/**
 * Accept-header negotiation for the representations this server offers
 * (apiserver pkg/endpoints/handlers/negotiation): plain JSON, or a meta.k8s.io Table — what
 * kubectl get asks for first
 * (`application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json`).
 */
export type Representation = { as: 'json' } | { as: 'table'; version: 'v1' | 'v1beta1' };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type, ...rest] = part.split(';').map((s) => s.trim());
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params };
    })
    .filter((r) => r.type !== '');
}

/** The first range of the header this server can give; undefined when none (406). */
export function negotiate(accept: string | undefined): Representation | undefined {
  if (!accept) return { as: 'json' };
  for (const r of parseAccept(accept)) {
    if (r.type !== 'application/json' && r.type !== '*/*' && r.type !== 'application/*') continue;
    if (r.params.as === undefined) return { as: 'json' };
    if (
      r.params.as === 'Table' &&
      r.params.g === 'meta.k8s.io' &&
      (r.params.v === 'v1' || r.params.v === 'v1beta1')
    )
      return { as: 'table', version: r.params.v };
  }
  return undefined;
}
