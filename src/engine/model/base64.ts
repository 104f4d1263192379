/**
 * Bytes for Secret data: UTF-8 and standard base64 as Go's encoding/base64 (StdEncoding) does it,
 * including the decoder's error positions, since the API server reports a bad `data` value with
 * Go's own text (`illegal base64 data at input byte N`). The engine has no TextEncoder or Buffer.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const PAD = 61; // '='
const LF = 10;
const CR = 13;

/** A JS string as UTF-8 bytes (a lone surrogate becomes U+FFFD, as Go's conversion writes it). */
export function utf8Encode(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0) ?? 0;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** UTF-8 bytes as a JS string; an invalid sequence reads as U+FFFD (Go's range over a string). */
export function utf8Decode(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1;
    if (need < 0 || i + need >= bytes.length) {
      out += '\ufffd';
      i++;
      continue;
    }
    let c = need === 0 ? b : b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      c = (c << 6) | (next & 63);
    }
    const overlong = (need === 2 && c < 0x800) || (need === 3 && (c < 0x10000 || c > 0x10ffff));
    if (!ok || overlong || (c >= 0xd800 && c <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(c);
    i += need + 1;
  }
  return out;
}

export function base64Encode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** base64 of a string's UTF-8 bytes (what a Secret stores for `stringData` and `--from-literal`). */
export function base64OfText(text: string): string {
  return base64Encode(utf8Encode(text));
}

export type Base64Result = { ok: true; bytes: number[] } | { ok: false; error: string };

/**
 * base64.StdEncoding.Decode (Go): CR and LF are skipped, padding is required, and the error names
 * the byte offset where decoding failed. Offsets count UTF-8 bytes of the input.
 */
export function base64Decode(text: string): Base64Result {
  const src = utf8Encode(text);
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const q = decodeQuantum(src, si, out);
    if (q.error !== undefined)
      return { ok: false, error: `illegal base64 data at input byte ${q.error}` };
    if (q.si === si) break;
    si = q.si;
  }
  return { ok: true, bytes: out };
}

/** encoding/base64 decodeQuantum: up to four characters into up to three bytes. */
function decodeQuantum(
  src: number[],
  start: number,
  out: number[],
): { si: number; error?: number } {
  const dbuf = [0, 0, 0, 0];
  let si = start;
  let dlen = 4;
  let trailing: number | undefined;
  for (let j = 0; j < 4; j++) {
    if (src.length === si) {
      if (j === 0) return { si };
      // Padding is required (StdEncoding), so a short final quantum is corrupt.
      return { si, error: si - j };
    }
    const ch = src[si];
    si++;
    const v = DECODE[ch];
    if (v >= 0) {
      dbuf[j] = v;
      continue;
    }
    if (ch === LF || ch === CR) {
      j--;
      continue;
    }
    if (ch !== PAD) return { si, error: si - 1 };
    // Padding: the quantum ends here.
    if (j === 0 || j === 1) return { si, error: si - 1 };
    if (j === 2) {
      while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
      if (si === src.length) return { si, error: src.length };
      if (src[si] !== PAD) return { si, error: si - 1 };
      si++;
    }
    while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
    if (si < src.length) trailing = si;
    dlen = j;
    break;
  }
  const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
  const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
  for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
  return trailing === undefined ? { si } : { si, error: trailing };
}

/** The decoded byte length of stored (valid) base64 text. */
export function base64ByteLength(text: string): number {
  const d = base64Decode(text);
  return d.ok ? d.bytes.length : 0;
}

/** Stored base64 as text (Go's `string(bytes)`), for env values and files. */
export function textOfBase64(text: string): string {
  const d = base64Decode(text);
  return d.ok ? utf8Decode(d.bytes) : '';
}
