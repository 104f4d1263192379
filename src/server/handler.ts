/**
 * One HTTP request to the served cluster, answered as kube-apiserver answers it: authentication,
 * then a non-resource path (version, health, discovery, OpenAPI) or a resource request turned
 * into the engine's `ApiRequest` and its `ApiResult` turned back into HTTP. Pure over the cluster:
 * no sockets here (server.ts does those), so every answer is testable.
 */
import { parse as parseYaml } from 'yaml';
import {
  type ApiRequest,
  type ApiResult,
  type IncludeObject,
  type KObject,
  type LogFollow,
  listObject,
  PATCH_CONTENT_TYPES,
  tableOf,
  tableOptionsError,
  type UserInfo,
} from '../engine';
import { authenticate, type Identity } from './auth';
import type { WireAnswer } from './discovery';
import { negotiate, type Representation } from './negotiate';
import { nonResource } from './nonResource';
import {
  decodeProtobufBody,
  PROTOBUF_CONTENT_TYPE,
  type ProtobufTarget,
} from './protobuf/decodeBody';
import { deleteRequest, listRequest, type QueryError, writeQuery } from './query';
import { type ResourceTarget, route } from './routes';
import type { ServedCluster } from './servedCluster';
import {
  badRequest,
  forbiddenPath,
  internalError,
  methodNotAllowed,
  notAcceptable,
  notFoundStatus,
  unsupportedMediaType,
} from './status';
import { type WatchOpen, watchRequest } from './watchRequest';

