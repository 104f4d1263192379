/**
 * OpenAPI for the served kinds: the documents (documents.ts, from generated/) and the HTTP
 * answers kube-openapi's handlers give for them (answer.ts). See README.md.
 */
export { type OpenAPIRequestHeaders, openapiAnswer } from './answer';
export {
  chooseOpenAPIV2Format,
  chooseOpenAPIV3Format,
  lookupOpenAPIV3,
  OPENAPI_V2_PROTOBUF,
  type OpenAPIDocument,
  type OpenAPIV3Index,
  type OpenAPIV3Lookup,
  openapiSource,
  openapiV2,
  openapiV3Document,
  openapiV3GroupVersions,
  openapiV3Index,
  openapiVersion,
  serverRelativeURL,
} from './documents';
