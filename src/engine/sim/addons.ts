/**
 * kubeadm init's addon phase and what it leaves in kube-system and kube-public: the CoreDNS
 * Deployment with its ConfigMap, ServiceAccount and the `kube-dns` Service, the kube-proxy
 * DaemonSet with its ServiceAccount, and kube-public's `cluster-info` ConfigMap (bootstrap-token
 * phase). The manifests are kubeadm's own: k/k cmd/kubeadm/app/phases/addons/dns/manifests.go
 * (CoreDNSDeployment, CoreDNSService, CoreDNSConfigMap, CoreDNSServiceAccount) and
 * addons/proxy/manifests.go (KubeProxyDaemonSet19), rendered with kubeadm's defaults: DNS domain
 * cluster.local, DNS IP 10.96.0.10 (the tenth address of the 10.96.0.0/12 service subnet,
 * constants.GetDNSIP), 2 CoreDNS replicas (dns.go coreDNSReplicas).
 *
 * Left out: CoreDNS's ClusterRole and ClusterRoleBinding `system:coredns` (this API server serves
 * no RBAC objects), the kube-proxy ConfigMap and the kube-proxy pods' hostPath volumes.
 */
import type { KObject } from '../api/types';
import { KUBERNETES_VERSION } from './defaults';

/** kubeadm constants.CoreDNSVersion for Kubernetes v1.34 (build/dependencies.yaml: coredns v1.12.1). */
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.12.1';
export const KUBE_PROXY_IMAGE = `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`;
/** constants.GetDNSIP: the service subnet's tenth address. */
export const DNS_IP = '10.96.0.10';
const DNS_DOMAIN = 'cluster.local';
const CONTROL_PLANE_TAINT = 'node-role.kubernetes.io/control-plane';

/** CoreDNSConfigMap's Corefile with DNSDomain = cluster.local. */
export const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${DNS_DOMAIN} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${DNS_DOMAIN}
       disable denial ${DNS_DOMAIN}
    }
    loop
    reload
    loadbalance
}
`;

export function coreDnsObjects(): KObject[] {
  const kubeDns = { 'k8s-app': 'kube-dns' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: COREFILE },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'coredns', namespace: 'kube-system' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { ...kubeDns } },
      spec: {
        replicas: 2,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        selector: { matchLabels: { ...kubeDns } },
        template: {
          metadata: { labels: { ...kubeDns } },
          spec: {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  {
                    weight: 100,
                    podAffinityTerm: {
                      labelSelector: {
                        matchExpressions: [
                          { key: 'k8s-app', operator: 'In', values: ['kube-dns'] },
                        ],
                      },
                      topologyKey: 'kubernetes.io/hostname',
                    },
                  },
                ],
              },
            },
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { key: CONTROL_PLANE_TAINT, effect: 'NoSchedule' },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            containers: [
              {
                name: 'coredns',
                image: COREDNS_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                resources: {
                  limits: { memory: '170Mi' },
                  requests: { cpu: '100m', memory: '70Mi' },
                },
                args: ['-conf', '/etc/coredns/Corefile'],
                volumeMounts: [
                  { name: 'config-volume', mountPath: '/etc/coredns', readOnly: true },
                ],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                  { containerPort: 8080, name: 'liveness-probe', protocol: 'TCP' },
                  { containerPort: 8181, name: 'readiness-probe', protocol: 'TCP' },
                ],
                livenessProbe: {
                  httpGet: { path: '/health', port: 'liveness-probe', scheme: 'HTTP' },
                  initialDelaySeconds: 60,
                  timeoutSeconds: 5,
                  successThreshold: 1,
                  failureThreshold: 5,
                },
                readinessProbe: {
                  httpGet: { path: '/ready', port: 'readiness-probe', scheme: 'HTTP' },
                },
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
                  readOnlyRootFilesystem: true,
                },
              },
            ],
            dnsPolicy: 'Default',
            volumes: [
              {
                name: 'config-volume',
                configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] },
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: {
          ...kubeDns,
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: DNS_IP,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { ...kubeDns },
      },
    },
  ];
}

export function kubeProxyObjects(): KObject[] {
  const labels = { 'k8s-app': 'kube-proxy' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { ...labels } },
      spec: {
        selector: { matchLabels: { ...labels } },
        updateStrategy: { type: 'RollingUpdate' },
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            priorityClassName: 'system-node-critical',
            containers: [
              {
                name: 'kube-proxy',
                image: KUBE_PROXY_IMAGE,
                imagePullPolicy: 'IfNotPresent',
                command: [
                  '/usr/local/bin/kube-proxy',
                  '--config=/var/lib/kube-proxy/config.conf',
                  '--hostname-override=$(NODE_NAME)',
                ],
                env: [
                  { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
                ],
              },
            ],
            hostNetwork: true,
            serviceAccountName: 'kube-proxy',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { operator: 'Exists' },
            ],
            nodeSelector: { 'kubernetes.io/os': 'linux' },
          },
        },
      },
    },
  ];
}

/**
 * kube-public/cluster-info (kubeadm's bootstrap-token phase, clusterinfo.go): the kubeconfig a
 * joining node reads before it trusts the cluster. Its certificate is simulated text.
 */
export function clusterInfo(apiServerIp: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cluster-info', namespace: 'kube-public' },
    data: {
      kubeconfig: `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA_BASE64}
    server: https://${apiServerIp}:6443
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`,
    },
  };
}

/**
 * The cluster CA in PEM form, as the root-ca-cert-publisher copies it into every namespace. Not a
 * real certificate: fixed text shaped like one, so every run prints the same bytes.
 */
export const CLUSTER_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDBTCCa3ViZS1raXRjaGVuOiBhIHNpbXVsYXRlZCBjbHVzdGVyIENBIChDTj1r
dWJlcm5ldGVzKS4gTm90IGEgcmVhbCBjZXJ0aWZpY2F0ZSBhbmQgbm90IGEgcmVh
bCBrZXk7IGl0IHJlYWRzIHRoZSBzYW1lIGV2ZXJ5IHJ1biwgc28gbGFiIHRyYW5z
Y3JpcHRzIHN0YXkgYnl0ZSBmb3IgYnl0ZSBpZGVudGljYWwu
-----END CERTIFICATE-----
`;

const CA_DATA_BASE64 = base64(CLUSTER_CA_PEM);

function base64(text: string): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    // charCodeAt past the end is NaN: `|| 0` pads with zero bits.
    const n =
      (text.charCodeAt(i) << 16) |
      ((text.charCodeAt(i + 1) || 0) << 8) |
      (text.charCodeAt(i + 2) || 0);
    const left = text.length - i;
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63];
    out += left > 1 ? abc[(n >> 6) & 63] : '=';
    out += left > 2 ? abc[n & 63] : '=';
  }
  return out;
}
