/**
 * ConfigMap and Secret validation (ValidateConfigMap, ValidateConfigMapUpdate, ValidateSecret,
 * ValidateSecretUpdate in pkg/apis/core/validation/validation.go): valid keys, at most 1 MiB of
 * data, the type-specific keys a Secret must carry, and `immutable`.
 */
import type { FieldError } from '../../api/errors';
import { base64ByteLength, textOfBase64 } from '../../model/base64';
import { goJsonSyntaxError } from '../../model/goJsonSyntax';
import { fieldErrors, immutable, invalid, sameJson } from './fieldError';
import { isConfigMapKey } from './names';

// biome-ignore lint/suspicious/noExplicitAny: objects are free-form JSON here
type Json = any;

/** core.MaxSecretSize: 1 MiB, for Secrets and ConfigMaps alike. */
export const MAX_SECRET_SIZE_B = 1024 * 1024;

const IMMUTABLE = 'field is immutable when `immutable` is set';

/** UTF-8 length of a ConfigMap value (Go's len(string)). */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function validateConfigMapData(cm: Json): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [key, value] of Object.entries(cm.data ?? {})) {
    errs.push(...isConfigMapKey(key).map((msg) => invalid(`data[${key}]`, key, msg)));
    if (cm.binaryData && key in cm.binaryData) {
      errs.push(invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    }
    total += utf8Length(String(value ?? ''));
  }
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    errs.push(...isConfigMapKey(key).map((msg) => invalid(`binaryData[${key}]`, key, msg)));
    total += base64ByteLength(String(value ?? ''));
  }
  // field.NewPath("") renders as "[]": the error is about the whole object.
  if (total > MAX_SECRET_SIZE_B) errs.push(fieldErrors.tooLong('[]', MAX_SECRET_SIZE_B));
  return errs;
}

export function validateConfigMapUpdate(cm: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (old.immutable === true) {
    if (cm.immutable !== true) errs.push(fieldErrors.forbidden('immutable', IMMUTABLE));
    if (!sameJson(cm.data, old.data)) errs.push(fieldErrors.forbidden('data', IMMUTABLE));
    if (!sameJson(cm.binaryData, old.binaryData))
      errs.push(fieldErrors.forbidden('binaryData', IMMUTABLE));
  }
  return [...errs, ...validateConfigMapData(cm)];
}

/** Secret types and the keys they demand (core/v1 types.go). */
const DOCKERCFG_KEY = '.dockercfg';
const DOCKER_CONFIG_JSON_KEY = '.dockerconfigjson';

/** json.Unmarshal into map[string]interface{}: syntax first, then the top-level type. */
function jsonObjectError(text: string): string | undefined {
  const syntax = goJsonSyntaxError(text);
  if (syntax) return syntax;
  const v = JSON.parse(text);
  if (v === null || (typeof v === 'object' && !Array.isArray(v))) return undefined;
  const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

export function validateSecret(secret: Json): FieldError[] {
  const errs: FieldError[] = [];
  const data: Record<string, string> = secret.data ?? {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...isConfigMapKey(key).map((msg) => invalid(`data[${key}]`, key, msg)));
    total += base64ByteLength(String(value ?? ''));
  }
  if (total > MAX_SECRET_SIZE_B) errs.push(fieldErrors.tooLong('data', MAX_SECRET_SIZE_B));
  const has = (key: string) => Object.hasOwn(data, key);
  switch (secret.type) {
    case 'kubernetes.io/service-account-token':
      // Only the annotation is required: the token controller fills in the rest.
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(fieldErrors.required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key =
        secret.type === 'kubernetes.io/dockercfg' ? DOCKERCFG_KEY : DOCKER_CONFIG_JSON_KEY;
      if (!has(key)) {
        errs.push(fieldErrors.required(`data[${key}]`));
        break;
      }
      const problem = jsonObjectError(textOfBase64(data[key] ?? ''));
      if (problem) errs.push(invalid(`data[${key}]`, '<secret contents redacted>', problem));
      break;
    }
    case 'kubernetes.io/basic-auth':
      // username or password may be empty, but one of the keys must be there
      if (!has('username') && !has('password')) {
        errs.push(fieldErrors.required('data[username]'), fieldErrors.required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (base64ByteLength(data['ssh-privatekey'] ?? '') === 0)
        errs.push(fieldErrors.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fieldErrors.required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(fieldErrors.required('data[tls.key]'));
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Json, old: Json): FieldError[] {
  const errs = immutable('type', secret.type ?? '', old.type ?? '');
  if (old.immutable === true) {
    if (secret.immutable !== true) errs.push(fieldErrors.forbidden('immutable', IMMUTABLE));
    if (!sameJson(secret.data, old.data)) errs.push(fieldErrors.forbidden('data', IMMUTABLE));
  }
  return [...errs, ...validateSecret(secret)];
}
