/**
 * serviceaccount-controller and root-ca-cert-publisher: every namespace gets a `default`
 * ServiceAccount and the `kube-root-ca.crt` ConfigMap (pods' token volumes project it).
 */
import type { Simulation } from '../../sim/simulation';
import { kcmApi } from './common';

export function ensureNamespaceDefaults(sim: Simulation, ns: string): void {
  const nsObj = sim.store('namespaces')[ns];
  if (!nsObj || nsObj.metadata.deletionTimestamp) return;
  if (!sim.store('serviceaccounts')[`${ns}/default`]) {
    kcmApi(sim, {
      verb: 'create',
      resource: 'serviceaccounts',
      namespace: ns,
      body: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'default', namespace: ns },
      },
    });
  }
  if (!sim.store('configmaps')[`${ns}/kube-root-ca.crt`]) {
    kcmApi(sim, {
      verb: 'create',
      resource: 'configmaps',
      namespace: ns,
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kube-root-ca.crt',
          namespace: ns,
          annotations: {
            'kubernetes.io/description':
              'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
          },
        },
        data: {
          'ca.crt':
            '-----BEGIN CERTIFICATE-----\n(simulated cluster CA)\n-----END CERTIFICATE-----\n',
        },
      },
    });
  }
}
