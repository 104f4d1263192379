import { describe, expect, it } from 'vitest';
import { type CompletionContext, complete } from './complete';

const ctx: CompletionContext = {
  nodes: ['control-plane', 'worker-1', 'worker-2'],
  pods: ['default/nginx', 'default/web-7d9f-abcde', 'kube-system/etcd-control-plane'],
  containers: { 'default/nginx': ['nginx'], 'default/web-7d9f-abcde': ['web', 'sidecar'] },
  services: ['default/kubernetes', 'default/web'],
};

describe('console completion', () => {
  it('completes lab commands and kubectl verbs', () => {
    expect(complete('kub', ctx)).toEqual({ line: 'kubectl ', candidates: ['kubectl'] });
    expect(complete('kubectl desc', ctx).line).toBe('kubectl describe ');
    expect(complete('re', ctx)).toEqual({ line: 're', candidates: ['repair', 'request'] });
    expect(complete('rep', ctx).line).toBe('repair ');
  });

  it('completes resource kinds and object names from the frame', () => {
    expect(complete('kubectl get po', ctx).line).toBe('kubectl get pods ');
    expect(complete('kubectl describe pod ng', ctx).line).toBe('kubectl describe pod nginx ');
    expect(complete('kubectl describe node w', ctx)).toEqual({
      line: 'kubectl describe node worker-',
      candidates: ['worker-1', 'worker-2'],
    });
    expect(complete('kubectl get svc ', ctx).candidates).toEqual(['kubernetes', 'web']);
    expect(complete('kubectl get -o wide pods ng', ctx).line).toBe(
      'kubectl get -o wide pods nginx ',
    );
    expect(complete('kubectl get -o ', ctx).candidates).toEqual([]);
    expect(complete('kubectl cordon worker-2', ctx).line).toBe('kubectl cordon worker-2 ');
  });

  it('completes fault targets, pods to crash, their containers, services and nodes', () => {
    expect(complete('break kube', ctx).candidates).toEqual(['kubelet', 'kube-proxy']);
    expect(complete('break kube-', ctx).line).toBe('break kube-proxy ');
    expect(complete('break kubelet worker-1', ctx).line).toBe('break kubelet worker-1 ');
    expect(complete('break apiserver ', ctx).candidates).toEqual([]);
    expect(complete('crash web', ctx).line).toBe('crash web-7d9f-abcde ');
    expect(complete('crash web-7d9f-abcde s', ctx).line).toBe('crash web-7d9f-abcde sidecar ');
    expect(complete('request w', ctx).line).toBe('request web ');
    expect(complete('proxy-rules worker-', ctx).candidates).toEqual(['worker-1', 'worker-2']);
  });

  it('completes kubectl logs and exec: pods, then their containers', () => {
    expect(complete('kubectl lo', ctx).line).toBe('kubectl logs ');
    expect(complete('kubectl ex', ctx).candidates).toEqual(['exec', 'expose']);
    expect(complete('kubectl logs ng', ctx).line).toBe('kubectl logs nginx ');
    expect(complete('kubectl logs web-7d9f-abcde ', ctx).candidates).toEqual(['web', 'sidecar']);
    expect(complete('kubectl logs web-7d9f-abcde -c s', ctx).line).toBe(
      'kubectl logs web-7d9f-abcde -c sidecar ',
    );
    expect(complete('kubectl exec web-7d9f-abcde -c ', ctx).candidates).toEqual(['web', 'sidecar']);
    expect(complete('kubectl exec ng', ctx).line).toBe('kubectl exec nginx ');
    expect(complete('kubectl exec nginx -- ng', ctx).candidates).toEqual([]);
    expect(complete('kubectl logs --tail 5 ng', ctx).line).toBe('kubectl logs --tail 5 nginx ');
  });

  it('leaves a line alone when nothing fits', () => {
    expect(complete('kubectl get pods zzz', ctx)).toEqual({
      line: 'kubectl get pods zzz',
      candidates: [],
    });
    expect(complete('echo hi', ctx).candidates).toEqual([]);
  });
});
