/**
 * The simulated registry: image sizes decide pull times. Known images carry sizes close to their
 * real compressed sizes; any other name gets a stable size derived from the name (every name
 * exists — the simulation has no registry that can answer "not found").
 */
const KNOWN_SIZES: Record<string, number> = {
  'docker.io/library/nginx:latest': 72_188_133,
  'docker.io/library/nginx:1.14.2': 44_709_945,
  'docker.io/library/busybox:latest': 2_167_176,
  'docker.io/library/perl:latest': 331_412_876,
  'docker.io/library/redis:latest': 45_123_420,
  'registry.k8s.io/pause:3.10.1': 320_448,
  'registry.k8s.io/busybox:latest': 1_144_547,
  'registry.k8s.io/busybox:1.27.2': 1_144_547,
};

/** Docker-style reference normalisation: `nginx` → `docker.io/library/nginx:latest`. */
export function normalizeImage(image: string): string {
  let ref = normalized.get(image);
  if (ref === undefined) {
    if (normalized.size >= 4096) normalized.clear();
    ref = normalizeImageRef(image);
    normalized.set(image, ref);
  }
  return ref;
}

/** A pure function of the name, asked for over and over: remembered (bounded). */
const normalized = new Map<string, string>();

function normalizeImageRef(image: string): string {
  let name = image;
  const at = name.indexOf('@');
  if (at >= 0) return name;
  const lastSlash = name.lastIndexOf('/');
  const hasTag = name.lastIndexOf(':') > lastSlash;
  if (!hasTag) name = `${name}:latest`;
  const first = name.split('/')[0];
  const hasRegistry =
    name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return name;
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

export function imageSizeBytes(image: string): number {
  const ref = normalizeImage(image);
  const known = KNOWN_SIZES[ref];
  if (known) return known;
  if (ref.startsWith('registry.k8s.io/kube-')) return 30_000_000 + (fnv32a(ref) % 60_000_000);
  return 5_000_000 + (fnv32a(ref) % 145_000_000);
}

/** A stable `sha256:…` image id (the runtime's content digest stands in as 64 hex digits). */
export function imageId(image: string): string {
  const ref = normalizeImage(image);
  let hex = '';
  for (let i = 0; hex.length < 64; i++) hex += fnv32a(`${i}:${ref}`).toString(16).padStart(8, '0');
  return `sha256:${hex.slice(0, 64)}`;
}
