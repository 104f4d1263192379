/**
 * A Secret's `data` values are []byte in Go, so the API server's JSON decoder reads each as
 * standard base64 and a bad one fails the whole request with 400 BadRequest:
 * `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4`.
 * kubectl sends the object with its map keys sorted (it marshals an unstructured map), so the
 * first bad value in key order is the one reported.
 */
import { badRequest } from '../../api/errors';
import type { KObject, StatusError } from '../../api/types';
import { base64Decode } from '../../model/base64';

/** encoding/json's name for a JSON value's type in an UnmarshalTypeError. */
function jsonTypeName(value: unknown): string {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

export function checkSecretBytes(secret: KObject): StatusError | undefined {
  const version = String(secret.apiVersion ?? '')
    .split('/')
    .pop();
  const fail = (detail: string) =>
    badRequest(
      `Secret in version ${JSON.stringify(version)} cannot be handled as a Secret: ${detail}`,
    );
  // `data` sorts before `stringData`, and the decoder reports the first error it met.
  const data = secret.data;
  if (data !== undefined && data !== null) {
    if (typeof data !== 'object' || Array.isArray(data)) {
      return fail(
        `json: cannot unmarshal ${jsonTypeName(data)} into Go struct field Secret.data of type map[string][]uint8`,
      );
    }
    for (const key of Object.keys(data).sort()) {
      const value = data[key];
      if (value === null) continue;
      if (typeof value !== 'string') {
        return fail(
          `json: cannot unmarshal ${jsonTypeName(value)} into Go struct field Secret.data of type []uint8`,
        );
      }
      const decoded = base64Decode(value);
      if (!decoded.ok) return fail(decoded.error);
    }
  }
  const stringData = secret.stringData;
  if (stringData && typeof stringData === 'object' && !Array.isArray(stringData)) {
    for (const key of Object.keys(stringData).sort()) {
      const value = stringData[key];
      if (value !== null && typeof value !== 'string') {
        return fail(
          `json: cannot unmarshal ${jsonTypeName(value)} into Go struct field Secret.stringData of type string`,
        );
      }
    }
  }
  return undefined;
}
