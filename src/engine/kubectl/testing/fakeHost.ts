/**
 * A test double for kubectl's command parsing and output: an in-memory object store behind the
 * KubectlHost interface. It is NOT the API server (no defaulting, admission, validation or
 * controllers); tests that need cluster behaviour use the real simulation.
 */
import { alreadyExists, conflict, notFound } from '../../api/errors';
import { resourceForKind, resourceInfo } from '../../api/resources';
import type { ApiRequest, ApiResult, KObject, StatusError } from '../../api/types';
import { scaleOf } from '../../components/apiScale';
import { matchFieldSelector, parseSelector } from '../../model/labels';
import type { DirectoryLister } from '../files';
import type { Impersonation, KubectlHost } from '../host';

export interface FakeHost extends KubectlHost, DirectoryLister {
  /** Every request, in order. */
  calls: ApiRequest[];
  /** The impersonation each request carried (parallel to `calls`). */
  impersonations: (Impersonation | undefined)[];
  /** Stored objects by resource, then `namespace/name` (or `name`). */
  objects: Map<string, Map<string, KObject>>;
  files: Map<string, string>;
  /** When set, every call fails as if the API server could not be reached. */
  network?: string;
  /** Answers the next matching call instead of the store (then removed). */
  inject: { match: (req: ApiRequest) => boolean; result: ApiResult }[];
  /** Callbacks run when simulated time reaches them (a stand-in for controllers). */
  timers: { atMs: number; run: () => void }[];
  put(obj: KObject): KObject;
  find(resource: string, name: string, namespace?: string): KObject | undefined;
}

function key(resource: string, name: string, namespace?: string): string {
  return resourceInfo(resource).namespaced ? `${namespace ?? 'default'}/${name}` : name;
}

