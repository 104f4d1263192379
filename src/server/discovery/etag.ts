import { createHash } from 'node:crypto';

/**
 * The ETag kube-apiserver puts on the aggregated document (aggregated/etag.go): the SHA-512 of
 * the JSON, upper-case hex, quoted. With `Vary: Accept` and `Cache-Control: public`; a request
 * whose If-None-Match equals it gets 304 Not Modified.
 */
export function discoveryETag(json: string): string {
  return `"${createHash('sha512').update(json).digest('hex').toUpperCase()}"`;
}
