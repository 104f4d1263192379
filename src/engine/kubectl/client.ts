/**
 * kubectl's REST client over the host: one ApiRequest per call, failures turned into the Go
 * error values kubectl would hold (see errors.ts).
 */
import { apiVersionOf, type ResourceInfo } from '../api/resources';
import type {
  ApiRequest,
  ApiResult,
  FieldValidation,
  KObject,
  PatchType,
  PodStream,
} from '../api/types';
import { PatchFailure } from '../apiserver/patch/errors';
import type { JsonMap } from '../apiserver/patch/json';
import { createTwoWayMergePatch } from '../apiserver/patch/strategicDiff';
import { typeOfKind } from '../apiserver/schema/unknownFields';
import { jsonClone } from '../model/meta';
import { CommandFailure, type Failure } from './errors';
import type { Impersonation, KubectlHost } from './host';

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * Page the list (the `limit` parameter, then each `continue` token) as kubectl's --chunk-size
   * does; the pages come back as one list. 0 or unset: one request.
   */
  chunkSize?: number;
}

/** kubectl's --chunk-size default (cmdutil.DefaultChunkSize): get, describe and drain page by it. */
export const DEFAULT_CHUNK_SIZE = 500;

/** What a create or update sends beside its body (a boolean alone is dryRun). */
export interface WriteOptions {
  dryRun?: boolean;
  /** The fieldValidation parameter (kubectl create/apply send their --validate). */
  fieldValidation?: FieldValidation;
  /** apply: the patch this update stands in for (see ApiRequest.patch). */
  patch?: unknown;
}

export class Client {
  private readonly warned = new Set<string>();
  /**
   * The fieldManager every write names (the command's --field-manager, its default such as
   * `kubectl-create`, else `kubectl`: what the server takes from kubectl's User-Agent).
   */
  fieldManager?: string;

  /**
   * `as`: the impersonation headers every request carries (kubectl --as / --as-group); `warn`
   * prints a Warning header (client-go's warning writer, deduplicated as kubectl sets it up).
   */
  constructor(
    readonly host: KubectlHost,
    readonly as?: Impersonation,
    private readonly warn?: (text: string) => void,
  ) {}

  private call(req: ApiRequest): ApiResult {
    const res = this.as ? this.host.call(req, this.as) : this.host.call(req);
    for (const w of res.warnings ?? []) {
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      this.warn?.(w);
    }
    return res;
  }

  private send(req: ApiRequest): Outcome<KObject | KObject[]> {
    const res = this.call(req);
    if (res.ok) {
      const value = res.items ?? res.object;
      if (value) return { ok: true, value };
      return { ok: false, failure: { type: 'message', text: 'unexpected streaming response' } };
    }
    return { ok: false, failure: failureOf(res) };
  }

  /** GET pods/NAME/log or POST pods/NAME/exec: the stream the kubelet answered with. */
  tryStream(req: ApiRequest): Outcome<PodStream> {
    const res = this.call(req);
    if (res.ok) {
      if (res.stream) return { ok: true, value: res.stream };
      return { ok: false, failure: { type: 'message', text: 'expected a stream' } };
    }
    return { ok: false, failure: failureOf(res) };
  }

  private ns(r: ResourceInfo, namespace: string | undefined): string | undefined {
    return r.namespaced ? namespace : undefined;
  }

  tryGet(r: ResourceInfo, namespace: string | undefined, name: string): Outcome<KObject> {
    return this.send({
      verb: 'get',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      name,
    }) as Outcome<KObject>;
  }

  /** `namespace` undefined lists across all namespaces. */
  tryList(
    r: ResourceInfo,
    namespace: string | undefined,
    opts: ListOptions = {},
  ): Outcome<KObject[]> {
    const req: ApiRequest = {
      verb: 'list',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      labelSelector: opts.labelSelector || undefined,
      fieldSelector: opts.fieldSelector || undefined,
    };
    const chunk = opts.chunkSize ?? 0;
    if (chunk <= 0) return this.send(req) as Outcome<KObject[]>;
    // resource.Helper.List with FollowContinue: one page after another, as one list.
    let items: KObject[] = [];
    for (let token: string | undefined; ; ) {
      const res = this.call({ ...req, limit: chunk, continue: token });
      if (!res.ok) return { ok: false, failure: failureOf(res) };
      if (!res.items)
        return { ok: false, failure: { type: 'message', text: 'unexpected streaming response' } };
      items = items.length === 0 ? res.items : items.concat(res.items);
      token = res.continue;
      if (!token) return { ok: true, value: items };
    }
  }

