/**
 * The OpenAPI documents of the served kinds: `/openapi/v2` and `/openapi/v3` (its index and one
 * document per group version), read from the generated files beside this module
 * (scripts/gen-openapi.ts) and served as they are. Functions of their input only; the HTTP side
 * (status codes, headers, 304s) is the server's — README.md says what the real one sends.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseAccept } from '../discovery/negotiate';

/** One document: its JSON bytes, the same gzip-compressed, and its hash. */
export interface OpenAPIDocument {
  json: Buffer;
  /** For a client that sends Accept-Encoding: gzip (client-go does). */
  gzip: Buffer;
  /** SHA-512 of `json`, upper-case hex (kube-openapi handler3 computeETag). */
  hash: string;
  /** `hash` quoted, for the ETag header. */
  etag: string;
}

interface Manifest {
  source: string;
  version: string;
  v2: string;
  v3: Record<string, string>;
}

const GENERATED = new URL('./generated/', import.meta.url);
let manifest: Manifest | undefined;
const loaded = new Map<string, OpenAPIDocument>();

function readManifest(): Manifest {
  manifest ??= JSON.parse(readFileSync(new URL('manifest.json', GENERATED), 'utf8')) as Manifest;
  return manifest;
}

function load(file: string): OpenAPIDocument {
  let doc = loaded.get(file);
  if (!doc) {
    const gzip = readFileSync(new URL(`${file}.gz`, GENERATED));
    const json = gunzipSync(gzip);
    const hash = createHash('sha512').update(json).digest('hex').toUpperCase();
    doc = { json, gzip, hash, etag: `"${hash}"` };
    loaded.set(file, doc);
  }
  return doc;
}

/** Where the documents came from (the Kubernetes release and files). */
export function openapiSource(): string {
  return readManifest().source;
}

/** `GET /openapi/v2`: the Swagger 2.0 document of every served path and the types they use. */
export function openapiV2(): OpenAPIDocument {
  return load(readManifest().v2);
}

/** The group versions /openapi/v3 lists: `api/v1`, `apis/apps/v1`, … */
export function openapiV3GroupVersions(): string[] {
  return Object.keys(readManifest().v3);
}

/** `/openapi/v3/GV?hash=H`: the URL the index gives for a group version's document. */
export function serverRelativeURL(gv: string, hash: string): string {
  return `/openapi/v3/${gv}?hash=${hash}`;
}

export interface OpenAPIV3Index {
  paths: Record<string, { serverRelativeURL: string }>;
}

/** `GET /openapi/v3` (handler3 OpenAPIV3Discovery): each group version's URL with its hash. */
export function openapiV3Index(): OpenAPIV3Index {
  const paths: OpenAPIV3Index['paths'] = {};
  for (const gv of openapiV3GroupVersions())
    paths[gv] = { serverRelativeURL: serverRelativeURL(gv, openapiV3Document(gv)?.hash ?? '') };
  return { paths };
}

/** A group version's document (`api/v1`, `apis/apps/v1`), or undefined when not served. */
export function openapiV3Document(gv: string): OpenAPIDocument | undefined {
  const file = Object.hasOwn(readManifest().v3, gv) ? readManifest().v3[gv] : undefined;
  return file === undefined ? undefined : load(file);
}

export type OpenAPIV3Lookup =
  | { kind: 'document'; document: OpenAPIDocument; immutable: boolean }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

/**
 * `GET /openapi/v3/GV[?hash=H]` as handler3 HandleGroupVersion answers it: the document; with
 * the current hash, marked immutable (`Cache-Control: public, immutable` and an Expires a year
 * on); with an old hash, a 301 to the current URL. An unknown group version is `not-found`
 * (handler3 writes nothing at all then; a 404 Status says more).
 */
export function lookupOpenAPIV3(gv: string, hash: string | null | undefined): OpenAPIV3Lookup {
  const document = openapiV3Document(gv);
  if (!document) return { kind: 'not-found' };
  if (hash) {
    if (hash !== document.hash)
      return { kind: 'redirect', location: serverRelativeURL(gv, document.hash) };
    return { kind: 'document', document, immutable: true };
  }
  return { kind: 'document', document, immutable: false };
}

/**
 * What an Accept header gets from /openapi/v2 and /openapi/v3/GV (kube-openapi handler and
 * handler3): the first clause, best first, that allows `application/json` gets JSON (Content-Type
 * `application/json`); an empty header counts as `*\/*`. Protobuf
 * (`application/com.github.proto-openapi.spec.v2@v1.0+protobuf`, which client-go's
 * OpenAPISchema asks /openapi/v2 for) is not served: such a request gets `not-acceptable`, a 406
 * as the real handlers give for a type they lack. kubectl 1.32 only asks for OpenAPI v2 when v3
 * fails (explain, apply's patch, validation), and takes the error as "no v2 document".
 */
export function chooseOpenAPIFormat(accept: string | undefined): 'json' | 'not-acceptable' {
  for (const c of parseAccept(accept || '*/*')) {
    if ((c.type === 'application' || c.type === '*') && (c.subType === 'json' || c.subType === '*'))
      return 'json';
  }
  return 'not-acceptable';
}
