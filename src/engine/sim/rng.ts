/**
 * sfc32: a small seeded PRNG whose whole state is four 32-bit integers kept in the simulation
 * state, so a snapshot captures it and replay is exact. Integer API only (no floats leak into
 * decisions except `float01`, used for probabilities drawn the way kube-proxy's rules do).
 */
export type RngState = [number, number, number, number];

export function seedRng(seed: number): RngState {
  const s: RngState = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
  for (let i = 0; i < 15; i++) nextU32(s);
  return s;
}

export function nextU32(s: RngState): number {
  let a = s[0] >>> 0;
  let b = s[1] >>> 0;
  let c = s[2] >>> 0;
  let d = s[3] >>> 0;
  const t = (((a + b) | 0) + d) | 0;
  d = (d + 1) | 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) | 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) | 0;
  s[0] = a >>> 0;
  s[1] = b >>> 0;
  s[2] = c >>> 0;
  s[3] = d >>> 0;
  return t >>> 0;
}

/** Uniform integer in [min, max] (inclusive). */
export function randInt(s: RngState, min: number, max: number): number {
  if (max <= min) return min;
  return min + (nextU32(s) % (max - min + 1));
}

/** Uniform float in [0, 1). */
export function float01(s: RngState): number {
  return nextU32(s) / 4294967296;
}

const ALNUM = 'bcdfghjklmnpqrstvwxz2456789';

/** k8s.io/apimachinery/pkg/util/rand.String: the alphabet used for generated name suffixes. */
export function randString(s: RngState, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[nextU32(s) % ALNUM.length];
  return out;
}

/** A version-4-shaped UUID drawn from the seeded source. */
/** Two lowercase hex digits per byte value. */
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** `u.toString(16).padStart(8, '0')` for a 32-bit unsigned integer. */
function hex8(u: number): string {
  return HEX2[u >>> 24] + HEX2[(u >>> 16) & 255] + HEX2[(u >>> 8) & 255] + HEX2[u & 255];
}

export function randUuid(s: RngState): string {
  // Drawn in this order: the variant digit, then the words the groups take their leading hex
  // digits from. Written as character codes and made into one flat string (uids are kept by
  // every stored object).
  const variant = 8 + (nextU32(s) % 4);
  const c = UUID_CODES;
  hexDigits(c, 0, nextU32(s), 8);
  c[8] = DASH;
  hexDigits(c, 9, nextU32(s), 4);
  c[13] = DASH;
  c[14] = HEX_CODES[4];
  hexDigits(c, 15, nextU32(s), 3);
  c[18] = DASH;
  c[19] = HEX_CODES[variant];
  hexDigits(c, 20, nextU32(s), 3);
  c[23] = DASH;
  hexDigits(c, 24, nextU32(s), 8);
  hexDigits(c, 32, nextU32(s), 4);
  return String.fromCharCode.apply(null, c);
}

const HEX_CODES = Array.from('0123456789abcdef', (ch) => ch.charCodeAt(0));
const DASH = 45;
const UUID_CODES: number[] = new Array(36).fill(0);

/** The first `n` hex digits of the 32-bit word `u` (as `hex8(u).slice(0, n)`), into `out` at `at`. */
function hexDigits(out: number[], at: number, u: number, n: number): void {
  for (let k = 0; k < n; k++) out[at + k] = HEX_CODES[(u >>> (28 - 4 * k)) & 15];
}

/** `n` lowercase hex digits (container and sandbox ids are 64). */
export function randHex(s: RngState, n: number): string {
  const parts: string[] = [];
  for (let len = 0; len < n; len += 8) parts.push(hex8(nextU32(s)));
  return parts.join('').slice(0, n);
}