export function createFakeHost(files: Record<string, string> = {}): FakeHost {
  let now = 0;
  let rv = 100;
  let uid = 0;
  const host: FakeHost = {
    calls: [],
    impersonations: [],
    objects: new Map(),
    files: new Map(Object.entries(files)),
    inject: [],
    timers: [],
    serverAddress: '172.18.0.2:6443',
    nowMs: () => now,
    advanceBy(ms: number) {
      const until = now + ms;
      for (;;) {
        host.timers.sort((a, b) => a.atMs - b.atMs);
        const next = host.timers[0];
        if (!next || next.atMs > until) break;
        host.timers.shift();
        now = Math.max(now, next.atMs);
        next.run();
      }
      now = until;
    },
    readFile: (path) => host.files.get(path),
    listDir(path) {
      const prefix = `${path}/`;
      const names = [...host.files.keys()]
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length));
      if (names.length === 0) return undefined;
      return [...new Set(names.map((n) => (n.includes('/') ? `${n.split('/')[0]}/` : n)))];
    },
    put(obj) {
      const r = resourceForKind(obj.kind);
      if (!r) throw new Error(`fake host: unknown kind ${obj.kind}`);
      const stored: KObject = {
        ...obj,
        metadata: {
          ...obj.metadata,
          ...(r.namespaced ? { namespace: obj.metadata.namespace ?? 'default' } : {}),
          uid: obj.metadata.uid ?? `uid-${++uid}`,
          resourceVersion: String(++rv),
          creationTimestamp: obj.metadata.creationTimestamp ?? '2026-01-01T09:00:00Z',
        },
      };
      const store = host.objects.get(r.resource) ?? new Map<string, KObject>();
      host.objects.set(r.resource, store);
      store.set(key(r.resource, stored.metadata.name as string, stored.metadata.namespace), stored);
      return stored;
    },
    find(resource, name, namespace) {
      return host.objects.get(resource)?.get(key(resource, name, namespace));
    },
    call(req: ApiRequest, as?: Impersonation): ApiResult {
      host.calls.push(req);
      host.impersonations.push(as);
      if (host.network) return { ok: false, network: host.network };
      const injected = host.inject.findIndex((i) => i.match(req));
      if (injected >= 0) return host.inject.splice(injected, 1)[0].result;
      const r = resourceInfo(req.resource);
      const fail = (status: StatusError): ApiResult => ({ ok: false, status });
      const store = host.objects.get(r.resource) ?? new Map<string, KObject>();
      const name = req.name ?? req.body?.metadata?.name ?? '';
      const ns = r.namespaced
        ? (req.namespace ?? req.body?.metadata?.namespace ?? 'default')
        : undefined;
      const k = key(r.resource, name, ns);
      if (req.subresource === 'scale') {
        const obj = store.get(k);
        if (!obj) return fail(notFound(r, name));
        if (req.verb === 'get') return { ok: true, object: scaleOf(obj) as KObject };
        const scale = req.body as KObject;
        if (
          scale.metadata.resourceVersion &&
          scale.metadata.resourceVersion !== obj.metadata.resourceVersion
        )
          return fail(conflict(r, name));
        if (req.dryRun)
          return { ok: true, object: { ...scale, spec: { replicas: scale.spec?.replicas } } };
        const stored = host.put({ ...obj, spec: { ...obj.spec, replicas: scale.spec?.replicas } });
        return { ok: true, object: scaleOf(stored) as KObject };
      }
      if (req.subresource === 'eviction') {
        if (!store.has(k)) return fail(notFound(r, name));
        if (!req.dryRun && !req.body?.deleteOptions?.dryRun) store.delete(k);
        return {
          ok: true,
          object: { apiVersion: 'v1', kind: 'Status', metadata: {}, status: 'Success', code: 201 },
        };
      }
      switch (req.verb) {
        case 'deletecollection': {
          const items = [...store.entries()].filter(
            ([, o]) => !r.namespaced || o.metadata.namespace === ns,
          );
          if (!req.dryRun) for (const [key] of items) store.delete(key);
          return { ok: true, items: items.map(([, o]) => o), resourceVersion: String(rv) };
        }
        case 'get': {
          const obj = store.get(k);
          return obj ? { ok: true, object: obj } : fail(notFound(r, name));
        }
        case 'watch':
          // Streams are the simulation's: the fake host opens one that never delivers.
          return { ok: true, watch: 'fake-watch' };
        case 'list': {
          let items = [...store.values()].filter(
            (o) =>
              !r.namespaced ||
              req.namespace === undefined ||
              o.metadata.namespace === req.namespace,
          );
          if (req.labelSelector) {
            const sel = parseSelector(req.labelSelector);
            if (sel.ok) items = items.filter((o) => sel.matches(o.metadata.labels ?? {}));
          }
          if (req.fieldSelector)
            items = items.filter((o) => matchFieldSelector(req.fieldSelector as string, o));
          items.sort((a, b) =>
            key(r.resource, a.metadata.name as string, a.metadata.namespace).localeCompare(
              key(r.resource, b.metadata.name as string, b.metadata.namespace),
            ),
          );
          return { ok: true, items, resourceVersion: String(rv) };
        }
        case 'create': {
          if (store.has(k)) return fail(alreadyExists(r, name));
          const body = {
            ...(req.body as KObject),
            metadata: { ...(req.body as KObject).metadata, ...(ns ? { namespace: ns } : {}) },
          };
          if (req.dryRun) return { ok: true, object: body };
          return { ok: true, object: host.put(body) };
        }
        case 'update': {
          const old = store.get(k);
          if (!old) return fail(notFound(r, name));
          const body = req.body as KObject;
          if (
            body.metadata.resourceVersion &&
            body.metadata.resourceVersion !== old.metadata.resourceVersion
          ) {
            return fail(conflict(r, name));
          }
          if (req.dryRun) return { ok: true, object: body };
          return {
            ok: true,
            object: host.put({ ...body, metadata: { ...body.metadata, uid: old.metadata.uid } }),
          };
        }
        case 'delete': {
          const old = store.get(k);
          if (!old) return fail(notFound(r, name));
          if (!req.dryRun) store.delete(k);
          return { ok: true, object: old };
        }
      }
    },
  };
  return host;
}
