import { describe, expect, it } from 'vitest';
import { hasMessage } from '../i18n';
import { bendsKeys, describeElement, ELEMENT_KINDS, notSimulatedKeys } from './metaphor';

describe('the kitchen metaphor', () => {
  it('names every scene element kind in the catalogues', () => {
    for (const kind of ELEMENT_KINDS) {
      for (const part of ['kitchen', 'role', 'does']) {
        expect(hasMessage(`metaphor.${kind}.${part}`), `${kind}.${part}`).toBe(true);
      }
    }
    for (const key of bendsKeys()) expect(hasMessage(key), key).toBe(true);
    for (const key of notSimulatedKeys()) expect(hasMessage(key), key).toBe(true);
  });

  it('tells static pods from the other pods of kube-system, and says what is not simulated', () => {
    expect(describeElement('pod/kube-system/kube-scheduler-control-plane').kind).toBe('staticPod');
    expect(describeElement('pod/kube-system/coredns-5c84b478cd-28pl8')).toMatchObject({
      kind: 'pod',
      notSimulatedKey: 'metaphor.notSimulated.dns',
    });
    expect(describeElement('pod/kube-system/kube-proxy-qx8zq').kind).toBe('pod');
    expect(describeElement('service/kube-system/kube-dns').notSimulatedKey).toBe(
      'metaphor.notSimulated.dns',
    );
    expect(describeElement('node/worker-1').notSimulatedKey).toBe('metaphor.notSimulated.cni');
    expect(describeElement('container/default/nginx/pause').notSimulatedKey).toBe(
      'metaphor.notSimulated.cni',
    );
    expect(describeElement('pod/default/nginx').notSimulatedKey).toBeUndefined();
  });

  it('reads trace actors and object refs', () => {
    expect(describeElement('kube-apiserver').kind).toBe('apiserver');
    expect(describeElement('kubelet/worker-1')).toMatchObject({
      kind: 'kubelet',
      node: 'worker-1',
      kubeName: 'kubelet on worker-1',
    });
    expect(describeElement('containerd/worker-2').kind).toBe('runtime');
    expect(describeElement('kube-proxy/worker-1').bendsKey).toBe('metaphor.proxy.bends');
    expect(describeElement('pod/default/nginx')).toMatchObject({ kind: 'pod', kubeName: 'nginx' });
    expect(describeElement('pod/kube-system/etcd-control-plane').kind).toBe('staticPod');
    expect(describeElement('node/control-plane').kind).toBe('controlPlaneNode');
    expect(describeElement('node/worker-1').kind).toBe('node');
    expect(describeElement('container/default/nginx/nginx').kind).toBe('container');
    expect(describeElement('container/default/nginx/pause').kind).toBe('sandbox');
    expect(describeElement('deployment/default/web').kind).toBe('object');
  });
});
