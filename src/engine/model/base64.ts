/**
 * Bytes for Secret data: UTF-8 and standard base64 as Go's encoding/base64 (StdEncoding) does it,
 * including the decoder's error positions, since the API server reports a bad `data` value with
 * Go's own text (`illegal base64 data at input byte N`). The engine has no TextEncoder or Buffer.
 * A Secret may hold 1 MiB, so these work in single passes over typed arrays.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;
const PAD = 61; // '='
const LF = 10;
const CR = 13;
const CHUNK = 8192;

/** A JS string as UTF-8 bytes (a lone surrogate becomes U+FFFD, as Go's conversion writes it). */
export function utf8Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, n);
}

/** UTF-8 bytes as a JS string; an invalid sequence reads as U+FFFD (Go's range over a string). */
export function utf8Decode(bytes: ArrayLike<number>): string {
  const units: number[] = [];
  let out = '';
  const flush = () => {
    out += String.fromCharCode(...units);
    units.length = 0;
  };
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
    let c = 0xfffd;
    let used = 1;
    if (need === 0) c = b;
    else if (need > 0 && i + need < bytes.length) {
      let v = b & (0x3f >> need);
      let ok = true;
      for (let k = 1; ok && k <= need; k++) {
        const next = bytes[i + k];
        if ((next & 0xc0) !== 0x80) ok = false;
        else v = (v << 6) | (next & 63);
      }
      const overlong = (need === 2 && v < 0x800) || (need === 3 && (v < 0x10000 || v > 0x10ffff));
      if (ok && !overlong && !(v >= 0xd800 && v <= 0xdfff)) {
        c = v;
        used = need + 1;
      }
    }
    if (c >= 0x10000) units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff));
    else units.push(c);
    i += used;
    if (units.length >= CHUNK) flush();
  }
  flush();
  return out;
}

const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

export function base64Encode(bytes: ArrayLike<number>): string {
  const len = bytes.length;
  const out = new Uint8Array(Math.ceil(len / 3) * 4);
  let o = 0;
  const whole = len - (len % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = ENCODE[(n >> 18) & 63];
    out[o++] = ENCODE[(n >> 12) & 63];
    out[o++] = ENCODE[(n >> 6) & 63];
    out[o++] = ENCODE[n & 63];
  }
  if (whole < len) {
    const n = (bytes[whole] << 16) | (whole + 1 < len ? bytes[whole + 1] << 8 : 0);
    out[o++] = ENCODE[(n >> 18) & 63];
    out[o++] = ENCODE[(n >> 12) & 63];
    out[o++] = whole + 1 < len ? ENCODE[(n >> 6) & 63] : PAD;
    out[o++] = PAD;
  }
  return textOfCodes(out);
}

/** String.fromCharCode over a typed array, in chunks the argument list can hold. */
function textOfCodes(codes: Uint8Array | Uint16Array): string {
  let text = '';
  for (let i = 0; i < codes.length; i += CHUNK)
    text += String.fromCharCode.apply(null, codes.subarray(i, i + CHUNK) as unknown as number[]);
  return text;
}

/** base64 of a string's UTF-8 bytes (what a Secret stores for `stringData` and `--from-literal`). */
export function base64OfText(text: string): string {
  return base64Encode(utf8Encode(text));
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/**
 * base64.StdEncoding.Decode (Go's decodeQuantum, one quantum at a time): CR and LF are skipped,
 * padding is required, and the error names the byte offset where decoding failed (offsets count
 * UTF-8 bytes of the input; base64 text is ASCII, so a wider character is itself the error).
 */
export function base64Decode(text: string): Base64Result {
  const src: ArrayLike<number> = asciiCodes(text) ?? utf8Encode(text);
  const len = src.length;
  const out = new Uint8Array(Math.floor(len / 4) * 3 + 3);
  let n = 0;
  let si = 0;
  const fail = (at: number): Base64Result => ({
    ok: false,
    error: `illegal base64 data at input byte ${at}`,
  });
  const isBreak = (c: number) => c === LF || c === CR;
  while (si < len) {
    let v0 = 0;
    let v1 = 0;
    let v2 = 0;
    let v3 = 0;
    let dlen = 4;
    let trailing = -1;
    let j = 0;
    for (; j < 4; j++) {
      if (si === len) {
        if (j === 0) return { ok: true, bytes: out.subarray(0, n) };
        return fail(si - j);
      }
      const ch = src[si++];
      const v = DECODE[ch] ?? -1;
      if (v >= 0) {
        if (j === 0) v0 = v;
        else if (j === 1) v1 = v;
        else if (j === 2) v2 = v;
        else v3 = v;
        continue;
      }
      if (isBreak(ch)) {
        j--;
        continue;
      }
      if (ch !== PAD || j < 2) return fail(si - 1);
      if (j === 2) {
        while (si < len && isBreak(src[si])) si++;
        if (si === len) return fail(len);
        if (src[si] !== PAD) return fail(si - 1);
        si++;
      }
      while (si < len && isBreak(src[si])) si++;
      if (si < len) trailing = si;
      dlen = j;
      break;
    }
    const val = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    if (dlen >= 2) out[n++] = (val >> 16) & 0xff;
    if (dlen >= 3) out[n++] = (val >> 8) & 0xff;
    if (dlen >= 4) out[n++] = val & 0xff;
    if (trailing >= 0) return fail(trailing);
    if (dlen < 4) break;
  }
  return { ok: true, bytes: out.subarray(0, n) };
}

/** The text's bytes when it is all ASCII (the usual case for base64), else undefined. */
function asciiCodes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return undefined;
    out[i] = c;
  }
  return out;
}

/**
 * The decoded byte length of stored base64 (valid: checked when it was decoded), from its length
 * alone: no need to decode a megabyte to count it.
 */
export function base64ByteLength(text: string): number {
  let chars = 0;
  let pad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) continue;
    chars++;
    if (c === PAD) pad++;
  }
  return Math.floor(chars / 4) * 3 - pad;
}

/** Stored base64 as text (Go's `string(bytes)`), for env values and files. */
export function textOfBase64(text: string): string {
  const d = base64Decode(text);
  return d.ok ? utf8Decode(d.bytes) : '';
}
