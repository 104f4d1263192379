import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_VERSION, RESOURCES } from '../../engine';
import {
  chooseOpenAPIV2Format,
  chooseOpenAPIV3Format,
  lookupOpenAPIV3,
  type OpenAPIDocument,
  openapiAnswer,
  openapiV2,
  openapiV3Document,
  openapiV3GroupVersions,
  openapiV3Index,
  openapiVersion,
} from '.';

type Json = Record<string, unknown>;
type Schema = {
  $ref?: string;
  allOf?: Schema[];
  description?: string;
  type?: string;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  required?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
};
interface V3 {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Schema> };
}

function v3(gv: string): V3 {
  const doc = openapiV3Document(gv);
  if (!doc) throw new Error(`no document ${gv}`);
  return JSON.parse(doc.body.toString('utf8')) as V3;
}

const gvPath = (group: string, version: string) =>
  group ? `apis/${group}/${version}` : `api/${version}`;

/** Every `$ref` in a value. */
function refs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, into);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else refs(v, into);
    }
  return into;
}

function schemaOfKind(doc: V3, group: string, version: string, kind: string): Schema | undefined {
  return Object.values(doc.components.schemas).find((s) =>
    s['x-kubernetes-group-version-kind']?.some(
      (g) => g.group === group && g.version === version && g.kind === kind,
    ),
  );
}

function resolve(doc: V3, s: Schema): Schema {
  const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
  return ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : s;
}

