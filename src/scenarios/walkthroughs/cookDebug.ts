import type { Walkthrough } from '../schema';

/** The docs' memory-limit example (memory-request-limit-2.yaml), as a kitchen order. */
const hungry = (limit: string) => `apiVersion: v1
kind: Pod
metadata:
  name: hungry
spec:
  containers:
    - name: hungry
      image: polinux/stress
      resources:
        requests:
          memory: "50Mi"
        limits:
          memory: "${limit}"
      command: ["stress"]
      args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`;

const WEB = 'pod/default/web';
const PREP = 'pod/default/prep';
const HUNGRY = 'pod/default/hungry';
const WAITING = (c: string) => `status.containerStatuses[name=${c}].state.waiting.reason`;
const LAST = (c: string) => `status.containerStatuses[name=${c}].lastState.terminated`;
const RUNNING = (pod: string) => ({
  field: { object: pod, path: 'status.phase', equals: 'Running' },
});
const READY = (pod: string) => ({
  condition: { object: pod, type: 'Ready' as const, status: 'True' as const },
});

/**
 * Walkthrough 7: the first two things every learner debugs (ImagePullBackOff and
 * CrashLoopBackOff) and an OOMKilled order, each found with get pods, describe and logs, then
 * fixed, from real causes: the registry has no nginx:1.277, busybox told to `echo` finishes at
 * once, and stress allocates more than its limit.
 */
