import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProtobufBody, type ProtobufDecoded } from './decodeBody';
import { PROTO_KINDS } from './schema.generated';
import { bytes, entry, envelope, msg, num, tag, varint } from './testing/wireWriter';

const FIXTURES = join(import.meta.dirname, '__fixtures__');
const TESTDATA = join(FIXTURES, 'k8s-api-testdata');
const MIRROR = join(import.meta.dirname, '../../../../.mirror/kubernetes+api/repo');

function ok(d: ProtobufDecoded): Record<string, unknown> {
  if (!d.ok) throw new Error(d.message);
  return d.object;
}
function failure(d: ProtobufDecoded): string {
  if (d.ok) throw new Error(`decoded: ${JSON.stringify(d.object)}`);
  return d.message;
}
/** Go's JSON for the fixture, byte for byte as JSON.stringify would indent it. */
const pretty = (v: unknown) => JSON.stringify(v, null, 2);

const DEPLOYMENTS = { apiVersion: 'apps/v1', kind: 'Deployment' };

describe('bodies the real kubectl sent', () => {
  const names = readdirSync(FIXTURES)
    .filter((f) => f.startsWith('kubectl-') && f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));

  it('has them', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });

  it.each(names)('%s decodes to the JSON kubectl prints for it', (name) => {
    const body = readFileSync(join(FIXTURES, `${name}.pb`));
    const want = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
    expect(pretty(ok(decodeProtobufBody(body)))).toBe(pretty(want));
  });

  it("drain's DeleteOptions: empty, its apiVersion and kind from the envelope", () => {
    const body = readFileSync(join(FIXTURES, 'kubectl-drain-delete-options.pb'));
    expect(ok(decodeProtobufBody(body))).toEqual({ kind: 'DeleteOptions', apiVersion: 'v1' });
  });
});

describe("k8s.io/api's serialization fixtures (every field set)", () => {
  const names = readdirSync(TESTDATA)
    .filter((f) => f.endsWith('.pb'))
    .map((f) => f.slice(0, -'.pb'.length));

  it.each(names)('%s decodes to exactly its .json', (name) => {
    const body = readFileSync(join(TESTDATA, `${name}.pb`));
    const want = JSON.parse(readFileSync(join(TESTDATA, `${name}.json`), 'utf8'));
    expect(pretty(ok(decodeProtobufBody(body)))).toBe(pretty(want));
  });

  // The pod template kinds are too big to copy: read from the mirror when it is here.
  const more = ['apps.v1.Deployment', 'apps.v1.ReplicaSet', 'apps.v1.DaemonSet']
    .concat(['apps.v1.StatefulSet', 'batch.v1.Job', 'batch.v1.CronJob'])
    .filter(() => existsSync(MIRROR));
  it.each(more)('%s (from the k8s.io/api mirror) decodes to exactly its .json', (name) => {
    const show = (ext: string) =>
      execFileSync('git', ['-C', MIRROR, 'show', `v0.34.2:testdata/HEAD/${name}.${ext}`], {
        maxBuffer: 1 << 24,
      });
    const want = JSON.parse(show('json').toString('utf8'));
    expect(pretty(ok(decodeProtobufBody(show('pb'))))).toBe(pretty(want));
  });

  it('covers every kind the schema serves', () => {
    const covered = new Set(
      [...names, 'apps.v1.Deployment', 'apps.v1.ReplicaSet', 'apps.v1.DaemonSet']
        .concat(['apps.v1.StatefulSet', 'batch.v1.Job', 'batch.v1.CronJob'])
        .map((n) => {
          // core.v1.Pod → v1/Pod, discovery.k8s.io.v1.EndpointSlice → discovery.k8s.io/v1/…
          const parts = n.split('.');
          const group = parts.slice(0, -2).join('.');
          return [group === 'core' ? '' : group, ...parts.slice(-2)].filter(Boolean).join('/');
        }),
    );
    const kinds = Object.keys(PROTO_KINDS).filter((k) => !k.endsWith('/DeleteOptions'));
    expect(kinds.filter((k) => !covered.has(k))).toEqual([]);
  });
});

