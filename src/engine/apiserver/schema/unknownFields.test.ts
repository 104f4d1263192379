import { describe, expect, it } from 'vitest';
import { FIELD_TYPES, KIND_TYPES } from './fieldTypes.generated';
import { findUnknownFields, typeOfKind } from './unknownFields';

const pod = (spec: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { 'any.key/x': 'y' }, annotations: { 'a/b': 'c' } },
  spec,
  ...extra,
});

describe('findUnknownFields', () => {
  it('finds a typo at the top of a spec, with the path the Go decoder reports', () => {
    const body = pod({ contianers: [{ name: 'c', image: 'nginx' }] });
    const found = findUnknownFields(body, 'Pod');
    expect(found.paths).toEqual(['spec.contianers']);
    expect(found.value).toEqual(pod({}));
  });

  it('reports nested fields with array indexes and keeps what it does not change', () => {
    const containers = [
      { name: 'a', image: 'nginx' },
      {
        name: 'b',
        image: 'nginx',
        imagePullPolcy: 'Always',
        ports: [{ containerPort: 80, prot: 'TCP' }],
      },
    ];
    const body = pod({ containers, volumes: [] });
    const found = findUnknownFields(body, 'Pod');
    expect(found.paths).toEqual([
      'spec.containers[1].imagePullPolcy',
      'spec.containers[1].ports[0].prot',
    ]);
    const value = found.value as ReturnType<typeof pod> & { spec: { containers: unknown[] } };
    expect(value.spec.containers[1]).toEqual({
      name: 'b',
      image: 'nginx',
      ports: [{ containerPort: 80 }],
    });
    // Unchanged parts are shared, the input is untouched.
    expect(value.metadata).toBe(body.metadata);
    expect(value.spec.containers[0]).toBe(containers[0]);
    expect(containers[1]).toHaveProperty('imagePullPolcy');
  });

  it('reports fields in the order the body has them, and nothing inside an unknown field', () => {
    const body = { zeta: 1, metadata: { name: 'x', app: 'web' }, spec: {}, alpha: { beta: 2 } };
    expect(findUnknownFields(body, 'Pod').paths).toEqual(['zeta', 'metadata.app', 'alpha']);
  });

  it('accepts any key in maps (labels, annotations, data, selectors, resources)', () => {
    const body = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', labels: { anything: 'x' } },
      data: { 'game.properties': 'a=b', Whatever: 'x' },
      binaryData: { k: 'AAAA' },
    };
    expect(findUnknownFields(body, 'ConfigMap')).toEqual({ paths: [], value: body });
    const resources = { limits: { cpu: '1', 'example.com/gpu': 1 }, requests: { memory: '1Gi' } };
    expect(
      findUnknownFields(pod({ containers: [{ name: 'c', image: 'i', resources }] }), 'Pod').paths,
    ).toEqual([]);
  });

  it('reports unknown fields in the values of maps of structs, after the key', () => {
    // A Deployment template's pod: maps inside structs inside arrays.
    const body = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'd' } },
        template: {
          metadata: { labels: { app: 'd' } },
          spec: {
            containers: [
              {
                name: 'c',
                image: 'i',
                livenessProbe: { httpGet: { path: '/', port: 80, hots: 'x' } },
              },
            ],
          },
        },
        stratgy: { type: 'Recreate' },
      },
    };
    expect(findUnknownFields(body, 'Deployment').paths).toEqual([
      'spec.template.spec.containers[0].livenessProbe.httpGet.hots',
      'spec.stratgy',
    ]);
  });

  it('is case-sensitive and knows status on create', () => {
    const body = pod({ Containers: [] }, { status: { phase: 'Running', phaze: 'x' } });
    expect(findUnknownFields(body, 'Pod').paths).toEqual(['spec.Containers', 'status.phaze']);
  });

  it('leaves values of the wrong JSON type alone: type errors, not strict errors', () => {
    const body = pod('not-an-object', { metadata: null });
    expect(findUnknownFields(body, 'Pod')).toEqual({
      paths: [],
      value: body,
      typeError: 'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
    });
    expect(findUnknownFields(pod({ containers: [null, 'x', { name: 'c' }] }), 'Pod').paths).toEqual(
      [],
    );
  });

  it('skips keys holding undefined: they are not in the JSON a client sends', () => {
    const body = pod({ containers: [], nope: undefined }, { status: undefined });
    expect(findUnknownFields(body, 'Pod')).toEqual({ paths: [], value: body });
  });

  it('skips what the body shares with the stored object it replaces', () => {
    const stored = pod({ containers: [{ name: 'c', image: 'i' }] });
    // Never true of a stored object; here it shows that the walk does not look.
    (stored.spec as { containers: Record<string, unknown>[] }).containers[0].bogus = 1;
    const body = { ...stored, status: { phaze: 'x' } };
    expect(findUnknownFields(body, 'Pod', stored).paths).toEqual(['status.phaze']);
    expect(findUnknownFields(body, 'Pod').paths).toEqual([
      'spec.containers[0].bogus',
      'status.phaze',
    ]);
  });

  it('never mistakes Object.prototype names for fields', () => {
    expect(findUnknownFields(pod({ toString: 1, constructor: 2 }), 'Pod').paths).toEqual([
      'spec.toString',
      'spec.constructor',
    ]);
  });

  it('keeps at most 100, as sigs.k8s.io/json does', () => {
    const spec = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x${i}`, i]));
    const found = findUnknownFields(pod(spec), 'Pod');
    expect(found.paths).toHaveLength(100);
    expect(found.value).toEqual(pod({}));
  });

  it('knows every kind the API server serves, and each type it names', () => {
    for (const kind of ['Pod', 'Node', 'Namespace', 'Service', 'Event', 'ServiceAccount']) {
      expect(typeOfKind('v1', kind)).toBe(kind);
    }
    expect(typeOfKind('apps/v1', 'Deployment')).toBe('Deployment');
    expect(typeOfKind('batch/v1', 'CronJob')).toBe('CronJob');
    expect(typeOfKind('v1', 'Deployment')).toBeUndefined();
    expect(typeOfKind('v1', 'toString')).toBeUndefined();
    const named = Object.values(FIELD_TYPES).flatMap((fields) =>
      Object.values(fields).map((t) => t.replace(/^[[{]+/, '')),
    );
    for (const t of [...named, ...Object.values(KIND_TYPES)]) {
      if (t.length > 1) expect(FIELD_TYPES, t).toHaveProperty(t);
    }
  });
});

describe('type errors', () => {
  it('a string where a struct belongs, as encoding/json reports it', () => {
    const found = findUnknownFields(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: 'x' },
      'Deployment',
    );
    expect(found.typeError).toBe(
      'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec',
    );
  });

  it('a list of the wrong kind, and an element of the wrong kind, named by the struct fields', () => {
    expect(findUnknownFields(pod({ containers: 'x' }), 'Pod').typeError).toBe(
      'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    );
    expect(findUnknownFields(pod({ containers: [{ name: 'a' }, 7] }), 'Pod').typeError).toBe(
      'json: cannot unmarshal number into Go struct field PodSpec.spec.containers of type v1.Container',
    );
    expect(
      findUnknownFields(pod({ containers: [{ name: 'a', ports: { containerPort: 80 } }] }), 'Pod')
        .typeError,
    ).toBe(
      'json: cannot unmarshal object into Go struct field Container.spec.containers.ports of type []v1.ContainerPort',
    );
  });

  it('null is no error, and well-typed bodies have none', () => {
    expect(findUnknownFields(pod(null), 'Pod').typeError).toBeUndefined();
    expect(
      findUnknownFields(pod({ containers: [{ name: 'a', image: 'x' }] }), 'Pod').typeError,
    ).toBeUndefined();
  });
});