export const cookDebug: Walkthrough = {
  id: 'cook-debug',
  titleKey: 'cookDebug.title',
  summaryKey: 'cookDebug.summary',
  cluster: { workers: 2, proxy: 'iptables', seed: 1 },
  setup: [
    'kubectl run web --image=nginx:1.277',
    'kubectl run prep --image=busybox -- echo "nothing to cook"',
    'kubectl apply -f hungry.yaml',
    'wait 60s',
  ],
  files: { 'hungry.yaml': hungry('100Mi'), 'hungry-fixed.yaml': hungry('300Mi') },
  steps: [
    {
      id: 'orders',
      narrationKey: 'cookDebug.orders',
      commands: ['kubectl get pods'],
      expect: [
        { output: { includes: 'ImagePullBackOff' } },
        { output: { includes: 'CrashLoopBackOff' } },
        { field: { object: WEB, path: WAITING('web'), equals: 'ImagePullBackOff' } },
        { field: { object: PREP, path: WAITING('prep'), equals: 'CrashLoopBackOff' } },
        { field: { object: HUNGRY, path: WAITING('hungry'), equals: 'CrashLoopBackOff' } },
        {
          field: {
            object: PREP,
            path: 'status.containerStatuses[name=prep].restartCount',
            notEquals: 0,
          },
        },
      ],
      highlight: [WEB, PREP, HUNGRY],
      kubectl: 'kubectl get pods',
    },
    {
      id: 'describe-web',
      narrationKey: 'cookDebug.describeWeb',
      bendsKey: 'cookDebug.describeWeb.bends',
      commands: ['kubectl describe pod web'],
      expect: [
        { output: { includes: 'Failed to pull image "nginx:1.277"' } },
        { output: { includes: 'not found' } },
        { output: { includes: 'Back-off pulling image "nginx:1.277"' } },
        {
          event: {
            object: WEB,
            reason: 'Failed',
            type: 'Warning',
            messageIncludes: 'nginx:1.277: not found',
          },
        },
        { event: { object: WEB, reason: 'BackOff', messageIncludes: 'Back-off pulling image' } },
      ],
      highlight: [WEB, 'kubelet/{webNode}'],
      kubectl: 'kubectl describe pod web',
    },
    {
      id: 'fix-web',
      narrationKey: 'cookDebug.fixWeb',
      commands: ['kubectl set image pod/web web=nginx:1.27'],
      until: [READY(WEB)],
      expect: [
        { output: { includes: 'pod/web image updated' } },
        RUNNING(WEB),
        { field: { object: WEB, path: 'spec.containers[name=web].image', equals: 'nginx:1.27' } },
        { field: { object: WEB, path: 'status.podIP', equals: '{webIP}' } },
      ],
      highlight: [WEB],
      diff: { object: WEB, paths: ['spec.containers[name=web].image', 'status.phase'] },
      kubectl: 'kubectl set image pod/web web=nginx:1.27',
    },
    {
      id: 'logs-prep',
      narrationKey: 'cookDebug.logsPrep',
      commands: ['kubectl logs prep', 'kubectl describe pod prep'],
      expect: [
        { output: { includes: '$ kubectl logs prep\nnothing to cook\n' } },
        { output: { includes: 'Reason:       Completed' } },
        { output: { includes: 'Exit Code:    0' } },
        { field: { object: PREP, path: `${LAST('prep')}.reason`, equals: 'Completed' } },
        { field: { object: PREP, path: `${LAST('prep')}.exitCode`, equals: 0 } },
        { field: { object: PREP, path: 'spec.restartPolicy', equals: 'Always' } },
        { event: { object: PREP, reason: 'BackOff', messageIncludes: 'Back-off restarting' } },
      ],
      highlight: [PREP],
      kubectl: 'kubectl logs prep --previous',
    },
    {
      id: 'fix-prep',
      narrationKey: 'cookDebug.fixPrep',
      commands: ['kubectl delete pod prep --now', 'kubectl run prep --image=busybox -- sleep 3600'],
      until: [READY(PREP)],
      expect: [
        { output: { includes: 'pod "prep" deleted' } },
        { output: { includes: 'pod/prep created' } },
        RUNNING(PREP),
        { field: { object: PREP, path: 'spec.containers[name=prep].args[1]', equals: '3600' } },
      ],
      highlight: [PREP],
      kubectl: 'kubectl run prep --image=busybox -- sleep 3600',
    },
    {
      id: 'describe-hungry',
      narrationKey: 'cookDebug.describeHungry',
      commands: ['kubectl describe pod hungry'],
      expect: [
        { output: { includes: 'Reason:       OOMKilled' } },
        { output: { includes: 'Exit Code:    137' } },
        { field: { object: HUNGRY, path: `${LAST('hungry')}.reason`, equals: 'OOMKilled' } },
        { field: { object: HUNGRY, path: `${LAST('hungry')}.exitCode`, equals: 137 } },
        {
          field: {
            object: HUNGRY,
            path: 'spec.containers[name=hungry].resources.limits.memory',
            equals: '100Mi',
          },
        },
        {
          field: {
            object: HUNGRY,
            path: 'spec.containers[name=hungry].args[3]',
            equals: '250M',
          },
        },
      ],
      highlight: [HUNGRY],
      kubectl: 'kubectl describe pod hungry',
    },
    {
      id: 'fix-hungry',
      narrationKey: 'cookDebug.fixHungry',
      bendsKey: 'cookDebug.fixHungry.bends',
      commands: ['kubectl delete pod hungry --now', 'kubectl apply -f hungry-fixed.yaml'],
      until: [RUNNING(HUNGRY), READY(HUNGRY)],
      expect: [
        { output: { includes: 'pod/hungry created' } },
        RUNNING(HUNGRY),
        {
          field: {
            object: HUNGRY,
            path: 'spec.containers[name=hungry].resources.limits.memory',
            equals: '300Mi',
          },
        },
        {
          field: {
            object: HUNGRY,
            path: 'status.containerStatuses[name=hungry].restartCount',
            equals: 0,
          },
        },
      ],
      highlight: [HUNGRY],
      kubectl: 'kubectl apply -f hungry-fixed.yaml',
    },
    {
      id: 'all-cooking',
      narrationKey: 'cookDebug.allCooking',
      commands: ['wait 30s', 'kubectl get pods'],
      expect: [
        RUNNING(WEB),
        RUNNING(PREP),
        RUNNING(HUNGRY),
        READY(WEB),
        READY(PREP),
        READY(HUNGRY),
        { output: { excludes: 'BackOff' } },
        { output: { excludes: 'OOMKilled' } },
      ],
      highlight: [WEB, PREP, HUNGRY],
      kubectl: 'kubectl get pods',
    },
  ],
  vars: {
    webNode: { object: WEB, path: 'spec.nodeName' },
    webIP: { object: WEB, path: 'status.podIP' },
  },
};
