// One OpenAPI v3 document per group version, as kube-apiserver's /openapi/v3/<gv> serves it
// (kube-openapi pkg/builder3), made from the v2 document of the same definitions and routes:
//
// - definitions become components.schemas, `#/definitions/` refs `#/components/schemas/`;
// - a `$ref` with siblings (a field's description) is wrapped as `allOf: [{$ref}]`
//   (builder3/util WrapRefs: in OpenAPI 3.0 a $ref's siblings are ignored);
// - IntOrString and Quantity are `oneOf` their JSON types (their OpenAPIV3OneOfTypes; v2 says
//   string), which is why kubectl explain prints `<IntOrString>` / `<Quantity>`;
// - parameters are inlined with a `schema`, the body parameter becomes the requestBody (one entry
//   per consumed media type), each response one entry per produced media type; parameters sorted
//   by name then place (builder3 sortParameters); schemes, consumes and produces go.
//
// Not reproduced: the `default` values the Go definitions give non-pointer fields (`default: {}`,
// `default: ""`, `default: 0`); the published v2 document has none left to convert, and no
// client this cluster serves reads them (kubectl explain does not print them).
import type { Schema, SwaggerDocument, V2Operation, V2Parameter } from './types.ts';
import { METHODS } from './types.ts';

export interface V3Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

/** apimachinery's OpenAPIV3OneOfTypes: what the v3 document says instead of v2's `string`. */
const ONE_OF: Record<string, string[]> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': ['integer', 'string'],
  'io.k8s.apimachinery.pkg.api.resource.Quantity': ['string', 'number'],
};

const V2_REF = '#/definitions/';
const V3_REF = '#/components/schemas/';

function v3Ref(ref: string): string {
  if (!ref.startsWith(V2_REF)) throw new Error(`unexpected $ref ${ref}`);
  return V3_REF + ref.slice(V2_REF.length).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A v2 schema in v3 form: refs renamed, refs with siblings wrapped in allOf, all the way down. */
export function convertSchema(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') continue;
    if (key === 'properties')
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, convertSchema(v)]),
      );
    else if ((key === 'items' || key === 'additionalProperties') && isSchema(value))
      out[key] = convertSchema(value);
    else if ((key === 'allOf' || key === 'oneOf' || key === 'anyOf') && Array.isArray(value))
      out[key] = value.map((v) => convertSchema(v as Schema));
    else out[key] = value;
  }
  if (schema.$ref === undefined) return out;
  const ref = { $ref: v3Ref(schema.$ref) };
  return Object.keys(out).length === 0 ? ref : { allOf: [ref], ...out };
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A definition's v3 schema. */
function convertDefinition(name: string, def: Schema): Schema {
  const oneOf = ONE_OF[name];
  if (!oneOf) return convertSchema(def);
  const { type: _v2Type, ...rest } = def;
  return { ...rest, oneOf: oneOf.map((type) => ({ type })) };
}

function resolveParameter(doc: SwaggerDocument, p: V2Parameter): V2Parameter {
  if (!p.$ref) return p;
  const name = p.$ref.replace(/^#\/parameters\//, '');
  const shared = doc.parameters[name];
  if (!shared) throw new Error(`no parameter ${p.$ref}`);
  return shared;
}

/** builder3 buildParameter: name, place, description, required, and a schema of its type. */
function convertParameter(p: V2Parameter): Record<string, unknown> {
  const schema: Schema = { type: p.type };
  if (p.format) schema.format = p.format;
  if (p.uniqueItems) schema.uniqueItems = true;
  return {
    ...(p.description !== undefined && { description: p.description }),
    in: p.in,
    name: p.name,
    ...(p.required && { required: true }),
    schema,
  };
}

function byNameThenPlace(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const an = String(a.name);
  const bn = String(b.name);
  if (an !== bn) return an < bn ? -1 : 1;
  const ai = String(a.in);
  const bi = String(b.in);
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

function convertOperation(doc: SwaggerDocument, op: V2Operation): Record<string, unknown> {
  const params = (op.parameters ?? []).map((p) => resolveParameter(doc, p));
  const body = params.find((p) => p.in === 'body');
  const others = params.filter((p) => p.in !== 'body').map(convertParameter);
  const out: Record<string, unknown> = {};
  if (op.description !== undefined) out.description = op.description;
  if (op.operationId !== undefined) out.operationId = op.operationId;
  if (others.length > 0) out.parameters = others.sort(byNameThenPlace);
  if (body?.schema) {
    const schema = convertSchema(body.schema);
    out.requestBody = {
      content: Object.fromEntries((op.consumes ?? []).map((type) => [type, { schema }])),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.required && { required: true }),
    };
  }
  out.responses = Object.fromEntries(
    Object.entries(op.responses).map(([code, r]) => {
      const schema = r.schema && convertSchema(r.schema);
      return [
        code,
        schema
          ? {
              content: Object.fromEntries((op.produces ?? []).map((type) => [type, { schema }])),
              description: r.description,
            }
          : { description: r.description },
      ];
    }),
  );
  if (op.tags) out.tags = op.tags;
  for (const [k, v] of Object.entries(op)) if (k.startsWith('x-')) out[k] = v;
  return out;
}

/** Every component a v3 value refers to, and what those refer to. */
function reachedSchemas(start: unknown, schemas: Record<string, Schema>): Set<string> {
  const seen = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string') {
          const name = v.slice(V3_REF.length);
          if (!seen.has(name)) {
            if (!schemas[name]) throw new Error(`no schema ${name}`);
            seen.add(name);
            walk(schemas[name]);
          }
        } else walk(v);
      }
    }
  };
  walk(start);
  return seen;
}

/**
 * The v3 document of one group version: the v2 document's paths under PREFIX (`/api/v1`,
 * `/apis/apps/v1`) and the schemas they reach, keys sorted as in the published documents.
 */
export function v3Document(doc: SwaggerDocument, prefix: string, version: string): V3Document {
  const allSchemas: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(doc.definitions))
    allSchemas[name] = convertDefinition(name, def);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const path of Object.keys(doc.paths).sort()) {
    if (path !== `${prefix}/` && !path.startsWith(`${prefix}/`)) continue;
    const item = doc.paths[path];
    const out: Record<string, unknown> = {};
    for (const method of METHODS) {
      const op = item[method] as V2Operation | undefined;
      if (op) out[method] = convertOperation(doc, op);
    }
    if (item.parameters)
      out.parameters = item.parameters
        .map((p) => convertParameter(resolveParameter(doc, p)))
        .sort(byNameThenPlace);
    paths[path] = sortKeys(out);
  }
  const reached = reachedSchemas(paths, allSchemas);
  const schemas: Record<string, Schema> = {};
  for (const name of [...reached].sort()) schemas[name] = allSchemas[name];
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version },
    paths,
    components: {
      schemas,
      securitySchemes: {
        BearerToken: {
          description: 'Bearer Token authentication',
          in: 'header',
          name: 'authorization',
          type: 'apiKey',
        },
      },
    },
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