describe('/openapi/v3', () => {
  it('lists one document per served group version, each URL with its hash', () => {
    const gvs = [...new Set(RESOURCES.map((r) => gvPath(r.group, r.version)))].sort();
    expect(openapiV3GroupVersions().sort()).toEqual(gvs);
    const index = openapiV3Index();
    expect(Object.keys(index.paths).sort()).toEqual(gvs);
    for (const gv of gvs) {
      const doc = openapiV3Document(gv);
      expect(index.paths[gv].serverRelativeURL).toBe(`/openapi/v3/${gv}?hash=${doc?.hash}`);
    }
  });

  it('hashes each document as handler3 does: SHA-512 of the JSON, upper-case hex', () => {
    for (const gv of openapiV3GroupVersions()) {
      const doc = openapiV3Document(gv);
      if (!doc) throw new Error(gv);
      const hash = createHash('sha512').update(doc.body).digest('hex').toUpperCase();
      expect(doc.hash).toBe(hash);
      expect(doc.etag).toBe(`"${hash}"`);
      expect(gunzipSync(doc.gzip).equals(doc.body)).toBe(true);
      // Read again: the same bytes and hash (the index URL a client caches by stays valid).
      expect(openapiV3Document(gv)?.hash).toBe(hash);
    }
  });

  it('has, for every served kind, its schema and its paths with the GVK kubectl looks for', () => {
    for (const r of RESOURCES) {
      const doc = v3(gvPath(r.group, r.version));
      expect(doc.openapi).toBe('3.0.0');
      expect(doc.info.version).toBe(KUBERNETES_VERSION);
      expect(schemaOfKind(doc, r.group, r.version, r.kind), r.kind).toBeDefined();
      const prefix = `/${gvPath(r.group, r.version)}`;
      const item = r.namespaced
        ? `${prefix}/namespaces/{namespace}/${r.resource}/{name}`
        : `${prefix}/${r.resource}/{name}`;
      const patch = doc.paths[item]?.patch as Json | undefined;
      expect(patch?.['x-kubernetes-group-version-kind'], item).toEqual({
        group: r.group,
        kind: r.kind,
        version: r.version,
      });
      // kubectl apply computes a strategic merge patch when the server takes one …
      const body = patch?.requestBody as { content: Record<string, unknown> };
      expect(Object.keys(body.content)).toContain('application/strategic-merge-patch+json');
      // … and validates on the server when PATCH has fieldValidation (QueryParamVerifierV3).
      const params = patch?.parameters as { name: string; in: string }[];
      expect(params).toContainEqual(
        expect.objectContaining({ name: 'fieldValidation', in: 'query' }),
      );
      for (const sub of r.subresources)
        expect(doc.paths[`${item}/${sub}`], `${r.resource}/${sub}`).toBeDefined();
    }
  });

  it('keeps only served paths, and every $ref resolves in its own document', () => {
    for (const gv of openapiV3GroupVersions()) {
      const doc = v3(gv);
      for (const path of Object.keys(doc.paths)) {
        expect(path.startsWith(`/${gv}/`), path).toBe(true);
        expect(path).not.toMatch(/\/watch\/|\/proxy|\/attach|\/portforward|\/ephemeralcontainers/);
      }
      for (const ref of refs(doc)) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(
          doc.components.schemas[ref.slice('#/components/schemas/'.length)],
          ref,
        ).toBeDefined();
      }
    }
  });

  it('has the meta types requests and answers use, and the subresources’ kinds', () => {
    const core = v3('api/v1').components.schemas;
    for (const name of [
      'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
      'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
      'io.k8s.api.policy.v1.Eviction',
      'io.k8s.api.core.v1.Binding',
    ])
      expect(core[name], name).toBeDefined();
    expect(v3('apis/apps/v1').components.schemas['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
  });

  it('writes fields as kube-apiserver v1.34 serves them: allOf refs, oneOf, enums', () => {
    const doc = v3('api/v1');
    const pod = schemaOfKind(doc, '', 'v1', 'Pod') as Schema;
    // A field's description beside its type's: the ref wrapped in allOf (builder3 WrapRefs).
    expect(pod.properties?.spec).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }],
      description: expect.stringMatching(/^Specification of the desired behavior of the pod/),
    });
    const container = resolve(
      doc,
      resolve(doc, pod.properties?.spec as Schema).properties?.containers?.items as Schema,
    );
    expect(container.description).toBe(
      'A single application container that you want to run within a pod.',
    );
    expect(container.required).toEqual(['name']);
    expect(container.properties?.imagePullPolicy).toEqual({
      description:
        'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images\n\nPossible enum values:\n - `"Always"` means that kubelet always attempts to pull the latest image. Container will fail If the pull fails.\n - `"IfNotPresent"` means that kubelet pulls if the image isn\'t present on disk. Container will fail if the image isn\'t present and the pull fails.\n - `"Never"` means that kubelet never pulls an image, but only uses a local image. Container will fail if the image isn\'t present',
      type: 'string',
      enum: ['Always', 'IfNotPresent', 'Never'],
    });
    const intOrString = doc.components.schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    expect(intOrString.oneOf).toEqual([{ type: 'integer' }, { type: 'string' }]);
    expect(intOrString.type).toBeUndefined();
    const quantity = doc.components.schemas['io.k8s.apimachinery.pkg.api.resource.Quantity'];
    expect(quantity.oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
    const service = schemaOfKind(doc, '', 'v1', 'Service') as Schema;
    const serviceSpec = resolve(doc, service.properties?.spec as Schema);
    expect(serviceSpec.properties?.type?.enum).toEqual([
      'ClusterIP',
      'ExternalName',
      'LoadBalancer',
      'NodePort',
    ]);
    // A list of enum values: the items say so, without the paragraph.
    expect(serviceSpec.properties?.ipFamilies?.items?.enum).toEqual(['', 'IPv4', 'IPv6']);
  });
});

describe('lookupOpenAPIV3', () => {
  const current = openapiV3Document('apis/apps/v1')?.hash as string;

  it('serves the document, immutable when asked by its current hash', () => {
    expect(lookupOpenAPIV3('apis/apps/v1', current)).toMatchObject({
      kind: 'document',
      immutable: true,
    });
    expect(lookupOpenAPIV3('apis/apps/v1', null)).toMatchObject({
      kind: 'document',
      immutable: false,
    });
  });

  it('redirects an old hash to the current URL', () => {
    expect(lookupOpenAPIV3('apis/apps/v1', 'ABC')).toEqual({
      kind: 'redirect',
      location: `/openapi/v3/apis/apps/v1?hash=${current}`,
    });
  });

  it('finds nothing for a group version not served', () => {
    expect(lookupOpenAPIV3('apis/policy/v1', null)).toEqual({ kind: 'not-found' });
    expect(lookupOpenAPIV3('apis/apps', null)).toEqual({ kind: 'not-found' });
    expect(lookupOpenAPIV3('constructor', null)).toEqual({ kind: 'not-found' });
  });
});

