/**
 * A list's options as kube-apiserver checks them before reading: ValidateListOptions
 * (k8s.io/apimachinery pkg/apis/meta/internalversion/validation), the resourceVersion parse
 * (k8s.io/apiserver pkg/storage/api_object_versioner.go) and the continue token
 * (k8s.io/apiserver pkg/storage/continue.go): base64url, unpadded, of
 * `{"v":"meta.k8s.io/v1","rv":N,"start":"KEY\u0000"}`, KEY being the last item's etcd key
 * relative to the list's prefix (`nginx` in a namespace, `default/nginx` across them).
 */
import { type FieldError, fieldErrors, invalidKind } from '../api/errors';
import type { StatusError } from '../api/types';
import { base64Encode, utf8Decode, utf8Encode } from '../model/base64';
import { goJsonSyntaxError } from '../model/goJsonSyntax';

export interface ListOptionsInput {
  resourceVersion?: string;
  resourceVersionMatch?: string;
  continue?: string;
  /** The watch-list's parameter: a list refuses it. */
  sendInitialEvents?: boolean;
}

/** ValidateListOptions for a list (a watch has its own rules: validateWatchOptions). */
export function validateListOptions(opts: ListOptionsInput): FieldError[] {
  const errs = validateMatch(opts);
  if (opts.sendInitialEvents !== undefined)
    errs.push(
      fieldErrors.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'),
    );
  return errs;
}

function validateMatch(opts: ListOptionsInput): FieldError[] {
  const errs: FieldError[] = [];
  const match = opts.resourceVersionMatch;
  if (!match) return errs;
  const field = 'resourceVersionMatch';
  if (!opts.resourceVersion)
    errs.push(
      fieldErrors.forbidden(
        field,
        'resourceVersionMatch is forbidden unless resourceVersion is provided',
      ),
    );
  if (opts.continue)
    errs.push(
      fieldErrors.forbidden(field, 'resourceVersionMatch is forbidden when continue is provided'),
    );
  if (match !== 'Exact' && match !== 'NotOlderThan')
    errs.push(fieldErrors.notSupported(field, match, ['Exact', 'NotOlderThan', '']));
  if (match === 'Exact' && opts.resourceVersion === '0')
    errs.push(
      fieldErrors.forbidden(
        field,
        'resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
      ),
    );
  return errs;
}

/**
 * SetListOptionsDefaults with the WatchList feature on (beta, on by default since 1.34): a watch
 * from "" or "0" that says nothing of initial events gets them, as a watch-list
 * (sendInitialEvents=true, resourceVersionMatch=NotOlderThan).
 */
export function watchOptionsDefaults<T extends ListOptionsInput>(opts: T): T {
  if (opts.sendInitialEvents !== undefined || opts.resourceVersionMatch) return opts;
  if (opts.resourceVersion && opts.resourceVersion !== '0') return opts;
  return { ...opts, sendInitialEvents: true, resourceVersionMatch: 'NotOlderThan' };
}

/** ValidateListOptions for a watch (validateWatchOptions, the WatchList feature on). */
export function validateWatchOptions(opts: ListOptionsInput): FieldError[] {
  const errs: FieldError[] = [];
  const field = 'resourceVersionMatch';
  const match = opts.resourceVersionMatch;
  if (opts.sendInitialEvents !== undefined && match !== 'NotOlderThan')
    errs.push(
      fieldErrors.forbidden(
        field,
        'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
      ),
    );
  if (match) {
    if (opts.sendInitialEvents === undefined)
      errs.push(
        fieldErrors.forbidden(
          field,
          'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
        ),
      );
    if (match !== 'NotOlderThan')
      errs.push(fieldErrors.notSupported(field, match, ['NotOlderThan']));
    if (opts.continue)
      errs.push(
        fieldErrors.forbidden(field, 'resourceVersionMatch is forbidden when continue is provided'),
      );
  }
  return errs;
}

/** A watch's options refused as listOpts refuses them: `ListOptions.meta.k8s.io "" is invalid`. */
export function watchOptionsError(opts: ListOptionsInput): StatusError | undefined {
  const errs = validateWatchOptions(opts);
  return errs.length > 0 ? invalidKind('meta.k8s.io', 'ListOptions', '', errs) : undefined;
}

/**
 * APIObjectVersioner.ParseResourceVersion: "" and "0" are 0; anything but a uint64 is refused
 * with strconv's words (`resourceVersion: Invalid value: "x": strconv.ParseUint: parsing "x":
 * invalid syntax`).
 */
