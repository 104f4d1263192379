/**
 * Image references as containerd and the kubelet read them (docker/distribution `reference`):
 * `nginx` is `docker.io/library/nginx:latest`. Kept apart from the registry data so that both
 * `images.ts` and `registry.ts` can use it without importing each other.
 */

/** A parsed, normalised reference. `tag` is '' when only a digest was given. */
export interface ImageRef {
  /** `docker.io`, `registry.k8s.io`, `localhost:5000`… */
  host: string;
  /** The path on that host: `library/nginx`, `coredns/coredns`. */
  path: string;
  /** `docker.io/library/nginx`: host and path, no tag. */
  repository: string;
  tag: string;
  /** `sha256:…` when the reference names a digest, else ''. */
  digest: string;
}

/**
 * Docker-style reference normalisation: `nginx` → `docker.io/library/nginx:latest`,
 * `nginx@sha256:…` → `docker.io/library/nginx@sha256:…` (no default tag beside a digest, as
 * docker/distribution's TagNameOnly).
 */
export function normalizeImage(image: string): string {
  let ref = normalized.get(image);
  if (ref === undefined) {
    if (normalized.size >= 4096) normalized.clear();
    ref = refString(parseImageRef(image));
    normalized.set(image, ref);
  }
  return ref;
}

/** A pure function of the name, asked for over and over: remembered (bounded). */
const normalized = new Map<string, string>();

function refString(r: Readonly<ImageRef>): string {
  return `${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/**
 * Splits and normalises a reference (no validation: an odd name stays odd and is not found).
 * Every container start asks: remembered (bounded), so the answer is shared and read-only.
 */
export function parseImageRef(image: string): Readonly<ImageRef> {
  let ref = parsed.get(image);
  if (ref === undefined) {
    if (parsed.size >= 4096) parsed.clear();
    ref = Object.freeze(parseUncached(image));
    parsed.set(image, ref);
  }
  return ref;
}

const parsed = new Map<string, Readonly<ImageRef>>();

function parseUncached(image: string): ImageRef {
  let name = image;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  let tag = '';
  if (colon > lastSlash) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  } else if (!digest) {
    tag = 'latest';
  }
  const first = name.split('/')[0];
  const hasRegistry =
    name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let host = 'docker.io';
  let path = name;
  if (hasRegistry) {
    host = first;
    path = name.slice(first.length + 1);
  } else if (!name.includes('/')) {
    path = `library/${name}`;
  }
  return { host, path, repository: `${host}/${path}`, tag, digest };
}

/** FNV-1a 32-bit: a stable hash for names (no randomness: the same image always has one size). */
export function fnv32a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** 64 stable hex digits derived from a name: the stand-in for a sha256 content digest. */
export function hex64(seed: string): string {
  let hex = '';
  for (let i = 0; hex.length < 64; i++) hex += fnv32a(`${i}:${seed}`).toString(16).padStart(8, '0');
  return hex.slice(0, 64);
}
