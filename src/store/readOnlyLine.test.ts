import { describe, expect, it } from 'vitest';
import { isReadOnlyLine } from './readOnlyLine';

describe('lines that only look', () => {
  it.each([
    'kubectl get deploy',
    'kubectl get pods -o wide -A',
    'kubectl -n kube-system get pods',
    'kubectl describe pod nginx',
    'kubectl logs nginx --tail 5',
    'kubectl explain pod.spec',
    'kubectl auth can-i create pods',
    'kubectl create deployment x --image=nginx --dry-run=client -o yaml',
    'kubectl apply -f web.yaml --dry-run=server',
    'proxy-rules worker-1',
  ])('%s looks without acting', (line) => expect(isReadOnlyLine(line)).toBe(true));

  it.each([
    'kubectl get pods -w',
    'kubectl get pods --watch',
    'kubectl logs -f nginx',
    'kubectl create deployment x --image=nginx',
    'kubectl apply -f web.yaml',
    'kubectl delete pod nginx',
    'kubectl scale deploy web --replicas=3',
    'kubectl create deployment x --image=nginx --dry-run=none',
    'request web 3',
    'wait 10s',
    'break apiserver',
    '# a comment',
    'kubectl',
  ])('%s acts (or is not a command)', (line) => expect(isReadOnlyLine(line)).toBe(false));
});
