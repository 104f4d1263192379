/**
 * Pod volumes (ValidateVolumes, validateVolumeSource and the per-source checks this cluster's
 * workloads use, pkg/apis/core/validation/validation.go).
 */
import type { FieldError } from '../../api/errors';
import { duplicate, fieldErrors, invalid, notSupported } from './fieldError';
import { isDNS1123Label } from './names';

// biome-ignore lint/suspicious/noExplicitAny: volumes are free-form JSON here
type Json = any;

/** The volume sources of core/v1.VolumeSource, in the order validateVolumeSource checks them. */
const SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
];

/** validateHostPathType: sets.List sorts the supported values. */
const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

export function validatePathNoBacksteps(path: string, field: string): FieldError[] {
  return path.split('/').includes('..') ? [invalid(field, path, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative and without `..`. */
export function validateLocalDescendingPath(path: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (path.startsWith('/')) errs.push(invalid(field, path, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(path, field));
  return errs;
}

/** validateLocalNonReservedPath: also no `..name` (the atomic writer's own entries start so). */
function validateLocalNonReservedPath(path: string, field: string): FieldError[] {
  const errs = validateLocalDescendingPath(path, field);
  if (path.startsWith('..') && !path.startsWith('../'))
    errs.push(invalid(field, path, "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, field: string): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0)
    ? [invalid(field, mode, FILE_MODE_ERROR)]
    : [];
}

function validateKeyToPaths(items: Json[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (items ?? []).forEach((kp, i) => {
    const path = `${field}[${i}]`;
    if (!kp.key) errs.push(fieldErrors.required(`${path}.key`));
    if (!kp.path) errs.push(fieldErrors.required(`${path}.path`));
    else errs.push(...validateLocalNonReservedPath(kp.path, `${path}.path`));
    errs.push(...validateMode(kp.mode, `${path}.mode`));
  });
  return errs;
}

function validateSource(v: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const source of SOURCES) {
    if (v[source] == null) continue;
    const path = `${field}.${source}`;
    if (count > 0) {
      errs.push(fieldErrors.forbidden(path, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const s = v[source];
    switch (source) {
      case 'hostPath':
        if (!s.path) {
          errs.push(fieldErrors.required(`${path}.path`));
          break;
        }
        errs.push(...validatePathNoBacksteps(s.path, `${path}.path`));
        if (s.type != null && !HOST_PATH_TYPES.includes(s.type)) {
          errs.push(notSupported(`${path}.type`, s.type, HOST_PATH_TYPES));
        }
        break;
      case 'secret':
        if (!s.secretName) errs.push(fieldErrors.required(`${path}.secretName`));
        errs.push(...validateMode(s.defaultMode, `${path}.defaultMode`));
        errs.push(...validateKeyToPaths(s.items, `${path}.items`));
        break;
      case 'configMap':
        if (!s.name) errs.push(fieldErrors.required(`${path}.name`));
        errs.push(...validateMode(s.defaultMode, `${path}.defaultMode`));
        errs.push(...validateKeyToPaths(s.items, `${path}.items`));
        break;
      case 'persistentVolumeClaim':
        if (!s.claimName) errs.push(fieldErrors.required(`${path}.claimName`));
        break;
      case 'nfs':
        if (!s.server) errs.push(fieldErrors.required(`${path}.server`));
        if (!s.path) errs.push(fieldErrors.required(`${path}.path`));
        if (!String(s.path ?? '').startsWith('/')) {
          errs.push(invalid(`${path}.path`, s.path ?? '', 'must be an absolute path'));
        }
        break;
      case 'downwardAPI':
      case 'projected':
        errs.push(...validateMode(s.defaultMode, `${path}.defaultMode`));
        break;
    }
  }
  if (count === 0) errs.push(fieldErrors.required(field, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: returns the errors and the names later mounts may refer to. */
export function validateVolumes(
  volumes: Json[] | undefined,
  field: string,
): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  (volumes ?? []).forEach((vol, i) => {
    const path = `${field}[${i}]`;
    const el = validateSource(vol, path);
    if (!vol.name) el.push(fieldErrors.required(`${path}.name`));
    else el.push(...isDNS1123Label(vol.name).map((msg) => invalid(`${path}.name`, vol.name, msg)));
    if (names.has(vol.name)) el.push(duplicate(`${path}.name`, vol.name));
    if (el.length === 0) names.add(vol.name);
    else errs.push(...el);
  });
  return { names, errs };
}