export function parseResourceVersion(rv: string | undefined): { rv: number } | { error: string } {
  if (!rv || rv === '0') return { rv: 0 };
  const fail = (why: string) => ({
    error: `resourceVersion: Invalid value: ${JSON.stringify(rv)}: strconv.ParseUint: parsing ${JSON.stringify(rv)}: ${why}`,
  });
  if (!/^[0-9]+$/.test(rv)) return fail('invalid syntax');
  if (BigInt(rv) > 18446744073709551615n) return fail('value out of range');
  // Revisions past 2^53 cannot be reached here; they still compare as "too large".
  return { rv: Number(rv) };
}

/** EncodeContinue: `start` is the last item's key relative to the list's prefix, plus NUL. */
export function encodeContinue(start: string, rv: number): string {
  const json = `{"v":"meta.k8s.io/v1","rv":${rv},"start":${JSON.stringify(start)}}`;
  return base64Encode(utf8Encode(json)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export type DecodedContinue = { start: string; rv: number } | { error: string };

/**
 * DecodeContinue: the start key (relative to the list's prefix) and revision, or the error text
 * ValidateListOptions wraps as `invalid continue token: …`.
 */
export function decodeContinue(token: string): DecodedContinue {
  const generic = 'continue key is not valid';
  const bytes = rawUrlBase64Decode(token);
  if ('error' in bytes) return { error: `${generic}: ${bytes.error}` };
  const text = utf8Decode(bytes.bytes);
  const syntax = goJsonSyntaxError(text);
  if (syntax) return { error: `${generic}: ${syntax}` };
  // `null` decodes to the zero token, refused below for its empty version.
  const value: unknown = JSON.parse(text) ?? {};
  if (typeof value !== 'object' || Array.isArray(value))
    return {
      error: `${generic}: json: cannot unmarshal ${jsonTypeName(value)} into Go value of type storage.continueToken`,
    };
  const token_ = value as Record<string, unknown>;
  const field = (name: string, type: string) =>
    `${generic}: json: cannot unmarshal ${jsonTypeName(token_[name])} into Go struct field continueToken.${name} of type ${type}`;
  // encoding/json matches field names case-insensitively; the token's own are lower case.
  const v = token_.v ?? '';
  if (typeof v !== 'string') return { error: field('v', 'string') };
  const rv = token_.rv ?? 0;
  if (typeof rv !== 'number') return { error: field('rv', 'int64') };
  if (!Number.isSafeInteger(rv))
    return {
      error: `${generic}: json: cannot unmarshal number ${rv} into Go struct field continueToken.rv of type int64`,
    };
  const start = token_.start ?? '';
  if (typeof start !== 'string') return { error: field('start', 'string') };
  if (v !== 'meta.k8s.io/v1')
    return {
      error: `continue key is not valid: server does not recognize this encoded version ${v}`,
    };
  if (rv === 0)
    return {
      error:
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    };
  if (start.length === 0)
    return { error: 'continue key is not valid: encoded start key empty (version meta.k8s.io/v1)' };
  // A key that path.Clean would change could reach outside the list's prefix.
  const key = start.startsWith('/') ? start : `/${start}`;
  if (goPathClean(key) !== key) return { error: `${generic}: ${start}` };
  return { start: key.slice(1), rv };
}

function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'number' ? 'number' : 'string';
}

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const URL_DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < URL_ALPHABET.length; i++) URL_DECODE[URL_ALPHABET.charCodeAt(i)] = i;

/**
 * base64.RawURLEncoding.DecodeString (decodeQuantum without padding): CR and LF are skipped;
 * any other byte outside the alphabet, `=` included, or a lone last character is
 * `illegal base64 data at input byte N` (N counts the input's UTF-8 bytes).
 */
function rawUrlBase64Decode(text: string): { bytes: Uint8Array } | { error: string } {
  const src = utf8Encode(text);
  const out: number[] = [];
  const fail = (at: number) => ({ error: `illegal base64 data at input byte ${at}` });
  let si = 0;
  while (si < src.length) {
    const vals: number[] = [];
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) break;
      const ch = src[si++];
      if (ch === 10 || ch === 13) {
        j--;
        continue;
      }
      const v = URL_DECODE[ch];
      if (v < 0) return fail(si - 1);
      vals.push(v);
    }
    if (j === 1) return fail(si - 1);
    const n =
      ((vals[0] ?? 0) << 18) | ((vals[1] ?? 0) << 12) | ((vals[2] ?? 0) << 6) | (vals[3] ?? 0);
    if (vals.length >= 2) out.push((n >> 16) & 0xff);
    if (vals.length >= 3) out.push((n >> 8) & 0xff);
    if (vals.length >= 4) out.push(n & 0xff);
  }
  return { bytes: Uint8Array.from(out) };
}

/** Go's path.Clean for a rooted path: no empty, `.` or `..` elements, no trailing slash. */
function goPathClean(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