export interface WireRequest {
  method: string;
  /** The path without the query. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string | undefined>;
  body?: Buffer;
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown; warnings?: string[] }
  | { kind: 'text'; status: number; body: string; contentType: string }
  /** Discovery and OpenAPI: status, headers (ETag, Vary, …) and body, sent as they are. */
  | { kind: 'answer'; answer: WireAnswer }
  | { kind: 'watch'; open: WatchOpen }
  /** `kubectl logs -f`: the log so far, then what the container writes while it runs. */
  | { kind: 'logFollow'; body: string; follow: LogFollow; timestamps: boolean; limitBytes?: number }
  /** The API server is down: the connection is dropped as a refused dial would be. */
  | { kind: 'refuse' };

export interface ServerContext {
  cluster: ServedCluster;
  /** Bearer token → who it is (a static token file, kube-apiserver --token-auth-file). */
  tokens: ReadonlyMap<string, UserInfo>;
}

export function handle(ctx: ServerContext, req: WireRequest): Reply {
  ctx.cluster.catchUp();
  const auth = authenticate(ctx.tokens, req.headers);
  if (auth.kind === 'unauthorized') return json(401, auth.status);
  if (!ctx.cluster.sim.state.apiserverUp) return { kind: 'refuse' };
  const r = route(req.path);
  if (r.kind === 'notFound') return json(404, notFoundStatus());
  if (r.kind === 'nonResource') {
    const answer = nonResource(ctx, r.path, req, auth);
    if (answer) return answer;
    if (auth.kind === 'anonymous') return json(403, forbiddenPath('get', r.path));
    return json(404, notFoundStatus());
  }
  if (auth.kind === 'anonymous')
    return json(403, forbiddenPath(req.method.toLowerCase(), req.path));
  const representation = negotiate(req.headers.accept);
  if (!representation) return json(406, notAcceptable(['application/json', 'application/yaml']));
  return resourceRequest(ctx, r.target, req, auth, representation);
}

function resourceRequest(
  ctx: ServerContext,
  t: ResourceTarget,
  req: WireRequest,
  who: Identity,
  representation: Representation,
): Reply {
  // Only reads print as tables; a write answers with the object whatever was accepted.
  const reads = req.method === 'GET' && t.subresource !== 'log' ? representation : JSON_ONLY;
  if (reads.as === 'table') {
    const bad = tableOptionsError(req.query.get('includeObject') ?? '');
    if (bad) return json(bad.code, { ...bad, metadata: {} });
  }
  const base = {
    resource: t.resource.resource,
    namespace: t.namespace,
    name: t.name,
  };
  switch (req.method) {
    case 'GET': {
      if (t.name === undefined) {
        const list = listRequest(req.query);
        if ('error' in list) return queryError(list);
        if (t.watchPath || list.watch)
          return watchRequest(ctx, t, list, reads, who, includeObject(req));
        return answer(ctx, who, { verb: 'list', ...base, ...list.request }, 200, req, t, reads);
      }
      if (t.subresource === 'log') return podLog(ctx, who, base, req.query);
      if (t.subresource === 'scale')
        return answer(ctx, who, { verb: 'get', ...base, subresource: 'scale' }, 200, req, t);
      if (t.subresource && t.subresource !== 'status') return subresourceNotFound(t);
      return answer(ctx, who, { verb: 'get', ...base }, 200, req, t, reads);
    }
    case 'POST': {
      if (t.name !== undefined && !t.subresource) return json(405, methodNotAllowed('POST', t));
      const body = decodeBody(req, t);
      if ('reply' in body) return body.reply;
      const q = writeQuery(req.query);
      if ('error' in q) return queryError(q);
      const sub = t.subresource;
      if (sub && sub !== 'binding' && sub !== 'eviction') return subresourceNotFound(t);
      return answer(
        ctx,
        who,
        {
          verb: 'create',
          ...base,
          name: sub ? t.name : undefined,
          ...(sub ? { subresource: sub as ApiRequest['subresource'] } : {}),
          body: body.object,
          ...q,
          ...fieldManagerOf(req),
        },
        201,
        req,
        t,
      );
    }
    case 'PUT': {
      if (t.name === undefined) return json(405, methodNotAllowed('PUT', t));
      const sub = t.subresource;
      if (sub && sub !== 'status' && sub !== 'scale') return subresourceNotFound(t);
      const body = decodeBody(req, t);
      if ('reply' in body) return body.reply;
      const q = writeQuery(req.query, 'UpdateOptions');
      if ('error' in q) return queryError(q);
      return answer(
        ctx,
        who,
        {
          verb: 'update',
          ...base,
          ...(sub ? { subresource: sub as 'status' | 'scale' } : {}),
          body: body.object,
          ...q,
          ...fieldManagerOf(req),
        },
        200,
        req,
        t,
      );
    }
    case 'DELETE': {
      if (t.subresource) return subresourceNotFound(t);
      const options = deleteOptionsBody(req);
      if ('reply' in options) return options.reply;
      const del = deleteRequest(req.query, options.body);
      if ('error' in del) return queryError(del);
      if (t.name === undefined) {
        // DELETE on a collection: deletecollection, with the list's selectors and paging.
        const list = listRequest(req.query);
        if ('error' in list) return queryError(list);
        return answer(
          ctx,
          who,
          { verb: 'deletecollection', ...base, ...list.request, ...del },
          200,
          req,
          t,
        );
      }
      return answer(ctx, who, { verb: 'delete', ...base, ...del }, 200, req, t);
    }
    case 'PATCH': {
      if (t.name === undefined) return json(405, methodNotAllowed('PATCH', t));
      const sub = t.subresource;
      if (sub && sub !== 'status' && sub !== 'scale') return subresourceNotFound(t);
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      const patchType = PATCH_CONTENT_TYPES[type];
      if (!patchType) return json(415, unsupportedMediaType(Object.keys(PATCH_CONTENT_TYPES)));
      const text = req.body?.toString('utf8') ?? '';
      let patchBody: unknown;
      try {
        patchBody = patchType === 'apply' ? parseYaml(text) : JSON.parse(text);
      } catch (e) {
        return json(
          400,
          badRequest(
            patchType === 'apply'
              ? `error encoding patch: ${(e as Error).message.split('\n')[0]}`
              : `invalid JSON patch: ${goJsonError(e, text)}`,
          ),
        );
      }
      const q = writeQuery(req.query, 'PatchOptions');
      if ('error' in q) return queryError(q);
      const force = req.query.get('force');
      // An apply that creates answers 201 Created (the patcher's forceAllowCreate).
      const creates =
        patchType === 'apply' &&
        !sub &&
        ctx.cluster.sim.store(t.resource.resource)[
          t.resource.namespaced ? `${t.namespace}/${t.name}` : t.name
        ] === undefined;
      return answer(
        ctx,
        who,
        {
          verb: 'patch',
          ...base,
          ...(sub ? { subresource: sub as 'status' | 'scale' } : {}),
          patchType,
          patchBody,
          // Apply names its manager itself (the server refuses an apply without one).
          ...(patchType === 'apply'
            ? req.query.get('fieldManager')
              ? { fieldManager: req.query.get('fieldManager') as string }
              : {}
            : fieldManagerOf(req)),
          ...(force !== null ? { force: force === 'true' } : {}),
          ...q,
        },
        creates ? 201 : 200,
        req,
        t,
      );
    }
    default:
      return json(405, methodNotAllowed(req.method, t));
  }
}

/**
 * The write's field manager: the fieldManager parameter, else the User-Agent up to its first `/`
 * (handlers/create.go managerOrUserAgent, prefixFromUserAgent: printable characters, at most
 * 128 bytes), so that kubectl's writes without one are recorded as `kubectl`'s.
 */
function fieldManagerOf(req: WireRequest): { fieldManager?: string } {
  const named = req.query.get('fieldManager');
  if (named) return { fieldManager: named };
  const agent = req.headers['user-agent'];
  const text = typeof agent === 'string' ? agent : '';
  let prefix = '';
  for (const ch of text.split('/')[0]) {
    if (!/\p{L}|\p{M}|\p{N}|\p{P}|\p{S}| /u.test(ch)) continue;
    if (Buffer.byteLength(prefix + ch) > 128) break;
    prefix += ch;
  }
  return prefix ? { fieldManager: prefix } : {};
}

/** Calls the engine as the authenticated user (with kubectl's --as, if asked) and answers. */
function answer(
  ctx: ServerContext,
  who: Identity,
  request: ApiRequest,
  okStatus: number,
  req: WireRequest,
  t: ResourceTarget,
  representation: Representation = JSON_ONLY,
): Reply {
  const result = call(ctx, who, request);
  if (!result.ok) return failure(result);
  if (representation.as === 'table' && (result.items || result.object)) {
    const table = tableOf(t.resource.resource, result.items ?? [result.object as KObject], {
      nowMs: ctx.cluster.sim.nowMs(),
      includeObject: includeObject(req),
      version: representation.version,
      ...(result.items
        ? {
            list: {
              resourceVersion: result.resourceVersion,
              continue: result.continue,
              remainingItemCount: result.remainingItemCount,
            },
          }
        : {}),
    });
    return json(okStatus, table, result.warnings);
  }
  if (result.items) return json(okStatus, listObject(t.resource, result), result.warnings);
  if (result.object) return json(okStatus, result.object, result.warnings);
  return json(500, badRequest('the engine gave no answer'));
}

const JSON_ONLY: Representation = { as: 'json' };

export function includeObject(req: WireRequest): IncludeObject | undefined {
  const v = req.query.get('includeObject');
  return v ? (v as IncludeObject) : undefined;
}

export function call(ctx: ServerContext, who: Identity, request: ApiRequest): ApiResult {
  return ctx.cluster.call(request, who.kind === 'user' ? who.as : undefined);
}

function failure(result: Extract<ApiResult, { ok: false }>): Reply {
  if (result.network !== undefined) return { kind: 'refuse' };
  // The Status's ListMeta goes with it (a 410's continue token to go on inconsistently).
  const { kind, apiVersion, metadata, ...rest } = result.status;
  return json(
    result.status.code,
    { kind, apiVersion, metadata: metadata ?? {}, ...rest },
    result.warnings,
  );
}

function podLog(
  ctx: ServerContext,
  who: Identity,
  base: { resource: string; namespace?: string; name?: string },
  query: URLSearchParams,
): Reply {
  const num = (k: string) => (query.has(k) ? Number(query.get(k)) : undefined);
  const flag = (k: string) => query.get(k) === 'true' || query.get(k) === '1';
  const result = call(ctx, who, {
    verb: 'get',
    ...base,
    subresource: 'log',
    logOptions: {
      container: query.get('container') ?? undefined,
      follow: flag('follow'),
      previous: flag('previous'),
      timestamps: flag('timestamps'),
      sinceSeconds: num('sinceSeconds'),
      tailLines: num('tailLines'),
      limitBytes: num('limitBytes'),
    },
  });
  if (!result.ok) return failure(result);
  const stream = result.stream;
  if (stream?.kind === 'log' && stream.follow) {
    const limitBytes = num('limitBytes');
    return {
      kind: 'logFollow',
      body: stream.body,
      follow: stream.follow,
      timestamps: flag('timestamps'),
      ...(limitBytes !== undefined ? { limitBytes } : {}),
    };
  }
  if (stream?.kind === 'log')
    return { kind: 'text', status: 200, body: stream.body, contentType: 'text/plain' };
  return json(500, badRequest('no log stream'));
}

type Decoded = { object: KObject } | { reply: Reply };

/** The request body: JSON, YAML or protobuf; the real decoders' words for what they cannot read. */
function decodeBody(req: WireRequest, t: ResourceTarget): Decoded {
  const type = contentType(req);
  const yaml = type === 'application/yaml';
  if (type === PROTOBUF_CONTENT_TYPE) {
    const decoded = decodeProtobufBody(req.body ?? Buffer.alloc(0), bodyKind(t));
    if (!decoded.ok) return { reply: json(400, badRequest(decoded.message)) };
    return checkNamespace(decoded.object as KObject, t);
  }
  if (!yaml && type !== 'application/json' && type !== '*/*' && type !== '') {
    return {
      reply: json(415, unsupportedMediaType(BODY_TYPES)),
    };
  }
  const text = req.body?.toString('utf8') ?? '';
  let parsed: unknown;
  try {
    parsed = yaml ? parseYaml(text, { version: '1.2', schema: 'core' }) : JSON.parse(text);
  } catch (e) {
    const why = yaml ? (e as Error).message.split('\n')[0] : goJsonError(e, text);
    return {
      reply: json(
        400,
        badRequest(`couldn't get version/kind; ${yaml ? 'yaml' : 'json'} parse error: ${why}`),
      ),
    };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return {
      reply: json(
        400,
        badRequest(
          "couldn't get version/kind; json parse error: json: cannot unmarshal " +
            `${Array.isArray(parsed) ? 'array' : typeof parsed} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
        ),
      ),
    };
  }
  return checkNamespace(parsed as KObject, t);
}

function checkNamespace(object: KObject, t: ResourceTarget): Decoded {
  const bodyNs = object.metadata?.namespace;
  if (t.namespace !== undefined && t.resource.namespaced) {
    if (bodyNs && bodyNs !== t.namespace)
      return {
        reply: json(
          400,
          badRequest(
            'the namespace of the provided object does not match the namespace sent on the request',
          ),
        ),
      };
  }
  return { object };
}

function contentType(req: WireRequest): string {
  return (req.headers['content-type'] ?? 'application/json').split(';')[0].trim();
}

/** The kind a create or update at this target decodes into (the body's defaults). */
function bodyKind(t: ResourceTarget): ProtobufTarget {
  if (t.subresource === 'eviction') return { apiVersion: 'policy/v1', kind: 'Eviction' };
  if (t.subresource === 'binding') return { apiVersion: 'v1', kind: 'Binding' };
  const r = t.resource;
  return { apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind };
}

/**
 * A DELETE's body (DeleteOptions) as JSON for `deleteRequest`: a protobuf one is decoded first.
 * delete.go answers an undecodable one with the decoder's bare error, a 500 of no reason.
 */
function deleteOptionsBody(req: WireRequest): { body?: Buffer } | { reply: Reply } {
  if (contentType(req) !== PROTOBUF_CONTENT_TYPE || !req.body?.length) return { body: req.body };
  const decoded = decodeProtobufBody(req.body, {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'DeleteOptions',
  });
  if (!decoded.ok) return { reply: json(500, internalError(decoded.cause)) };
  return { body: Buffer.from(JSON.stringify(decoded.object)) };
}

/** encoding/json's words for the commonest syntax errors. */
function goJsonError(e: unknown, text: string): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const m = /Unexpected token '?(.)'?/.exec(String((e as Error).message));
  if (m) return `invalid character '${m[1]}' looking for beginning of value`;
  return 'unexpected end of JSON input';
}

function subresourceNotFound(_t: ResourceTarget): Reply {
  return json(404, notFoundStatus());
}

function queryError(e: QueryError): Reply {
  return e.status ? json(e.status.code, e.status) : json(400, badRequest(e.error));
}

/** What a create or update body may be. */
const BODY_TYPES = ['application/json', 'application/yaml', PROTOBUF_CONTENT_TYPE];

export function json(status: number, body: unknown, warnings?: string[]): Reply {
  return { kind: 'json', status, body, ...(warnings?.length ? { warnings } : {}) };
}
