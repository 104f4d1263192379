/**
 * Authentication as kubeadm's kube-apiserver does it for this server's clients: a bearer token
 * from the static token file, or nobody (anonymous auth is on: `system:anonymous` may read the
 * health and version endpoints, nothing else). kubectl's --as / --as-group arrive as the
 * Impersonate-User / Impersonate-Group headers and are checked by the engine's authorizer.
 */
import type { UserInfo } from '../engine';

export type Identity =
  | { kind: 'user'; user: UserInfo; as?: { user: string; groups: string[] } }
  | { kind: 'anonymous' };

export type AuthResult = Identity | { kind: 'unauthorized'; status: unknown };

/** authentication/request/bearertoken: a token nobody knows is a 401, not anonymous. */
export const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

export function authenticate(
  tokens: ReadonlyMap<string, UserInfo>,
  headers: Record<string, string | undefined>,
): AuthResult {
  const header = headers.authorization;
  if (!header) return { kind: 'anonymous' };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const user = m ? tokens.get(m[1]) : undefined;
  if (!user) return { kind: 'unauthorized', status: UNAUTHORIZED };
  const asUser = headers['impersonate-user'];
  if (!asUser) return { kind: 'user', user };
  const groups = (headers['impersonate-group'] ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
  return { kind: 'user', user, as: { user: asUser, groups } };
}
