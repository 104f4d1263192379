import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { applyDefaults, generateJobSelector, imageTag } from './defaults';
import { computePodQOS } from './qos';

const pod = (spec: object, name = 'nginx'): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec,
});

describe('applyDefaults: Pod', () => {
  it('gives a plain nginx pod the fields a stored pod shows before admission', () => {
    const out = applyDefaults(pod({ containers: [{ name: 'nginx', image: 'nginx' }] }));
    expect(out.spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          imagePullPolicy: 'Always',
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    });
    expect(out.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('never changes its input', () => {
    const input = pod({ containers: [{ name: 'nginx', image: 'nginx' }] });
    const before = JSON.stringify(input);
    applyDefaults(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('pulls a tagged image only if absent, and :latest always', () => {
    const out = applyDefaults(
      pod({
        containers: [
          { name: 'a', image: 'nginx:1.14.2' },
          { name: 'b', image: 'nginx:latest' },
          { name: 'c', image: 'localhost:5000/app' },
          { name: 'd', image: 'nginx@sha256:abc' },
        ],
      }),
    );
    expect(out.spec.containers.map((c: { imagePullPolicy: string }) => c.imagePullPolicy)).toEqual([
      'IfNotPresent',
      'Always',
      'Always',
      'IfNotPresent',
    ]);
    expect(imageTag('registry.k8s.io/pause:3.10.1')).toBe('3.10.1');
  });

  it('copies limits to missing requests and stores quantities canonically', () => {
    const out = applyDefaults(
      pod({
        containers: [
          {
            name: 'a',
            image: 'x',
            resources: { limits: { cpu: '0.5', memory: '1024Mi' }, requests: { cpu: 0.25 } },
          },
        ],
      }),
    );
    expect(out.spec.containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '1Gi' },
      requests: { cpu: '250m', memory: '1Gi' },
    });
    expect(out.status.qosClass).toBe('Burstable');
  });

  it('defaults ports, probes and volumes', () => {
    const out = applyDefaults(
      pod({
        containers: [
          {
            name: 'a',
            image: 'x',
            ports: [{ containerPort: 80 }],
            livenessProbe: { httpGet: { port: 80 } },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'cfg' } },
          { name: 'scratch' },
          { name: 'h', hostPath: { path: '/var/log' } },
        ],
      }),
    );
    const c = out.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(out.spec.volumes).toEqual([
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'scratch', emptyDir: {} },
      { name: 'h', hostPath: { path: '/var/log', type: '' } },
    ]);
  });

  it('mirrors serviceAccountName into the deprecated serviceAccount field', () => {
    expect(
      applyDefaults(pod({ serviceAccountName: 'builder', containers: [] })).spec.serviceAccount,
    ).toBe('builder');
    expect(
      applyDefaults(pod({ serviceAccount: 'old', containers: [] })).spec.serviceAccountName,
    ).toBe('old');
  });
});

describe('computePodQOS', () => {
  it('classes qos-pod-4 (one container with a memory request, one with nothing) as Burstable', () => {
    const qosPod4 = pod({
      containers: [
        { name: 'qos-demo-4-ctr-1', image: 'nginx', resources: { requests: { memory: '200Mi' } } },
        { name: 'qos-demo-4-ctr-2', image: 'redis' },
      ],
    });
    expect(computePodQOS(applyDefaults(qosPod4) as { spec?: unknown })).toBe('Burstable');
  });

  it('classes equal cpu and memory limits on every container as Guaranteed', () => {
    const guaranteed = pod({
      containers: [
        { name: 'a', image: 'x', resources: { limits: { cpu: '700m', memory: '200Mi' } } },
      ],
    });
    expect(applyDefaults(guaranteed).status.qosClass).toBe('Guaranteed');
  });

  it('classes a limit without its request equal as Burstable', () => {
    const burstable = pod({
      containers: [
        {
          name: 'a',
          image: 'x',
          resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
        },
      ],
    });
    expect(applyDefaults(burstable).status.qosClass).toBe('Burstable');
  });

  it('uses pod-level resources when they are set', () => {
    const podLevel = pod({
      resources: { requests: { memory: '100Mi' }, limits: { memory: '200Mi' } },
      containers: [{ name: 'a', image: 'x' }],
    });
    expect(computePodQOS(podLevel as { spec?: unknown })).toBe('Burstable');
  });
});

describe('applyDefaults: workloads', () => {
  it('defaults a Deployment and its pod template the way apps/v1 does', () => {
    const out = applyDefaults({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
        },
      },
    });
    expect(out.spec).toEqual({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      selector: { matchLabels: { app: 'web' } },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx:1.14.2',
              imagePullPolicy: 'IfNotPresent',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
  });

  it('defaults a DaemonSet to rolling updates of one pod at a time', () => {
    const out = applyDefaults({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'ds' },
      spec: { template: {} },
    });
    expect(out.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    expect(out.spec.revisionHistoryLimit).toBe(10);
  });

  it('defaults a ReplicaSet to one replica', () => {
    expect(
      applyDefaults({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'rs' },
        spec: {},
      }).spec.replicas,
    ).toBe(1);
  });

  it('defaults a Job and generates its selector from the uid', () => {
    const job = applyDefaults({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: {
        backoffLimit: 4,
        template: { spec: { containers: [{ name: 'pi', image: 'perl' }], restartPolicy: 'Never' } },
      },
    });
    expect(job.spec).toMatchObject({
      parallelism: 1,
      completions: 1,
      backoffLimit: 4,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    });
    expect(job.spec.manualSelector).toBeUndefined();
    const uid = '0b8f2c52-3ac6-4c8a-9d5e-2f7c7e1b1a11';
    const generated = generateJobSelector(job, uid);
    expect(generated.spec.selector).toEqual({
      matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
    });
    const expectedLabels = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    expect(generated.spec.template.metadata.labels).toEqual(expectedLabels);
    expect(generated.metadata.labels).toEqual(expectedLabels);
    expect(generated.metadata.uid).toBe(uid);
    expect(job.spec.selector).toBeUndefined();
  });

  it('leaves a manual Job selector alone', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { manualSelector: true },
    };
    expect(generateJobSelector(job, 'u').spec.selector).toBeUndefined();
  });
});

describe('applyDefaults: Service, Namespace, Node', () => {
  it('defaults a LoadBalancer Service', () => {
    const out = applyDefaults({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'my-nginx-svc', namespace: 'default' },
      spec: { type: 'LoadBalancer', ports: [{ port: 80 }], selector: { app: 'nginx' } },
    });
    expect(out.spec).toEqual({
      type: 'LoadBalancer',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'nginx' },
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
  });

  it('keeps a named targetPort and gives ClusterIP services no external policy', () => {
    const out = applyDefaults({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'hello' },
      spec: { ports: [{ port: 80, targetPort: 'http' }] },
    });
    expect(out.spec.ports[0].targetPort).toBe('http');
    expect(out.spec.type).toBe('ClusterIP');
    expect(out.spec.externalTrafficPolicy).toBeUndefined();
  });

  it('labels a namespace with its name and starts it Active', () => {
    const out = applyDefaults({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'qos-example' },
    });
    expect(out.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'qos-example' });
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });

  it('gives a node its capacity as allocatable when it reports none', () => {
    const out = applyDefaults({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'worker-1' },
      status: { capacity: { cpu: '2', memory: '4030004Ki', pods: '110' } },
    });
    expect(out.status.allocatable).toEqual({ cpu: '2', memory: '4030004Ki', pods: '110' });
  });
});
