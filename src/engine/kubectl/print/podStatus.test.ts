import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { NOW_MS, nginxPod } from './__fixtures__/objects';
import { podStatusReason } from './index';
import { podSummary } from './podStatus';

function pod(status: Partial<NonNullable<Pod['status']>>, extra: Partial<Pod> = {}): Pod {
  const base = nginxPod() as Pod;
  return { ...base, ...extra, status: { ...base.status, ...status } };
}

const waiting = (reason: string) => [
  {
    name: 'nginx',
    image: 'nginx',
    imageID: '',
    ready: false,
    restartCount: 0,
    state: { waiting: { reason } },
  },
];

describe('pod STATUS column (printers.go printPod)', () => {
  it('is the phase for a running pod', () => {
    expect(podStatusReason(nginxPod() as Pod, NOW_MS)).toBe('Running');
  });

  it('is Pending while the pod waits to be scheduled', () => {
    const p = pod({ phase: 'Pending', containerStatuses: undefined, conditions: [] });
    expect(podStatusReason(p, NOW_MS)).toBe('Pending');
  });

  it('shows SchedulingGated from the PodScheduled condition', () => {
    const p = pod({
      phase: 'Pending',
      containerStatuses: undefined,
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    expect(podStatusReason(p, NOW_MS)).toBe('SchedulingGated');
  });

  it('shows a waiting container reason: ContainerCreating', () => {
    const p = pod({ phase: 'Pending', containerStatuses: waiting('ContainerCreating') });
    expect(podSummary(p, NOW_MS)).toEqual({
      ready: '0/1',
      status: 'ContainerCreating',
      restarts: '0',
    });
  });

  it('shows CrashLoopBackOff with restarts counted from the last termination', () => {
    const p = pod({
      containerStatuses: [
        {
          name: 'nginx',
          image: 'nginx',
          imageID: '',
          ready: false,
          restartCount: 3,
          lastState: {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              startedAt: '2026-01-01T09:01:10Z',
              finishedAt: '2026-01-01T09:01:24Z',
            },
          },
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: 'back-off 40s restarting failed container=nginx',
            },
          },
        },
      ],
    });
    expect(podSummary(p, NOW_MS)).toEqual({
      ready: '0/1',
      status: 'CrashLoopBackOff',
      restarts: '3 (36s ago)',
    });
  });

  it('shows Completed for a container that exited 0', () => {
    const p = pod({
      phase: 'Succeeded',
      containerStatuses: [
        {
          name: 'nginx',
          image: 'nginx',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: {
            terminated: { exitCode: 0, reason: 'Completed', startedAt: '', finishedAt: '' },
          },
        },
      ],
    });
    expect(podStatusReason(p, NOW_MS)).toBe('Completed');
  });

  it('shows Error, or ExitCode:N when the runtime gave no reason', () => {
    const terminated = (reason?: string) =>
      pod({
        phase: 'Failed',
        containerStatuses: [
          {
            name: 'nginx',
            image: 'nginx',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { terminated: { exitCode: 2, reason, startedAt: '', finishedAt: '' } },
          },
        ],
      });
    expect(podStatusReason(terminated('Error'), NOW_MS)).toBe('Error');
    expect(podStatusReason(terminated(), NOW_MS)).toBe('ExitCode:2');
  });

  it('shows Init:0/1 while the first init container runs', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'init',
            image: 'busybox',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { running: { startedAt: '2026-01-01T09:00:40Z' } },
          },
        ],
        containerStatuses: waiting('PodInitializing'),
        conditions: [{ type: 'Initialized', status: 'False' }],
      },
      {
        spec: {
          ...(nginxPod() as Pod).spec,
          containers: [{ name: 'nginx' }],
          initContainers: [{ name: 'init' }],
        },
      },
    );
    expect(podSummary(p, NOW_MS)).toEqual({ ready: '0/1', status: 'Init:0/1', restarts: '0' });
  });

  it('shows Init:CrashLoopBackOff for a failing init container', () => {
    const p = pod(
      {
        phase: 'Pending',
        initContainerStatuses: [
          {
            name: 'init',
            image: 'busybox',
            imageID: '',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
        containerStatuses: waiting('PodInitializing'),
        conditions: [{ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized' }],
      },
      { spec: { containers: [{ name: 'nginx' }], initContainers: [{ name: 'init' }] } },
    );
    expect(podSummary(p, NOW_MS)).toEqual({
      ready: '0/1',
      status: 'Init:CrashLoopBackOff',
      restarts: '2',
    });
  });

  it('shows Terminating for a pod being deleted', () => {
    const p = pod(
      {},
      { metadata: { ...nginxPod().metadata, deletionTimestamp: '2026-01-01T09:01:50Z' } },
    );
    expect(podStatusReason(p, NOW_MS)).toBe('Terminating');
  });

  it('shows Unknown for a pod evicted from an unreachable node (reason NodeLost)', () => {
    const p = pod(
      { reason: 'NodeLost' },
      { metadata: { ...nginxPod().metadata, deletionTimestamp: '2026-01-01T09:01:50Z' } },
    );
    expect(podStatusReason(p, NOW_MS)).toBe('Unknown');
  });

  it('shows NotReady when one container completed and a running one is not ready', () => {
    const p = pod({
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [
        {
          name: 'a',
          image: 'x',
          imageID: '',
          ready: true,
          restartCount: 0,
          state: { running: {} },
        },
        {
          name: 'b',
          image: 'x',
          imageID: '',
          ready: false,
          restartCount: 0,
          state: {
            terminated: { exitCode: 0, reason: 'Completed', startedAt: '', finishedAt: '' },
          },
        },
      ],
    });
    expect(podSummary(p, NOW_MS)).toEqual({ ready: '1/1', status: 'NotReady', restarts: '0' });
  });
});
