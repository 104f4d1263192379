/**
 * The kubeconfig a served cluster hands out: its CA, its address, a token credential and a
 * context named `kube-kitchen` (kubeadm's admin.conf layout, with a token instead of a client
 * certificate).
 */
import { stringify } from 'yaml';

export interface KubeconfigParts {
  server: string;
  caCertPem: string;
  token: string;
  user?: string;
}

export const CONTEXT = 'kube-kitchen';

export function kubeconfig(p: KubeconfigParts): string {
  const user = p.user ?? 'kubernetes-admin';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: CONTEXT,
        cluster: {
          'certificate-authority-data': Buffer.from(p.caCertPem).toString('base64'),
          server: p.server,
        },
      },
    ],
    contexts: [{ name: CONTEXT, context: { cluster: CONTEXT, user } }],
    'current-context': CONTEXT,
    preferences: {},
    users: [{ name: user, user: { token: p.token } }],
  });
}
