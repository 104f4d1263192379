/**
 * k8s.io/apiserver pkg/endpoints/discovery/storageversionhash.go: the first 8 bytes of the
 * SHA-256 of "group/version/kind" (the version objects are stored in), base64. Clients compare it
 * to notice a storage version change; the real values for this cluster's kinds are in the
 * test table kubernetes/kubernetes pkg/controlplane/storageversionhashdata/data.go
 * (Pod "xPOwRZ+Yhw8=").
 */
import { createHash } from 'node:crypto';

export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256')
    .update(`${group}/${version}/${kind}`)
    .digest()
    .subarray(0, 8)
    .toString('base64');
}