describe('/openapi/v2', () => {
  it('is one Swagger document of every served path', () => {
    const doc = JSON.parse(openapiV2().body.toString('utf8')) as {
      swagger: string;
      info: { version: string };
      paths: Record<string, unknown>;
      definitions: Record<string, Schema>;
    };
    expect(doc.swagger).toBe('2.0');
    expect(doc.info.version).toBe(openapiVersion());
    const v3Paths = openapiV3GroupVersions().flatMap((gv) => Object.keys(v3(gv).paths));
    expect(Object.keys(doc.paths).sort()).toEqual(v3Paths.sort());
    for (const ref of refs(doc)) expect(ref).toMatch(/^#\/(definitions|parameters)\//);
    // v2 keeps refs bare and says IntOrString is a string, as the real v2 does.
    const intOrString = doc.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    expect(intOrString).toMatchObject({ type: 'string', format: 'int-or-string' });
  });
});

/** The fields of one protobuf message: number → values (varints, or bytes). */
function fields(buf: Buffer): Map<number, (number | Buffer)[]> {
  const out = new Map<number, (number | Buffer)[]>();
  let i = 0;
  const varint = () => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
  };
  while (i < buf.length) {
    const key = varint();
    const wire = key % 8;
    let value: number | Buffer;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const len = varint();
      value = buf.subarray(i, i + len);
      i += len;
    } else throw new Error(`wire type ${wire}`);
    out.set(Math.floor(key / 8), [...(out.get(Math.floor(key / 8)) ?? []), value]);
  }
  return out;
}

const str = (v: number | Buffer | undefined) => (v as Buffer).toString('utf8');

describe('/openapi/v2 in protobuf', () => {
  it('is gnostic’s openapi_v2.Document of the same document', () => {
    const pb = openapiV2('protobuf');
    expect(pb.contentType).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    const json = JSON.parse(openapiV2().body.toString('utf8')) as {
      paths: Record<string, unknown>;
      definitions: Record<string, Schema>;
    };
    const doc = fields(pb.body);
    expect(str(doc.get(1)?.[0])).toBe('2.0');
    const info = fields(doc.get(2)?.[0] as Buffer);
    expect(str(info.get(2)?.[0])).toBe(openapiVersion());
    // Paths { repeated NamedPathItem path = 2 }, Definitions { repeated NamedSchema … = 1 }.
    const paths = fields(doc.get(8)?.[0] as Buffer).get(2) as Buffer[];
    expect(paths.map((p) => str(fields(p).get(1)?.[0]))).toEqual(Object.keys(json.paths));
    const defs = fields(doc.get(9)?.[0] as Buffer).get(1) as Buffer[];
    expect(defs.map((d) => str(fields(d).get(1)?.[0]))).toEqual(Object.keys(json.definitions));
    // A definition's GVK is a vendor extension (Schema field 31) whose Any holds YAML.
    const pod = defs.find((d) => str(fields(d).get(1)?.[0]) === 'io.k8s.api.core.v1.Pod') as Buffer;
    const podSchema = fields(fields(pod).get(2)?.[0] as Buffer);
    const ext = fields(podSchema.get(31)?.[0] as Buffer);
    expect(str(ext.get(1)?.[0])).toBe('x-kubernetes-group-version-kind');
    const yaml = str(fields(ext.get(2)?.[0] as Buffer).get(2)?.[0]);
    expect(JSON.parse(yaml)).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(str(podSchema.get(4)?.[0])).toBe(json.definitions['io.k8s.api.core.v1.Pod'].description);
  });
});

describe('chooseOpenAPIV2Format', () => {
  it('serves protobuf to client-go, JSON to JSON and wildcards, 406 to the rest', () => {
    expect(
      chooseOpenAPIV2Format('application/com.github.proto-openapi.spec.v2@v1.0+protobuf'),
    ).toBe('protobuf');
    expect(
      chooseOpenAPIV2Format('application/com.github.proto-openapi.spec.v2.v1.0+protobuf'),
    ).toBe('protobuf');
    expect(chooseOpenAPIV2Format(undefined)).toBe('json');
    expect(chooseOpenAPIV2Format('application/json')).toBe('json');
    expect(chooseOpenAPIV2Format('*/*')).toBe('json');
    expect(chooseOpenAPIV2Format('application/yaml')).toBe('not-acceptable');
    expect(chooseOpenAPIV2Format('text/html')).toBe('not-acceptable');
  });
});

