/**
 * Discovery: the documents kubectl and client-go read first, to learn which groups, versions,
 * resources and verbs this API server has. Pure functions of the engine's resource table
 * (src/engine/api/resources.ts); the HTTP side (routing, headers, 304s) is the server's. See
 * README.md for the requests real clients send.
 */
export {
  type APIGroupDiscovery,
  type APIGroupDiscoveryList,
  type APIResourceDiscovery,
  type APISubresourceDiscovery,
  type APIVersionDiscovery,
  aggregatedDiscovery,
} from './aggregated';
export { discoveryAnswer, type RequestHeaders, type WireAnswer } from './answer';
export { discoveryETag } from './etag';
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
