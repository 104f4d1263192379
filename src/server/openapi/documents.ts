/**
 * The OpenAPI documents of the served kinds: `/openapi/v2` (JSON or protobuf) and `/openapi/v3`
 * (its index and one document per group version), read from the generated files beside this
 * module (scripts/gen-openapi.ts) and served as they are; answer.ts makes HTTP answers of them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseAccept } from '../discovery/negotiate';

/** One document: the bytes to send, the same gzip-compressed, and their hash. */
export interface OpenAPIDocument {
  body: Buffer;
  /** For a client that sends Accept-Encoding: gzip (client-go does). */
  gzip: Buffer;
  contentType: string;
  /** SHA-512 of `body`, upper-case hex (kube-openapi handler3 computeETag). */
  hash: string;
  /** `hash` quoted, for the ETag header. */
  etag: string;
}

/** The Content-Type kube-openapi answers protobuf requests with (pkg/handler subTypeProtobuf). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

/** generated/manifest.json: each document's file and the hash of its bytes. */
interface ManifestEntry {
  file: string;
  hash: string;
}

interface Manifest {
  source: string;
  version: string;
  v2: ManifestEntry;
  v2Protobuf: ManifestEntry;
  v3: Record<string, ManifestEntry>;
}

const GENERATED = new URL('./generated/', import.meta.url);
let manifest: Manifest | undefined;
const loaded = new Map<string, OpenAPIDocument>();

function readManifest(): Manifest {
  manifest ??= JSON.parse(readFileSync(new URL('manifest.json', GENERATED), 'utf8')) as Manifest;
  return manifest;
}

/** Reads a document once; a file that no longer hashes as the manifest says is refused. */
function load({ file, hash: expected }: ManifestEntry, contentType: string): OpenAPIDocument {
  let doc = loaded.get(file);
  if (!doc) {
    const gzip = readFileSync(new URL(`${file}.gz`, GENERATED));
    const body = gunzipSync(gzip);
    const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
    if (hash !== expected) throw new Error(`${file}: hash ${hash}, manifest says ${expected}`);
    doc = { body, gzip, contentType, hash, etag: `"${hash}"` };
    loaded.set(file, doc);
  }
  return doc;
}

/** Where the documents came from (the Kubernetes release and files). */
export function openapiSource(): string {
  return readManifest().source;
}

/** The Kubernetes version the documents say they describe (info.version). */
export function openapiVersion(): string {
  return readManifest().version;
}

/**
 * `GET /openapi/v2`: the Swagger 2.0 document of every served path and the types they use, as
 * JSON or as protobuf (gnostic openapi_v2.Document).
 */
export function openapiV2(format: 'json' | 'protobuf' = 'json'): OpenAPIDocument {
  return format === 'json'
    ? load(readManifest().v2, 'application/json')
    : load(readManifest().v2Protobuf, OPENAPI_V2_PROTOBUF);
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
  for (const [gv, { hash }] of Object.entries(readManifest().v3))
    paths[gv] = { serverRelativeURL: serverRelativeURL(gv, hash) };
  return { paths };
}

/** A group version's document (`api/v1`, `apis/apps/v1`), or undefined when not served. */
export function openapiV3Document(gv: string): OpenAPIDocument | undefined {
  const v3 = readManifest().v3;
  return Object.hasOwn(v3, gv) ? load(v3[gv], 'application/json') : undefined;
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

const PROTOBUF_V2 = [
  'com.github.proto-openapi.spec.v2@v1.0+protobuf',
  'com.github.proto-openapi.spec.v2.v1.0+protobuf',
];

/**
 * What an Accept header gets from `/openapi/v2` (kube-openapi pkg/handler): the first clause,
 * best first, that allows JSON or the protobuf types; an empty header counts as `*\/*`, which
 * gets JSON. client-go's OpenAPISchema asks for
 * `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` only. `not-acceptable` is a 406.
 */
export function chooseOpenAPIV2Format(
  accept: string | undefined,
): 'json' | 'protobuf' | 'not-acceptable' {
  for (const c of parseAccept(accept || '*/*')) {
    if (c.type !== 'application' && c.type !== '*') continue;
    if (c.subType === 'json' || c.subType === '*') return 'json';
    if (PROTOBUF_V2.includes(c.subType)) return 'protobuf';
  }
  return 'not-acceptable';
}

/**
 * What an Accept header gets from `/openapi/v3/GV` (kube-openapi handler3): JSON for a clause
 * that allows it (client-go asks for `application/json`); the protobuf form
 * (`application/com.github.proto-openapi.spec.v3@v1.0+protobuf`) is not served, so a request
 * for nothing else is `not-acceptable` (406, as handler3 answers a type it lacks).
 */
export function chooseOpenAPIV3Format(accept: string | undefined): 'json' | 'not-acceptable' {
  for (const c of parseAccept(accept || '*/*')) {
    if ((c.type === 'application' || c.type === '*') && (c.subType === 'json' || c.subType === '*'))
      return 'json';
  }
  return 'not-acceptable';
}
