// The OpenAPI v2 document in protobuf, as kube-apiserver sends it to a client that asks for
// `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` — which client-go's
// OpenAPISchema always does, so kubectl's client-side validation (`kind: List` files, `kubectl
// edit` of several objects), `kubectl explain --output plaintext-openapiv2` and apply's fallback
// read nothing else. The messages are gnostic-models' openapiv2/OpenAPIv2.proto (v0.6.8, the
// version client-go v0.32 uses), filled as gnostic's compiler fills them from the JSON
// (openapiv2/OpenAPIv2.go): a vendor extension or enum value is an `Any` holding its YAML text
// (written here as JSON, which is YAML), map-like objects are lists of named entries in the
// document's order, a parameter is a body parameter or, by its `in`, a query, path or header one.
//
// Only what the Kubernetes document uses is written; anything else throws, so a new keyword in a
// later document is noticed rather than dropped.
import type { Schema, SwaggerDocument, V2Operation, V2Parameter, V2PathItem } from './types.ts';
import { METHODS } from './types.ts';

/** A protobuf message being written: fields in the order they are added. */
class Message {
  private readonly parts: Buffer[] = [];

  private key(field: number, wire: number) {
    this.varint(field * 8 + wire);
  }

  private varint(n: number) {
    const bytes: number[] = [];
    let v = n;
    while (v > 0x7f) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
    this.parts.push(Buffer.from(bytes));
  }

