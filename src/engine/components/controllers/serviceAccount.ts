/**
 * serviceaccount-controller and root-ca-cert-publisher: every namespace gets a `default`
 * ServiceAccount and the `kube-root-ca.crt` ConfigMap (pods' token volumes project it). Both are
 * made again when deleted, and the publisher puts the CA bundle and its description back when
 * someone edits them (pkg/controller/serviceaccount/serviceaccounts_controller.go,
 * pkg/controller/certificates/rootcacertpublisher/publisher.go syncNamespace).
 */
import type { KObject } from '../../api/types';
import { jsonEqual } from '../../model/meta';
import { CLUSTER_CA_PEM } from '../../sim/addons';
import type { Simulation } from '../../sim/simulation';
import { kcmApi } from './common';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
const CA_DATA = { 'ca.crt': CLUSTER_CA_PEM };

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
  publishRootCa(sim, ns);
}

function publishRootCa(sim: Simulation, ns: string): void {
  const cm = sim.store('configmaps')[`${ns}/${ROOT_CA_CONFIGMAP}`];
  if (!cm) {
    kcmApi(sim, {
      verb: 'create',
      resource: 'configmaps',
      namespace: ns,
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: ROOT_CA_CONFIGMAP,
          namespace: ns,
          annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION },
        },
        data: { ...CA_DATA },
      },
    });
    return;
  }
  if (jsonEqual(cm.data, CA_DATA) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
  const body: KObject = {
    ...cm,
    metadata: {
      ...cm.metadata,
      annotations: { ...(cm.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION },
    },
    data: { ...CA_DATA },
  };
  kcmApi(sim, {
    verb: 'update',
    resource: 'configmaps',
    namespace: ns,
    name: ROOT_CA_CONFIGMAP,
    body,
  });
}
