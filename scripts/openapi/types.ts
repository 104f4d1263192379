// The parts of OpenAPI v2 (Swagger) and v3 documents the generator reads and writes.

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  required?: string[];
  [key: string]: unknown;
}

/** A Swagger parameter: a `$ref` to a shared one, a body, or a path/query parameter. */
export interface V2Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  description?: string;
  required?: boolean;
  type?: string;
  format?: string;
  uniqueItems?: boolean;
  schema?: Schema;
}

export interface V2Operation {
  description?: string;
  operationId?: string;
  consumes?: string[];
  produces?: string[];
  parameters?: V2Parameter[];
  responses: Record<string, { description: string; schema?: Schema }>;
  schemes?: string[];
  tags?: string[];
  [key: string]: unknown;
}

export type V2PathItem = { parameters?: V2Parameter[] } & {
  [method: string]: V2Operation | V2Parameter[] | undefined;
};

export interface SwaggerDocument {
  swagger: string;
  info: { title: string; version: string };
  paths: Record<string, V2PathItem>;
  definitions: Record<string, Schema>;
  parameters: Record<string, V2Parameter>;
  security?: unknown;
  securityDefinitions?: unknown;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