  /** A string field; proto3 leaves out the empty string. */
  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    const bytes = Buffer.from(value, 'utf8');
    this.key(field, 2);
    this.varint(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  strings(field: number, values: readonly string[] | undefined): this {
    for (const v of values ?? []) {
      const bytes = Buffer.from(v, 'utf8');
      this.key(field, 2);
      this.varint(bytes.length);
      this.parts.push(bytes);
    }
    return this;
  }

  bool(field: number, value: boolean | undefined): this {
    if (!value) return this;
    this.key(field, 0);
    this.varint(1);
    return this;
  }

  message(field: number, value: Message | undefined): this {
    if (!value) return this;
    const bytes = value.bytes();
    this.key(field, 2);
    this.varint(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  messages(field: number, values: readonly Message[]): this {
    for (const v of values) this.message(field, v);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** `Any { string yaml = 2; }`: a value as YAML text. */
function any(value: unknown): Message {
  return new Message().string(2, `${JSON.stringify(value)}\n`);
}

/** `NamedAny { name = 1; Any value = 2; }` for each `x-` key, in the document's order. */
function vendorExtensions(object: Record<string, unknown>): Message[] {
  return Object.entries(object)
    .filter(([k]) => k.startsWith('x-'))
    .map(([k, v]) => new Message().string(1, k).message(2, any(v)));
}

function checkKeys(object: object, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(object))
    if (!k.startsWith('x-') && !allowed.includes(k))
      throw new Error(`${where}: no protobuf field for "${k}"`);
}

const SCHEMA_KEYS = [
  '$ref',
  'format',
  'description',
  'required',
  'enum',
  'additionalProperties',
  'type',
  'items',
  'allOf',
  'properties',
];

/** `Schema` (fields 1 _ref, 2 format, 4 description, 19 required, 20 enum, 21 additional…). */
function schema(s: Schema, where: string): Message {
  checkKeys(s, SCHEMA_KEYS, where);
  const m = new Message().string(1, s.$ref).string(2, s.format).string(4, s.description);
  m.strings(19, s.required);
  m.messages(20, (s.enum ?? []).map(any));
  if (s.additionalProperties !== undefined) {
    const item = new Message();
    if (typeof s.additionalProperties === 'boolean') item.bool(2, s.additionalProperties);
    else item.message(1, schema(s.additionalProperties, `${where}{}`));
    m.message(21, item);
  }
  if (s.type !== undefined) m.message(22, new Message().strings(1, [s.type]));
  if (s.items !== undefined) m.message(23, new Message().message(1, schema(s.items, `${where}[]`)));
  m.messages(
    24,
    (s.allOf ?? []).map((x, i) => schema(x, `${where}.allOf[${i}]`)),
  );
  if (s.properties)
    m.message(
      25,
      new Message().messages(
        1,
        Object.entries(s.properties).map(([k, v]) =>
          new Message().string(1, k).message(2, schema(v, `${where}.${k}`)),
        ),
      ),
    );
  return m.messages(31, vendorExtensions(s));
}

/** `Parameter`: a body parameter, or a query, path or header one. */
function parameter(p: V2Parameter, where: string): Message {
  if (p.in === 'body') {
    checkKeys(p, ['description', 'name', 'in', 'required', 'schema'], where);
    const body = new Message()
      .string(1, p.description)
      .string(2, p.name)
      .string(3, p.in)
      .bool(4, p.required)
      .message(5, p.schema && schema(p.schema, `${where}.schema`));
    return new Message().message(1, body);
  }
  checkKeys(p, ['description', 'name', 'in', 'required', 'type', 'format', 'uniqueItems'], where);
  // Query has allow_empty_value at 5, so its type, format and unique_items sit one field later.
  const shift = p.in === 'query' ? 1 : 0;
  const sub = new Message()
    .bool(1, p.required)
    .string(2, p.in)
    .string(3, p.description)
    .string(4, p.name)
    .string(5 + shift, p.type)
    .string(6 + shift, p.format)
    .bool(19 + shift, p.uniqueItems);
  const oneof = { header: 1, query: 3, path: 4 }[p.in as string];
  if (!oneof) throw new Error(`${where}: parameter in ${p.in}`);
  return new Message().message(2, new Message().message(oneof, sub));
}

/** `ParametersItem`: a parameter, or a `$ref` to a shared one. */
function parametersItem(p: V2Parameter, where: string): Message {
  if (p.$ref !== undefined) return new Message().message(2, new Message().string(1, p.$ref));
  return new Message().message(1, parameter(p, where));
}

function operation(op: V2Operation, where: string): Message {
  checkKeys(
    op,
    [
      'tags',
      'description',
      'operationId',
      'produces',
      'consumes',
      'parameters',
      'responses',
      'schemes',
    ],
    where,
  );
  const responses = new Message().messages(
    1,
    Object.entries(op.responses).map(([code, r]) => {
      checkKeys(r, ['description', 'schema'], `${where} ${code}`);
      const response = new Message()
        .string(1, r.description)
        .message(2, r.schema && new Message().message(1, schema(r.schema, `${where} ${code}`)));
      return new Message().string(1, code).message(2, new Message().message(1, response));
    }),
  );
  return new Message()
    .strings(1, op.tags)
    .string(3, op.description)
    .string(5, op.operationId)
    .strings(6, op.produces)
    .strings(7, op.consumes)
    .messages(
      8,
      (op.parameters ?? []).map((p, i) => parametersItem(p, `${where} parameter ${i}`)),
    )
    .message(9, responses)
    .strings(10, op.schemes)
    .messages(13, vendorExtensions(op));
}

/** PathItem: get 2, put 3, post 4, delete 5, options 6, head 7, patch 8, parameters 9. */
const METHOD_FIELDS: Record<(typeof METHODS)[number], number> = {
  get: 2,
  put: 3,
  post: 4,
  delete: 5,
  options: 6,
  head: 7,
  patch: 8,
};

function pathItem(item: V2PathItem, where: string): Message {
  checkKeys(item, [...METHODS, 'parameters'], where);
  const m = new Message();
  for (const method of METHODS) {
    const op = item[method] as V2Operation | undefined;
    if (op) m.message(METHOD_FIELDS[method], operation(op, `${method} ${where}`));
  }
  return m.messages(
    9,
    (item.parameters ?? []).map((p, i) => parametersItem(p, `${where} parameter ${i}`)),
  );
}

/** The protobuf encoding of DOC (gnostic openapi_v2.Document). */
export function swaggerProtobuf(doc: SwaggerDocument): Buffer {
  checkKeys(
    doc,
    ['swagger', 'info', 'paths', 'definitions', 'parameters', 'security', 'securityDefinitions'],
    'document',
  );
  const named = <T>(entries: Record<string, T>, value: (v: T, name: string) => Message) =>
    Object.entries(entries).map(([k, v]) => new Message().string(1, k).message(2, value(v, k)));
  const security = ((doc.security ?? []) as Record<string, string[]>[]).map((req) =>
    new Message().messages(
      1,
      named(req, (scopes) => new Message().strings(1, scopes)),
    ),
  );
  const securityDefinitions = named(
    (doc.securityDefinitions ?? {}) as Record<string, Record<string, string>>,
    (d, name) => {
      if (d.type !== 'apiKey') throw new Error(`security definition ${name}: ${d.type}`);
      checkKeys(d, ['type', 'name', 'in', 'description'], `security definition ${name}`);
      const apiKey = new Message()
        .string(1, d.type)
        .string(2, d.name)
        .string(3, d.in)
        .string(4, d.description);
      return new Message().message(2, apiKey);
    },
  );
  return new Message()
    .string(1, doc.swagger)
    .message(2, new Message().string(1, doc.info.title).string(2, doc.info.version))
    .message(
      8,
      new Message().messages(
        2,
        named(doc.paths, (item, p) => pathItem(item, p)),
      ),
    )
    .message(
      9,
      new Message().messages(
        1,
        named(doc.definitions, (s, n) => schema(s, n)),
      ),
    )
    .message(
      10,
      new Message().messages(
        1,
        named(doc.parameters, (p, n) => parameter(p, `parameter ${n}`)),
      ),
    )
    .messages(12, security)
    .message(13, new Message().messages(1, securityDefinitions))
    .bytes();
}
