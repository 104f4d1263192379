/** Defaulting, decoding and validation of Secrets, ConfigMaps, StatefulSets and env sources. */
import { describe, expect, it } from 'vitest';
import { type FieldError, fieldErrorText } from '../api/errors';
import type { KObject } from '../api/types';
import { applyDefaults } from './defaults';
import { checkDecodable, validateCreate, validateUpdate } from './validation';

const texts = (errs: FieldError[]) => errs.map(fieldErrorText);

function secret(rest: Record<string, unknown>): KObject {
  return applyDefaults({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'default' },
    ...rest,
  });
}

function configMap(rest: Record<string, unknown>): KObject {
  return applyDefaults({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cm', namespace: 'default' },
    ...rest,
  });
}

describe('Secret', () => {
  it('is Opaque by default and merges stringData into data, overwriting', () => {
    const s = secret({ data: { a: 'YQ==', b: 'Yg==' }, stringData: { b: 'bee', c: 'sea' } });
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ a: 'YQ==', b: 'YmVl', c: 'c2Vh' });
    expect(s.stringData).toBeUndefined();
    expect(validateCreate(s)).toEqual([]);
  });

  it('refuses data that is not base64 while decoding the body', () => {
    const status = checkDecodable({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { password: 'not base64!' },
    });
    expect(status?.code).toBe(400);
    expect(status?.message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
    expect(
      checkDecodable({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        stringData: { port: 8080 },
      })?.message,
    ).toBe(
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.stringData of type string',
    );
  });

  it('checks keys, size and the keys each type needs', () => {
    expect(texts(validateCreate(secret({ data: { 'bad/key': 'YQ==' } })))).toEqual([
      "data[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
    expect(texts(validateCreate(secret({ type: 'kubernetes.io/tls', data: {} })))).toEqual([
      'data[tls.crt]: Required value',
      'data[tls.key]: Required value',
    ]);
    expect(texts(validateCreate(secret({ type: 'kubernetes.io/dockerconfigjson' })))).toEqual([
      'data[.dockerconfigjson]: Required value',
    ]);
    expect(
      texts(
        validateCreate(
          secret({
            type: 'kubernetes.io/dockerconfigjson',
            stringData: { '.dockerconfigjson': '{auths}' },
          }),
        ),
      ),
    ).toEqual([
      'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'a\' looking for beginning of object key string',
    ]);
    expect(texts(validateCreate(secret({ type: 'kubernetes.io/service-account-token' })))).toEqual([
      'metadata.annotations[kubernetes.io/service-account.name]: Required value',
    ]);
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect(texts(validateCreate(secret({ stringData: { big } })))).toEqual([
      'data: Too long: may not be more than 1048576 bytes',
    ]);
  });

  it('keeps its type, and its data once immutable', () => {
    const old = secret({ data: { a: 'YQ==' }, immutable: true });
    expect(
      texts(validateUpdate(secret({ type: 'kubernetes.io/tls', data: { a: 'YQ==' } }), old)),
    ).toContain('type: Invalid value: "kubernetes.io/tls": field is immutable');
    expect(texts(validateUpdate(secret({ data: { a: 'Yg==' }, immutable: true }), old))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(texts(validateUpdate(secret({ data: { a: 'YQ==' } }), old))).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('ConfigMap', () => {
  it('holds at most 1 MiB, reported against the whole object', () => {
    expect(
      texts(validateCreate(configMap({ data: { big: 'x'.repeat(1024 * 1024 + 1) } }))),
    ).toEqual(['[]: Too long: may not be more than 1048576 bytes']);
  });

  it('keeps data and binaryData once immutable', () => {
    const old = configMap({ data: { a: '1' }, immutable: true });
    expect(texts(validateUpdate(configMap({ data: { a: '2' }, immutable: true }), old))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(validateUpdate(configMap({ data: { a: '1' }, immutable: true }), old)).toEqual([]);
  });
});

function podWithContainer(container: Record<string, unknown>): KObject {
  return applyDefaults({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'busybox', ...container }] },
  });
}

describe('env and envFrom sources', () => {
  it('accepts the docs forms', () => {
    const pod = podWithContainer({
      envFrom: [
        { configMapRef: { name: 'special-config' } },
        { prefix: 'DB_', secretRef: { name: 's' } },
      ],
      env: [
        {
          name: 'A',
          valueFrom: { configMapKeyRef: { name: 'special-config', key: 'special.how' } },
        },
        { name: 'B', valueFrom: { secretKeyRef: { name: 's', key: 'password', optional: true } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
        {
          name: 'D',
          valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
        },
      ],
    });
    expect(validateCreate(pod)).toEqual([]);
    expect(pod.spec.containers[0].env[2].valueFrom.fieldRef.apiVersion).toBe('v1');
    expect(pod.spec.containers[0].env[3].valueFrom.resourceFieldRef.divisor).toBe('1Mi');
  });

  it('reports each bad source on its own field path', () => {
    const pod = podWithContainer({
      envFrom: [{ prefix: 'X' }, { configMapRef: { name: '' } }],
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm' } } },
        { name: 'B', valueFrom: { secretKeyRef: { name: 'Bad_Name', key: 'k' } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } },
        { name: 'D', valueFrom: { fieldRef: { fieldPath: 'metadata.nope' } } },
        { name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } },
        { name: 'F', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1Mi' } } },
      ],
    });
    expect(texts(validateCreate(pod))).toEqual([
      'spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value',
      "spec.containers[0].env[1].valueFrom.secretKeyRef.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
      'spec.containers[0].env[3].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.nope": error converting fieldPath: field label not supported: metadata.nope',
      'spec.containers[0].env[4].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
      'spec.containers[0].env[5].valueFrom.resourceFieldRef.divisor: Invalid value: "limits.cpu": only divisor\'s values 1m and 1 are supported with the cpu resource',
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
      'spec.containers[0].envFrom[1].configMapRef.name: Required value',
    ]);
  });
});

function statefulSet(spec: Record<string, unknown>, name = 'web'): KObject {
  return applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec,
  });
}

const webSpec = {
  serviceName: 'nginx',
  replicas: 2,
  selector: { matchLabels: { app: 'nginx' } },
  template: {
    metadata: { labels: { app: 'nginx' } },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'registry.k8s.io/nginx-slim:0.7',
          volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
        },
      ],
    },
  },
  volumeClaimTemplates: [
    {
      metadata: { name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
  ],
};

describe('StatefulSet', () => {
  it('defaults as apps/v1 does and accepts the docs web example', () => {
    const sts = statefulSet(webSpec);
    expect(sts.spec.podManagementPolicy).toBe('OrderedReady');
    expect(sts.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { partition: 0 },
    });
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({
      whenDeleted: 'Retain',
      whenScaled: 'Retain',
    });
    expect(sts.spec.revisionHistoryLimit).toBe(10);
    expect(sts.spec.volumeClaimTemplates[0]).toMatchObject({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      spec: { volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(validateCreate(sts)).toEqual([]);
  });

  it('wants a DNS label name, a selector that matches its template, and known policies', () => {
    expect(
      texts(
        validateCreate(
          statefulSet(
            {
              ...webSpec,
              podManagementPolicy: 'Burst',
              selector: { matchLabels: { app: 'other' } },
              updateStrategy: { type: 'Sideways' },
            },
            'web.v1',
          ),
        ),
      ),
    ).toEqual([
      'metadata.name: Invalid value: "web.v1": must not contain dots',
      "spec.podManagementPolicy: Invalid value: \"Burst\": must be 'OrderedReady' or 'Parallel'",
      'spec.updateStrategy: Invalid value: {"RollingUpdate":null,"Type":"Sideways"}: must be \'RollingUpdate\' or \'OnDelete\'',
      'spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`',
    ]);
    expect(texts(validateCreate(statefulSet({ ...webSpec, selector: undefined })))).toEqual([
      'spec.selector: Required value',
    ]);
  });

  it('lets only replicas, template, updateStrategy, minReadySeconds and the retention policy change', () => {
    const old = statefulSet(webSpec);
    expect(validateUpdate(statefulSet({ ...webSpec, replicas: 5 }), old)).toEqual([]);
    expect(texts(validateUpdate(statefulSet({ ...webSpec, serviceName: 'other' }), old))).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});
