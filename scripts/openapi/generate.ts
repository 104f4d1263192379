// The OpenAPI documents this cluster serves, from the Kubernetes v2 document and the Go types it
// was generated from: the v2 document (/openapi/v2) and one v3 document per group version
// (/openapi/v3/api/v1, …), both kept to the served resources.
import { addEnums } from './enums.ts';
import type { GoUniverse } from './goSource.ts';
import { groupVersionPrefix, type ServedResource, trimSwagger } from './trim.ts';
import type { Schema, SwaggerDocument } from './types.ts';
import { type V3Document, v3Document } from './v3.ts';

export interface Generated {
  v2: SwaggerDocument;
  /** By the path /openapi/v3 lists them under: `api/v1`, `apis/apps/v1`. */
  v3: Map<string, V3Document>;
}

export function generateOpenAPI(
  swagger: SwaggerDocument,
  go: GoUniverse,
  served: readonly ServedResource[],
  version: string,
): Generated {
  const trimmed = trimSwagger(swagger, served);
  const definitions: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(trimmed.definitions))
    definitions[name] = addEnums(go, name, def);
  const v2: SwaggerDocument = { ...trimmed, definitions, info: { ...trimmed.info, version } };
  const v3 = new Map<string, V3Document>();
  const gvs = [...new Set(served.map((r) => groupVersionPrefix(r.group, r.version)))].sort();
  for (const prefix of gvs) v3.set(prefix.slice(1), v3Document(v2, prefix, version));
  return { v2, v3 };
}

/** `apis/apps/v1` → `apis__apps__v1.json`, the published documents' file names. */
export function v3FileName(gvPath: string): string {
  return `${gvPath.replace(/\//g, '__')}.json`;
}
