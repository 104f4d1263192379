import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, KIND_TYPES } from '../../engine/apiserver/schema/fieldTypes.generated';
import { INLINE, MAP, REPEATED } from './schema';
import { PROTO_KINDS, PROTO_MESSAGES } from './schema.generated';

/** The engine's (OpenAPI) letter for each protobuf type letter. */
const OPENAPI_LETTER: Record<string, string> = {
  s: 's',
  i: 'i',
  l: 'l',
  b: 'b',
  y: 'y',
  t: 't',
  m: 'm',
  x: 'x',
  q: 'q',
  r: 'a',
  f: 'a',
};

/** The engine's struct name for a message (qualified there only when two share a name). */
function structOf(message: string): string | undefined {
  if (FIELD_TYPES[message]) return message;
  const short = message.slice(message.lastIndexOf('.') + 1);
  return FIELD_TYPES[short] ? short : undefined;
}

/** A message's JSON fields (inline ones flattened) with the engine's type strings. */
function jsonFields(message: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, json, type, flags] of PROTO_MESSAGES[message]) {
    if (flags & INLINE) {
      for (const [k, v] of jsonFields(type)) out.set(k, v);
      continue;
    }
    const elem = OPENAPI_LETTER[type] ?? structOf(type) ?? `?${type}`;
    out.set(json, `${flags & REPEATED ? '[' : flags & MAP ? '{' : ''}${elem}`);
  }
  return out;
}

describe('the protobuf schema against the OpenAPI one the engine decodes JSON with', () => {
  it('serves the same kinds (and the bodies only protobuf posts: options and subresources)', () => {
    const engineKinds = Object.keys(KIND_TYPES).filter((k) => k !== 'v1/List');
    const protoKinds = Object.keys(PROTO_KINDS);
    expect(engineKinds.filter((k) => !protoKinds.includes(k))).toEqual([]);
    expect(protoKinds.filter((k) => !engineKinds.includes(k)).sort()).toEqual(
      [
        'apps/v1/ControllerRevision',
        'autoscaling/v1/Scale',
        'policy/v1/Eviction',
        'v1/Binding',
        ...protoKinds.filter((k) => k.endsWith('/DeleteOptions')),
      ].sort(),
    );
  });

  it('gives every struct the same JSON fields with the same types', () => {
    const mismatches: string[] = [];
    for (const message of Object.keys(PROTO_MESSAGES)) {
      const struct = structOf(message);
      if (!struct) continue; // a kind the engine does not decode JSON for (Eviction, Scale, …)
      const openapi = FIELD_TYPES[struct];
      const proto = jsonFields(message);
      for (const [field, type] of proto) {
        if (openapi[field] !== type)
          mismatches.push(`${message}.${field}: protobuf ${type}, OpenAPI ${openapi[field]}`);
      }
      for (const field of Object.keys(openapi)) {
        // TypeMeta is not in the message: the envelope carries it.
        if (!proto.has(field) && field !== 'apiVersion' && field !== 'kind')
          mismatches.push(`${message}.${field}: OpenAPI only`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