describe('what encoding/json would print', () => {
  const deployment = (...spec: Buffer[]) =>
    envelope('apps/v1', 'Deployment', msg(1, bytes(1, 'web')), msg(2, ...spec));

  it('prints a sent pointer even at zero, and leaves an unsent one out', () => {
    // DeploymentSpec.replicas is *int32 (1); paused is a plain bool with omitempty (7).
    const zero = ok(decodeProtobufBody(deployment(num(1, 0), num(7, false))));
    expect(zero.spec).toEqual({ replicas: 0, template: { metadata: {}, spec: {} }, strategy: {} });
    const none = ok(decodeProtobufBody(deployment()));
    expect(none.spec).toEqual({ template: { metadata: {}, spec: {} }, strategy: {} });
  });

  it('prints a plain field without omitempty at its zero value', () => {
    // ContainerPort.containerPort (3) has no omitempty: Go prints 0 when it was not sent.
    const pod = envelope('v1', 'Pod', msg(2, msg(2, bytes(1, 'c'), msg(6, bytes(4, 'TCP')))));
    const spec = ok(decodeProtobufBody(pod)).spec as { containers: unknown[] };
    expect(spec.containers).toEqual([
      { name: 'c', ports: [{ containerPort: 0, protocol: 'TCP' }], resources: {} },
    ]);
  });

  it('flattens inline structs: a volume source, a probe handler, a key selector', () => {
    const pod = envelope(
      'v1',
      'Pod',
      msg(
        2,
        msg(1, bytes(1, 'data'), msg(2, msg(2, bytes(1, 'Memory')))),
        msg(
          2,
          bytes(1, 'c'),
          msg(11, msg(1, msg(3, msg(1, num(1, 1), bytes(3, 'http'))))),
          msg(7, bytes(1, 'PW'), msg(3, msg(4, msg(1, bytes(1, 'creds')), bytes(2, 'pw')))),
        ),
      ),
    );
    const spec = ok(decodeProtobufBody(pod)).spec as Record<string, unknown[]>;
    expect(spec.volumes).toEqual([{ name: 'data', emptyDir: { medium: 'Memory' } }]);
    expect(spec.containers[0]).toEqual({
      name: 'c',
      env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'creds', key: 'pw' } } }],
      resources: {},
      readinessProbe: { tcpSocket: { port: 'http' } },
    });
  });

  it('writes maps with sorted keys, bytes in base64, the last of a repeated key winning', () => {
    const secret = envelope(
      'v1',
      'Secret',
      msg(1, bytes(1, 's'), entry(11, 'b', bytes(2, '2')), entry(11, 'a', bytes(2, '1'))),
      entry(2, 'pw', bytes(2, Buffer.from([0, 255, 1]))),
      entry(2, 'empty', Buffer.alloc(0)),
      entry(2, 'pw', bytes(2, 'hunter2')),
      bytes(3, 'Opaque'),
    );
    const object = ok(decodeProtobufBody(secret));
    expect(JSON.stringify(object)).toBe(
      '{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","labels":{"a":"1","b":"2"}},' +
        '"data":{"empty":"","pw":"aHVudGVyMg=="},"type":"Opaque"}',
    );
  });

  it('reads IntOrString, Quantity, Time, MicroTime and Duration as their JSON', () => {
    const svc = envelope(
      'v1',
      'Service',
      msg(2, msg(1, num(3, 80), msg(4, num(1, 1), bytes(3, 'http'))), msg(1, num(3, 81))),
    );
    expect((ok(decodeProtobufBody(svc)).spec as { ports: unknown[] }).ports).toEqual([
      { port: 80, targetPort: 'http' },
      { port: 81, targetPort: 0 },
    ]);
    const lease = envelope(
      'coordination.k8s.io/v1',
      'Lease',
      msg(1, bytes(1, 'l'), msg(8, num(1, 1_700_000_000), num(2, 999_999_999))),
      msg(2, msg(3, num(1, 1_700_000_000), num(2, 123_456_789)), num(2, 40)),
    );
    expect(ok(decodeProtobufBody(lease))).toEqual({
      kind: 'Lease',
      apiVersion: 'coordination.k8s.io/v1',
      // Time keeps whole seconds; MicroTime six digits, truncated.
      metadata: { name: 'l', creationTimestamp: '2023-11-14T22:13:20Z' },
      spec: { leaseDurationSeconds: 40, acquireTime: '2023-11-14T22:13:20.123456Z' },
    });
    const pod = envelope(
      'v1',
      'Pod',
      msg(2, msg(2, bytes(1, 'c'), msg(8, entry(1, 'cpu', msg(2, bytes(1, '250m')))))),
    );
    expect((ok(decodeProtobufBody(pod)).spec as { containers: unknown[] }).containers).toEqual([
      { name: 'c', resources: { limits: { cpu: '250m' } } },
    ]);
  });

  it('leaves a zero creationTimestamp out (omitzero) and prints a sent zero deletionTimestamp as null', () => {
    const ns = envelope('v1', 'Namespace', msg(1, bytes(1, 'n'), msg(8), msg(9)));
    expect(ok(decodeProtobufBody(ns)).metadata).toEqual({ name: 'n', deletionTimestamp: null });
  });

  it('embeds RawExtension and FieldsV1 JSON', () => {
    const revision = envelope(
      'apps/v1',
      'ControllerRevision',
      msg(1, bytes(1, 'r'), msg(17, bytes(1, 'kubectl'), msg(7, bytes(1, '{"f:spec":{}}')))),
      msg(2, bytes(1, '{"spec":{"replicas":2}}')),
      num(3, 4),
    );
    expect(ok(decodeProtobufBody(revision))).toEqual({
      kind: 'ControllerRevision',
      apiVersion: 'apps/v1',
      metadata: { name: 'r', managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }] },
      data: { spec: { replicas: 2 } },
      revision: 4,
    });
  });

  it('reads negative numbers and repeated numbers packed or not', () => {
    // PodFailurePolicyOnExitCodesRequirement.values: repeated int32 (3).
    const job = (...values: Buffer[]) =>
      envelope(
        'batch/v1',
        'Job',
        msg(
          2,
          msg(11, msg(1, bytes(1, 'FailJob'), msg(2, bytes(2, 'In'), ...values))),
          num(3, -5n),
        ),
      );
    const rules = (b: Buffer) => {
      const spec = ok(decodeProtobufBody(b)).spec as Record<string, unknown>;
      return [spec.activeDeadlineSeconds, spec.podFailurePolicy];
    };
    const packed = bytes(3, Buffer.concat([varint(1), varint(-2n), varint(300)]));
    const want = [
      -5,
      { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, -2, 300] } }] },
    ];
    expect(rules(job(packed))).toEqual(want);
    expect(rules(job(num(3, 1), num(3, -2n), num(3, 300)))).toEqual(want);
  });

  it('reads the Eviction kubectl drain posts, its DeleteOptions nested', () => {
    const eviction = envelope(
      'policy/v1',
      'Eviction',
      msg(1, bytes(1, 'web-1'), bytes(3, 'default')),
      msg(2, num(1, 30)),
    );
    expect(ok(decodeProtobufBody(eviction))).toEqual({
      kind: 'Eviction',
      apiVersion: 'policy/v1',
      metadata: { name: 'web-1', namespace: 'default' },
      deleteOptions: { gracePeriodSeconds: 30 },
    });
  });

  it('merges a message sent twice, as gogo does', () => {
    const cm = envelope('v1', 'ConfigMap', msg(1, bytes(1, 'a')), msg(1, bytes(3, 'ns')));
    expect(ok(decodeProtobufBody(cm)).metadata).toEqual({ name: 'a', namespace: 'ns' });
  });

  it('skips unknown fields of every wire type, groups included', () => {
    const unknown = Buffer.concat([
      num(999, 7),
      tag(1000, 1),
      Buffer.alloc(8),
      bytes(1001, 'who knows'),
      tag(1002, 5),
      Buffer.alloc(4),
      tag(1003, 3),
      num(1, 1),
      tag(1004, 3),
      tag(1004, 4),
      tag(1003, 4),
    ]);
    const cm = envelope('v1', 'ConfigMap', unknown, msg(1, unknown, bytes(1, 'a')), unknown);
    expect(ok(decodeProtobufBody(cm))).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'a' },
    });
  });

  it("takes a missing apiVersion and kind from the endpoint's", () => {
    const body = Buffer.concat([
      Buffer.from('k8s\0', 'latin1'),
      bytes(2, Buffer.concat([msg(1, bytes(1, 'web'))])),
    ]);
    expect(ok(decodeProtobufBody(body, DEPLOYMENTS))).toMatchObject({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web' },
    });
  });
});