describe('chooseOpenAPIV3Format', () => {
  it('serves JSON to JSON and wildcard requests, 406 to protobuf-only ones', () => {
    expect(chooseOpenAPIV3Format(undefined)).toBe('json');
    expect(chooseOpenAPIV3Format('application/json')).toBe('json');
    expect(chooseOpenAPIV3Format('application/json, */*')).toBe('json');
    expect(chooseOpenAPIV3Format('*/*')).toBe('json');
    expect(
      chooseOpenAPIV3Format('application/com.github.proto-openapi.spec.v3@v1.0+protobuf'),
    ).toBe('not-acceptable');
    expect(
      chooseOpenAPIV3Format(
        'application/com.github.proto-openapi.spec.v3@v1.0+protobuf, application/json;q=0.5',
      ),
    ).toBe('json');
  });
});

describe('openapiAnswer', () => {
  const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const index = openapiV3Index();

  it('answers /openapi/v3 with the index and its ETag', () => {
    const a = openapiAnswer('/openapi/v3', null, { accept: 'application/json, */*' }, now);
    expect(a?.status).toBe(200);
    expect(a?.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(a?.body as string)).toEqual(index);
    const again = openapiAnswer('/openapi/v3', null, { ifNoneMatch: a?.headers.ETag }, now);
    expect(again?.status).toBe(304);
  });

  it('answers the URL of the index as handler3 does: immutable, gzip when accepted', () => {
    const url = new URL(index.paths['apis/apps/v1'].serverRelativeURL, 'https://x');
    const doc = openapiV3Document('apis/apps/v1') as OpenAPIDocument;
    const a = openapiAnswer(
      url.pathname,
      url.searchParams.get('hash'),
      { accept: 'application/json', acceptEncoding: 'gzip' },
      now,
    );
    expect(a).toEqual({
      status: 200,
      headers: {
        'Content-Type': 'application/json',
        ETag: doc.etag,
        Vary: 'Accept',
        'Cache-Control': 'public, immutable',
        Expires: 'Sat, 02 Jan 2027 03:04:05 GMT',
        'Content-Encoding': 'gzip',
      },
      body: doc.gzip,
    });
    const plain = openapiAnswer(url.pathname, null, { accept: 'application/json' }, now);
    expect(plain?.headers).not.toHaveProperty('Cache-Control');
    expect(plain?.body).toBe(doc.body);
  });

  it('redirects an old hash, refuses protobuf for v3, and knows no other group version', () => {
    expect(openapiAnswer('/openapi/v3/api/v1', 'OLD', {}, now)).toEqual({
      status: 301,
      headers: { Location: index.paths['api/v1'].serverRelativeURL },
      body: '',
    });
    const pb = 'application/com.github.proto-openapi.spec.v3@v1.0+protobuf';
    expect(openapiAnswer('/openapi/v3/api/v1', null, { accept: pb }, now)?.status).toBe(406);
    expect(openapiAnswer('/openapi/v3/apis/policy/v1', null, {}, now)).toBeUndefined();
    expect(openapiAnswer('/openapi/v4', null, {}, now)).toBeUndefined();
  });

  it('answers client-go’s /openapi/v2 in protobuf, others in JSON', () => {
    const pb = openapiAnswer(
      '/openapi/v2',
      null,
      { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
      now,
    );
    expect(pb?.headers['Content-Type']).toBe(
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    expect(pb?.body).toBe(openapiV2('protobuf').body);
    const json = openapiAnswer('/openapi/v2', null, {}, now);
    expect(json?.headers['Content-Type']).toBe('application/json');
    expect(openapiAnswer('/openapi/v2', null, { accept: 'application/yaml' }, now)?.status).toBe(
      406,
    );
  });
});
