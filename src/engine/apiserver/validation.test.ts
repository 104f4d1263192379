import { describe, expect, it } from 'vitest';
import { fieldErrorText, invalid } from '../api/errors';
import { resourceInfo } from '../api/resources';
import type { KObject } from '../api/types';
import { applyDefaults, generateJobSelector } from './defaults';
import {
  checkDecodable,
  POD_UPDATE_FORBIDDEN_MESSAGE,
  validateCreate,
  validateUpdate,
} from './validation';

const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function pod(spec: object, name = 'nginx'): KObject {
  return applyDefaults({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec,
  });
}

const nginx = (name = 'nginx') => pod({ containers: [{ name: 'nginx', image: 'nginx' }] }, name);
const texts = (obj: KObject) => validateCreate(obj).map(fieldErrorText);

function deployment(spec: object): KObject {
  return applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec,
  });
}

const template = (labels: Record<string, string>, extra: object = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...extra },
});

describe('validateCreate: Pod', () => {
  it('accepts a defaulted nginx pod', () => {
    expect(validateCreate(nginx())).toEqual([]);
  });

  it('rejects a name that is not a DNS subdomain, in the API server words', () => {
    const errs = validateCreate(nginx('My_Pod'));
    expect(invalid(resourceInfo('pods'), 'My_Pod', errs).message).toBe(
      `Pod "My_Pod" is invalid: metadata.name: Invalid value: "My_Pod": ${SUBDOMAIN_MESSAGE}`,
    );
  });

  it('requires a name', () => {
    const obj = nginx();
    obj.metadata.name = undefined;
    expect(texts(obj)).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('requires containers', () => {
    expect(texts(pod({ containers: [] }))).toEqual(['spec.containers: Required value']);
  });

  it('rejects duplicate container names, also across init containers', () => {
    const twice = pod({
      containers: [
        { name: 'nginx', image: 'nginx' },
        { name: 'nginx', image: 'nginx' },
      ],
    });
    expect(texts(twice)).toEqual(['spec.containers[1].name: Duplicate value: "nginx"']);
    const init = pod({
      containers: [{ name: 'nginx', image: 'nginx' }],
      initContainers: [{ name: 'nginx', image: 'busybox' }],
    });
    expect(texts(init)).toEqual(['spec.initContainers[0].name: Duplicate value: "nginx"']);
  });

  it('requires a container name that is a DNS label and an image', () => {
    expect(texts(pod({ containers: [{ name: 'Web_1', image: '' }] }))).toEqual([
      `spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MESSAGE}`,
      'spec.containers[0].image: Required value',
    ]);
    expect(texts(pod({ containers: [{ image: 'nginx' }] }))).toEqual([
      'spec.containers[0].name: Required value',
    ]);
  });

  it('keeps container ports within 1-65535', () => {
    expect(
      texts(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 70000 }] }] })),
    ).toEqual([
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('rejects an unsupported restart policy', () => {
    expect(
      texts(pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'x' }] })),
    ).toEqual([
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('rejects requests above limits with the quantity as written', () => {
    const p = pod({
      containers: [
        {
          name: 'a',
          image: 'x',
          resources: { requests: { memory: '600Mi' }, limits: { memory: '500Mi' } },
        },
      ],
    });
    expect(invalid(resourceInfo('pods'), 'nginx', validateCreate(p)).message).toBe(
      'Pod "nginx" is invalid: spec.containers[0].resources.requests: Invalid value: "600Mi": must be less than or equal to memory limit of 500Mi',
    );
  });

  it('rejects a volume mount that names no volume', () => {
    const p = pod({
      containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    });
    expect(texts(p)).toEqual(['spec.containers[0].volumeMounts[0].name: Not found: "data"']);
  });

  it('requires a liveness probe to succeed once', () => {
    const p = pod({
      containers: [
        { name: 'a', image: 'x', livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } },
      ],
    });
    expect(texts(p)).toEqual([
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
  });

  it('names a port that is not a number with port-name rules', () => {
    const p = pod({
      containers: [{ name: 'a', image: 'x', readinessProbe: { tcpSocket: { port: '8080' } } }],
    });
    expect(texts(p)).toEqual([
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "8080": must contain at least one letter (a-z)',
    ]);
  });

  it('validates tolerations', () => {
    const p = pod({
      containers: [{ name: 'a', image: 'x' }],
      tolerations: [
        { operator: 'Equal', value: 'v' },
        { key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 },
      ],
    });
    expect(texts(p)).toEqual([
      'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
      'spec.tolerations[1].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ]);
  });

  it('rejects invalid label keys and values on metadata', () => {
    const p = nginx();
    p.metadata.labels = { 'bad key': 'ok', good: '-bad-' };
    expect(texts(p)).toEqual([
      "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "metadata.labels: Invalid value: \"-bad-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });

  it('requires a mirror pod to be bound to a node', () => {
    const p = nginx();
    p.metadata.annotations = { 'kubernetes.io/config.mirror': 'abc' };
    expect(texts(p)).toEqual([
      'metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "abc": must set spec.nodeName if mirror pod annotation is set',
    ]);
  });
});

describe('validateCreate: workloads', () => {
  it('accepts a defaulted Deployment', () => {
    expect(
      validateCreate(
        deployment({
          selector: { matchLabels: { app: 'web' } },
          template: template({ app: 'web' }),
        }),
      ),
    ).toEqual([]);
  });

  it('rejects a selector that does not select the template, rendering the labels as JSON', () => {
    const d = deployment({
      selector: { matchLabels: { app: 'nginx' } },
      template: template({ app: 'web', tier: 'fe' }),
    });
    expect(validateCreate(d).map(fieldErrorText)).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"web","tier":"fe"}: `selector` does not match template `labels`',
    ]);
  });

  it('requires a selector, and then no template matches it', () => {
    const d = deployment({ template: template({ app: 'web' }) });
    expect(invalid(resourceInfo('deployments'), 'web', validateCreate(d)).message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`]',
    );
  });

  it('rejects negative replicas and a template that does not restart always', () => {
    const d = deployment({
      replicas: -1,
      selector: { matchLabels: { app: 'web' } },
      template: template({ app: 'web' }, { restartPolicy: 'Never' }),
    });
    expect(validateCreate(d).map(fieldErrorText)).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('rejects an empty selector on a ReplicaSet with the Deployment wording Go uses', () => {
    const rs = applyDefaults({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'rs', namespace: 'default' },
      spec: { selector: {}, template: template({ app: 'web' }) },
    });
    expect(validateCreate(rs).map(fieldErrorText)).toEqual([
      'spec.selector: Invalid value: {}: empty selector is invalid for deployment',
    ]);
  });

  it('requires a Job template to choose OnFailure or Never', () => {
    const job = generateJobSelector(
      applyDefaults({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
        spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
      }),
      'u-1',
    );
    expect(validateCreate(job).map(fieldErrorText)).toEqual([
      'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ]);
  });

  it('requires a Job to carry its uid once its selector is generated', () => {
    const job = generateJobSelector(
      applyDefaults({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'pi', namespace: 'default' },
        spec: {
          template: {
            spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' },
          },
        },
      }),
      'u-1',
    );
    job.metadata.uid = undefined;
    expect(validateCreate(job).map(fieldErrorText)).toEqual([
      'metadata.uid: Required value',
      'spec.template.metadata.labels[controller-uid]: Invalid value: {"batch.kubernetes.io/controller-uid":"u-1","batch.kubernetes.io/job-name":"pi","controller-uid":"u-1","job-name":"pi"}: must be \'\'',
      'spec.template.metadata.labels[batch.kubernetes.io/controller-uid]: Invalid value: {"batch.kubernetes.io/controller-uid":"u-1","batch.kubernetes.io/job-name":"pi","controller-uid":"u-1","job-name":"pi"}: must be \'\'',
      'spec.selector: Invalid value: {"matchLabels":{"batch.kubernetes.io/controller-uid":"u-1"}}: `selector` not auto-generated',
    ]);
  });
});

describe('validateCreate: Service and Namespace', () => {
  const service = (name: string, spec: object): KObject =>
    applyDefaults({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec,
    });

  it('requires a DNS-1035 name', () => {
    expect(validateCreate(service('1web', { ports: [{ port: 80 }] })).map(fieldErrorText)).toEqual([
      "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('requires ports, names them when there are several, and checks the type', () => {
    expect(validateCreate(service('web', {})).map(fieldErrorText)).toEqual([
      'spec.ports: Required value',
    ]);
    expect(
      validateCreate(service('web', { ports: [{ port: 80 }, { port: 443 }] })).map(fieldErrorText),
    ).toEqual(['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']);
    expect(
      validateCreate(service('web', { type: 'Magic', ports: [{ port: 80 }] })).map(fieldErrorText),
    ).toEqual([
      'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('keeps service ports in range', () => {
    expect(
      validateCreate(service('web', { ports: [{ port: 0, targetPort: 80 }] })).map(fieldErrorText),
    ).toEqual(['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']);
  });

  it('requires a namespace name to be a DNS label', () => {
    const ns = applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'App' } });
    expect(invalid(resourceInfo('namespaces'), 'App', validateCreate(ns)).message).toBe(
      `Namespace "App" is invalid: metadata.name: Invalid value: "App": ${LABEL_MESSAGE}`,
    );
  });
});

describe('validateUpdate', () => {
  const stored = () => {
    const p = nginx();
    p.metadata.uid = 'u-1';
    p.metadata.resourceVersion = '5';
    return p;
  };

  it('lets a pod change its image', () => {
    const next = stored();
    next.spec.containers[0].image = 'nginx:1.25';
    expect(validateUpdate(next, stored())).toEqual([]);
  });

  it('forbids other pod spec changes with the real headline', () => {
    const next = stored();
    next.spec.containers[0].ports = [{ containerPort: 8080, protocol: 'TCP' }];
    expect(invalid(resourceInfo('pods'), 'nginx', validateUpdate(next, stored())).message).toBe(
      'Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(
      POD_UPDATE_FORBIDDEN_MESSAGE.startsWith('pod updates may not change fields other than '),
    ).toBe(true);
  });

  it('forbids adding containers', () => {
    const next = stored();
    next.spec.containers.push({ ...next.spec.containers[0], name: 'sidecar' });
    expect(validateUpdate(next, stored()).map(fieldErrorText)).toEqual([
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });

  it('allows added tolerations but not changed ones', () => {
    const old = stored();
    old.spec.tolerations = [
      { key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ];
    const added = structuredClone(old);
    added.spec.tolerations.push({ key: 'b', operator: 'Exists' });
    expect(validateUpdate(added, old)).toEqual([]);
    const changed = structuredClone(old);
    changed.spec.tolerations[0].key = 'z';
    expect(validateUpdate(changed, old).map(fieldErrorText)).toEqual([
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    ]);
  });

  it('keeps a Deployment selector immutable', () => {
    const old = deployment({
      selector: { matchLabels: { app: 'web' } },
      template: template({ app: 'web' }),
    });
    const next = deployment({
      selector: { matchLabels: { app: 'web2' } },
      template: template({ app: 'web2' }),
    });
    expect(validateUpdate(next, old).map(fieldErrorText)).toEqual([
      'spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable',
    ]);
  });

  it('keeps a Service clusterIP once set', () => {
    const svc = (ip: string) =>
      applyDefaults({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { clusterIP: ip, ports: [{ port: 80 }] },
      });
    expect(validateUpdate(svc('10.96.0.20'), svc('10.96.0.10')).map(fieldErrorText)).toEqual([
      'spec.clusterIPs[0]: Invalid value: ["10.96.0.20"]: may not change once set',
    ]);
  });

  it('keeps names immutable', () => {
    const next = stored();
    next.metadata.name = 'other';
    expect(validateUpdate(next, stored()).map(fieldErrorText)).toEqual([
      'metadata.name: Invalid value: "other": field is immutable',
    ]);
  });
});

describe('checkDecodable', () => {
  it('rejects an unparsable quantity before validation, as decoding does', () => {
    const p = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: 'lots' } } }] },
    };
    expect(checkDecodable(p)).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message:
        'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    });
    expect(checkDecodable(nginx())).toBeUndefined();
  });
});