describe('bodies it cannot read: the API server words', () => {
  const into = DEPLOYMENTS;
  const deployment = (...raw: Buffer[]) => envelope('apps/v1', 'Deployment', ...raw);

  it('an empty body, a wrong prefix, a bare prefix', () => {
    expect(failure(decodeProtobufBody(Buffer.alloc(0), into))).toBe(
      'the object provided is unrecognized (must be of type Deployment): empty data (<empty>)',
    );
    expect(
      failure(
        decodeProtobufBody(Buffer.from('{"kind":"Deployment","apiVersion":"apps/v1"}'), into),
      ),
    ).toBe(
      'the object provided is unrecognized (must be of type Deployment): provided data does not ' +
        'appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Deployment","apiVersi ...)',
    );
    expect(failure(decodeProtobufBody(Buffer.from('k8s\0', 'latin1'), into))).toBe(
      'the object provided is unrecognized (must be of type Deployment): empty body (6b387300)',
    );
  });

  it('a broken envelope', () => {
    const cut = deployment(msg(1, bytes(1, 'web'))).subarray(0, 20);
    expect(failure(decodeProtobufBody(cut, into))).toBe(
      `the object provided is unrecognized (must be of type Deployment): unexpected EOF (${cut.toString('hex')})`,
    );
  });

  it('a broken object names its kind and version', () => {
    expect(failure(decodeProtobufBody(deployment(msg(1, bytes(1, 'web')), tag(2, 2)), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF',
    );
    expect(failure(decodeProtobufBody(deployment(num(1, 5)), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 0 for field ObjectMeta',
    );
    expect(failure(decodeProtobufBody(deployment(tag(1, 4)), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: Deployment: wiretype end group for non-group',
    );
    expect(failure(decodeProtobufBody(deployment(varint(0), varint(0)), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: Deployment: illegal tag 0 (wire type 0)',
    );
    expect(failure(decodeProtobufBody(deployment(msg(1, tag(7, 6))), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 6 for field Generation',
    );
    expect(failure(decodeProtobufBody(deployment(msg(1, tag(70, 6))), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: illegal wireType 6',
    );
    expect(failure(decodeProtobufBody(deployment(tag(99, 4)), into))).toContain(
      'wiretype end group for non-group',
    );
  });

  it('lengths past the end, negative lengths, varints of eleven bytes', () => {
    const huge = Buffer.concat([tag(1, 2), varint(2n ** 62n)]);
    expect(failure(decodeProtobufBody(deployment(huge), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF',
    );
    const negative = Buffer.concat([tag(1, 2), varint(-1n)]);
    expect(failure(decodeProtobufBody(deployment(negative), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: negative length found during unmarshaling',
    );
    // DeploymentSpec.replicas (1) as a varint of eleven bytes.
    const eleven = msg(2, tag(1, 0), Buffer.alloc(10, 0xff), Buffer.from([1]));
    expect(failure(decodeProtobufBody(deployment(eleven), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: integer overflow',
    );
    const unknownHuge = Buffer.concat([tag(50, 2), varint(2n ** 40n)]);
    expect(failure(decodeProtobufBody(deployment(unknownHuge), into))).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF',
    );
  });

  it('a kind it does not know, by name', () => {
    expect(failure(decodeProtobufBody(envelope('networking.k8s.io/v1', 'Ingress'), into))).toBe(
      'Ingress in version "v1" cannot be handled as a Deployment: no kind "Ingress" is registered ' +
        'for version "networking.k8s.io/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"',
    );
  });

  it('without an endpoint to take them from, a missing kind or apiVersion', () => {
    expect(failure(decodeProtobufBody(envelope('', '')))).toBe(
      `Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:""}'`,
    );
    expect(failure(decodeProtobufBody(envelope('', 'Pod')))).toBe(
      `Object 'apiVersion' is missing in 'runtime.TypeMeta{APIVersion:"", Kind:"Pod"}'`,
    );
  });

  it('an embedded object that is not JSON', () => {
    const revision = envelope('apps/v1', 'ControllerRevision', msg(2, bytes(1, 'k8s\0…')));
    expect(failure(decodeProtobufBody(revision))).toContain('RawExtension');
  });
});

describe('hostile bytes: an error or an object, never a throw or a hang', () => {
  const bodies = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pb'))
    .map((f) => readFileSync(join(FIXTURES, f)));

  it('every truncation of every kubectl body', () => {
    for (const body of bodies) {
      const [rawStart, rawEnd] = rawField(body);
      for (let n = 0; n < body.length; n++) {
        const d = decodeProtobufBody(body.subarray(0, n), DEPLOYMENTS);
        // A cut between the envelope's fields leaves a shorter valid body; a cut inside the
        // object breaks a length, and must never pass for a smaller object.
        if (n > rawStart && n < rawEnd) expect(d.ok, `${n} of ${body.length}`).toBe(false);
      }
    }
  });

  it('random bytes after the prefix, and random changes to real bodies', () => {
    const prefix = Buffer.from('k8s\0', 'latin1');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (raw) => {
        const d = decodeProtobufBody(Buffer.concat([prefix, raw]), DEPLOYMENTS);
        expect(typeof d.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bodies.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (which, changes) => {
          const body = Buffer.from(bodies[which]);
          for (const [at, value] of changes) body[4 + (at % (body.length - 4))] = value;
          const d = decodeProtobufBody(body, DEPLOYMENTS);
          expect(typeof d.ok).toBe('boolean');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a deep run of nested unknown groups ends quickly', () => {
    const depth = 200_000;
    const groups = Buffer.concat([
      Buffer.concat(Array.from({ length: depth }, () => tag(60, 3))),
      Buffer.concat(Array.from({ length: depth }, () => tag(60, 4))),
    ]);
    const started = performance.now();
    expect(ok(decodeProtobufBody(envelope('v1', 'ConfigMap', groups)))).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: {},
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

/** Where runtime.Unknown's raw field (2) starts (its tag) and ends in a body kubectl wrote. */
function rawField(body: Buffer): [number, number] {
  let pos = 4;
  const readVarint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = body[pos++];
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
    }
  };
  expect(body[pos++]).toBe(0x0a);
  const typeMetaLength = readVarint();
  pos += typeMetaLength;
  const start = pos;
  expect(body[pos++]).toBe(0x12);
  const length = readVarint();
  return [start, pos + length];
}
