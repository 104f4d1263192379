/** describe.go describeVolumes for the volume sources a simulated pod can carry. */
import type { Volume } from 'kubernetes-types/core/v1';
import { compareStrings } from '../labels';
import { parseQuantity, quantityString } from '../quantity';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './writer';

export function describeVolumes(
  volumes: Volume[] | undefined,
  w: PrefixWriter,
  space: string,
): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${volume.name}:\n`);
    describeSource(volume, w);
  }
}

function describeSource(v: Volume, w: PrefixWriter): void {
  if (v.hostPath) {
    w.write(
      LEVEL_2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`,
    );
  } else if (v.emptyDir) {
    const limit = parseQuantity(v.emptyDir.sizeLimit);
    const sizeLimit = limit.nano > 0n ? quantityString(limit) : '<unset>';
    w.write(
      LEVEL_2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`,
    );
  } else if (v.secret) {
    w.write(
      LEVEL_2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${Boolean(v.secret.optional)}\n`,
    );
  } else if (v.configMap) {
    w.write(
      LEVEL_2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${Boolean(v.configMap.optional)}\n`,
    );
  } else if (v.persistentVolumeClaim) {
    w.write(
      LEVEL_2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${Boolean(v.persistentVolumeClaim.readOnly)}\n`,
    );
  } else if (v.downwardAPI) {
    w.write(
      LEVEL_2,
      'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n',
    );
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef)
        w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    w.write(
      LEVEL_2,
      'Type:\tProjected (a volume that contains injected data from multiple sources)\n',
    );
    for (const source of v.projected.sources ?? []) {
      if (source.secret) {
        w.write(
          LEVEL_2,
          `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${Boolean(source.secret.optional)}\n`,
        );
      } else if (source.downwardAPI) {
        w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      } else if (source.configMap) {
        w.write(
          LEVEL_2,
          `ConfigMapName:\t${source.configMap.name ?? ''}\n    Optional:\t${Boolean(source.configMap.optional)}\n`,
        );
      } else if (source.serviceAccountToken) {
        w.write(
          LEVEL_2,
          `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds}\n`,
        );
      }
    }
  } else if (v.ephemeral) {
    w.write(
      LEVEL_2,
      'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
    );
  } else if (v.csi) {
    w.write(
      LEVEL_2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${Boolean(v.csi.readOnly)}\n`,
    );
    const attributes = v.csi.volumeAttributes ?? {};
    const keys = Object.keys(attributes).sort(compareStrings);
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    if (keys.length === 0) w.writeLine('<none>');
    keys.forEach((key, i) => {
      if (i !== 0) w.write(LEVEL_2, '\t');
      const line = `${key}=${attributes[key]}`;
      w.write(LEVEL_2, `${line.length > 140 ? `${line.slice(0, 140)}...` : line}\n`);
    });
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}
