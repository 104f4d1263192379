/**
 * Discovery: the documents kubectl and client-go read first, to learn which groups, versions,
 * resources and verbs this API server has. Pure functions of the engine's resource table
 * (src/engine/api/resources.ts); the HTTP side (routing, headers, 304s) is the server's. See
 * README.md for the requests real clients send.
 */
import { createHash } from 'node:crypto';

export {
  type APIGroupDiscovery,
  type APIGroupDiscoveryList,
  type APIResourceDiscovery,
  type APISubresourceDiscovery,
  type APIVersionDiscovery,
  aggregatedDiscovery,
} from './aggregated';
export {
  type APIGroup,
  type APIGroupList,
  type APIResource,
  type APIResourceList,
  type APIVersions,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  servedGroups,
} from './legacy';
export { AGGREGATED_CONTENT_TYPE, chooseDiscovery, type DiscoveryChoice } from './negotiate';
export { storageVersionHash } from './storageVersionHash';

/**
 * The ETag kube-apiserver puts on the aggregated document (aggregated/etag.go): the SHA-512 of
 * the JSON, upper-case hex, quoted. With `Vary: Accept` and `Cache-Control: public`; a request
 * whose If-None-Match equals it gets 304 Not Modified.
 */
export function discoveryETag(json: string): string {
  return `"${createHash('sha512').update(json).digest('hex').toUpperCase()}"`;
}
