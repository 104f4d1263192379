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
  const variant = (8 + (nextU32(s) % 4)).toString(16);
  // Joined rather than concatenated: one flat string, not a tree of pieces (uids are kept by
  // every stored object). The pieces are drawn in the same order as before.
  const a = hex8(nextU32(s));
  const b = hex8(nextU32(s)).slice(0, 4);
  const c = hex8(nextU32(s)).slice(0, 3);
  const d = hex8(nextU32(s)).slice(0, 3);
  const e = hex8(nextU32(s));
  const f = hex8(nextU32(s)).slice(0, 4);
  return [a, '-', b, '-4', c, '-', variant, d, '-', e, f].join('');
}

/** `n` lowercase hex digits (container and sandbox ids are 64). */
export function randHex(s: RngState, n: number): string {
  const parts: string[] = [];
  for (let len = 0; len < n; len += 8) parts.push(hex8(nextU32(s)));
  return parts.join('').slice(0, n);
}