  /** GET …/NAME/scale: the object's autoscaling/v1 Scale. */
  tryGetScale(r: ResourceInfo, namespace: string | undefined, name: string): Outcome<KObject> {
    return this.send({
      verb: 'get',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      name,
      subresource: 'scale',
    }) as Outcome<KObject>;
  }

  /** PUT …/NAME/scale. */
  tryUpdateScale(
    r: ResourceInfo,
    namespace: string | undefined,
    name: string,
    scale: KObject,
    dryRun = false,
  ): Outcome<KObject> {
    return this.send({
      verb: 'update',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      name,
      subresource: 'scale',
      body: scale,
      dryRun: dryRun || undefined,
      fieldManager: this.fieldManager,
    }) as Outcome<KObject>;
  }

  /**
   * POST pods/NAME/eviction with a policy/v1 Eviction (drain.Helper.EvictPod): the delete
   * options ride in the Eviction.
   */
  tryEvict(
    namespace: string,
    name: string,
    opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {},
  ): Outcome<KObject> {
    const deleteOptions: Record<string, unknown> = {};
    if (opts.gracePeriodSeconds !== undefined)
      deleteOptions.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.dryRun) deleteOptions.dryRun = ['All'];
    return this.send({
      verb: 'create',
      resource: 'pods',
      namespace,
      name,
      subresource: 'eviction',
      body: {
        apiVersion: 'policy/v1',
        kind: 'Eviction',
        metadata: { name, namespace },
        deleteOptions,
      },
    }) as Outcome<KObject>;
  }

  /** GET …?watch=true: the id of the open stream (its events come through the lab host). */
  tryWatch(
    r: ResourceInfo,
    namespace: string | undefined,
    opts: ListOptions = {},
  ): Outcome<string> {
    const res = this.call({
      verb: 'watch',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      labelSelector: opts.labelSelector || undefined,
      fieldSelector: opts.fieldSelector || undefined,
    });
    if (res.ok) {
      if ('watch' in res && res.watch !== undefined) return { ok: true, value: res.watch };
      return { ok: false, failure: { type: 'message', text: 'expected a watch' } };
    }
    return { ok: false, failure: failureOf(res) };
  }

  tryCreate(
    r: ResourceInfo,
    namespace: string | undefined,
    body: KObject,
    options: WriteOptions | boolean = {},
  ): Outcome<KObject> {
    const opts = writeOptions(options);
    return this.send({
      verb: 'create',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      body,
      dryRun: opts.dryRun || undefined,
      fieldValidation: opts.fieldValidation,
      fieldManager: this.fieldManager,
    }) as Outcome<KObject>;
  }

  tryUpdate(
    r: ResourceInfo,
    namespace: string | undefined,
    name: string,
    body: KObject,
    options: WriteOptions | boolean = {},
  ): Outcome<KObject> {
    const opts = writeOptions(options);
    return this.send({
      verb: 'update',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      name,
      body,
      dryRun: opts.dryRun || undefined,
      fieldValidation: opts.fieldValidation,
      patch: opts.patch,
      fieldManager: this.fieldManager,
    }) as Outcome<KObject>;
  }

  /** PATCH with one of the patch types (resource.Helper.Patch). */
  tryPatch(
    r: ResourceInfo,
    namespace: string | undefined,
    name: string,
    patchType: PatchType,
    patchBody: unknown,
    options: WriteOptions & { subresource?: 'status'; fieldManager?: string; force?: boolean } = {},
  ): Outcome<KObject> {
    return this.send({
      verb: 'patch',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      name,
      subresource: options.subresource,
      patchType,
      patchBody,
      dryRun: options.dryRun || undefined,
      fieldValidation: options.fieldValidation,
      fieldManager: options.fieldManager ?? this.fieldManager,
      ...(options.force !== undefined ? { force: options.force } : {}),
    }) as Outcome<KObject>;
  }

  tryDelete(
    r: ResourceInfo,
    namespace: string | undefined,
    name: string,
    opts: {
      gracePeriodSeconds?: number;
      dryRun?: boolean;
      propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
    } = {},
  ): Outcome<KObject> {
    return this.send({
      verb: 'delete',
      resource: r.resource,
      namespace: this.ns(r, namespace),
      name,
      gracePeriodSeconds: opts.gracePeriodSeconds,
      propagationPolicy: opts.propagationPolicy,
      dryRun: opts.dryRun || undefined,
    }) as Outcome<KObject>;
  }

  get(r: ResourceInfo, namespace: string | undefined, name: string): KObject {
    return must(this.tryGet(r, namespace, name));
  }

  list(r: ResourceInfo, namespace: string | undefined, opts: ListOptions = {}): KObject[] {
    return must(this.tryList(r, namespace, opts));
  }

  create(r: ResourceInfo, namespace: string | undefined, body: KObject, dryRun = false): KObject {
    return must(this.tryCreate(r, namespace, body, dryRun));
  }

  /**
   * kubectl's PATCH of a change it made locally to the object it read (the set, taint, cordon and
   * rollout commands): the two-way strategic merge patch between the two
   * (strategicpatch.CreateTwoWayMergePatch) sent as PATCH, so that whatever else changed on the
   * server meanwhile stays. An empty patch is still sent, as kubectl sends it. Where no patch can
   * be made, the object is updated instead (kubectl falls back to Replace).
   */
  patchFrom(
    r: ResourceInfo,
    namespace: string | undefined,
    current: KObject,
    mutate: (current: KObject) => KObject,
    dryRun = false,
  ): KObject {
    const name = current.metadata.name as string;
    const before = jsonClone(current) as JsonMap;
    const after = jsonClone(mutate(current)) as JsonMap;
    let patch: JsonMap;
    try {
      patch = createTwoWayMergePatch(before, after, typeOfKind(apiVersionOf(r), r.kind) ?? r.kind);
    } catch (e) {
      if (!(e instanceof PatchFailure)) throw e;
      return this.modifyFrom(r, namespace, current, mutate, dryRun);
    }
    return must(this.tryPatch(r, namespace, name, 'strategic', patch, { dryRun }));
  }

  /**
   * Read-modify-write, kubectl's stand-in for PATCH (the API here has no patch verb): apply
   * `mutate` to the latest object and PUT it, once more on a Conflict.
   */
  modify(
    r: ResourceInfo,
    namespace: string | undefined,
    name: string,
    mutate: (current: KObject) => KObject,
    dryRun = false,
  ): KObject {
    for (let attempt = 0; ; attempt++) {
      const current = this.get(r, namespace, name);
      const res = this.tryUpdate(r, namespace, name, mutate(current), dryRun);
      if (res.ok) return res.value;
      const retry =
        attempt === 0 && res.failure.type === 'status' && res.failure.status.reason === 'Conflict';
      if (!retry) throw new CommandFailure(res.failure);
    }
  }

  /**
   * modify, starting from the object the command has just read (kubectl's builder with
   * Latest()): no second GET unless the object changed in between.
   */
  modifyFrom(
    r: ResourceInfo,
    namespace: string | undefined,
    current: KObject,
    mutate: (current: KObject) => KObject,
    dryRun = false,
  ): KObject {
    const name = current.metadata.name as string;
    const res = this.tryUpdate(r, namespace, name, mutate(current), dryRun);
    if (res.ok) return res.value;
    if (res.failure.type === 'status' && res.failure.status.reason === 'Conflict')
      return this.modify(r, namespace, name, mutate, dryRun);
    throw new CommandFailure(res.failure);
  }
}

function failureOf(res: ApiResult & { ok: false }): Failure {
  if (res.network !== undefined) return { type: 'network', detail: res.network };
  return { type: 'status', status: res.status };
}

function writeOptions(o: WriteOptions | boolean): WriteOptions {
  return typeof o === 'boolean' ? { dryRun: o } : o;
}

export function must<T>(o: Outcome<T>): T {
  if (!o.ok) throw new CommandFailure(o.failure);
  return o.value;
}

export function isNotFound(f: Failure): boolean {
  return f.type === 'status' && f.status.reason === 'NotFound';
}
