/**
 * `kubectl apply -f` (client-side apply, kubernetes/kubectl pkg/cmd/apply/apply.go; `--server-side`
 * sends each object as an apply PATCH instead, see serverSideApplyOne): create what
 * is missing with the last-applied-configuration annotation, three-way merge what exists, and
 * report `created` / `configured` / `unchanged` per object. What exists gets the three-way
 * strategic merge patch kubectl computes (strategicpatch.CreateThreeWayMergePatch: the changes
 * from the live object to the file, and the deletions from the last-applied configuration to the
 * file), sent as a PATCH; an empty patch is `unchanged`.
 */
import { apiVersionOf, type ResourceInfo } from '../../api/resources';
import type { FieldValidation, KObject } from '../../api/types';
import { PatchFailure } from '../../apiserver/patch/errors';
import type { JsonMap } from '../../apiserver/patch/json';
import { createThreeWayMergePatch } from '../../apiserver/patch/strategicDiff';
import { typeOfKind } from '../../apiserver/schema/unknownFields';
import { clone, jsonClone } from '../../model/meta';
import { isNotFound } from '../client';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  type DryRun,
  dryRunOf,
  dryRunSuffix,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
  SELECTOR_FLAG,
  VALIDATE_FLAG,
  validationOf,
} from '../command';
import {
  addSourceToErr,
  aggregate,
  CommandFailure,
  dialError,
  type Failure,
  failWith,
  usageError,
} from '../errors';
import { loadManifests, type ManifestObject } from '../files';
import { encodeJson, sortedJsonText } from '../merge';
import { goYamlMarshal, type JsonValue } from '../print/goYaml';
import { renderName, renderObjects } from '../printing';
import { checkOutputFormat } from './get';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const applyCommand: CommandDef = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    VALIDATE_FLAG,
    SELECTOR_FLAG,
    FIELD_MANAGER_FLAG,
    { name: 'server-side', kind: 'bool' },
    { name: 'force-conflicts', kind: 'bool' },
    { name: 'overwrite', kind: 'bool', default: true },
    { name: 'show-managed-fields', kind: 'bool' },
  ],
  run: runApply,
};

/** cli-runtime Info.String(): how apply's wrapped errors name an object. */
export function infoString(m: ManifestObject): string {
  const group = `${m.r.group}/${m.r.version}`;
  return `Resource: "${group}, Resource=${m.r.resource}", GroupVersionKind: "${group}, Kind=${m.r.kind}"\nName: ${JSON.stringify(m.obj.metadata.name ?? '')}, Namespace: ${JSON.stringify(m.namespace ?? '')}`;
}

/**
 * Without a reachable server kubectl never gets past reading the files: validation cannot fetch
 * the OpenAPI schema (or, with --validate=false, discovery cannot map the kinds).
 */
export function unreachableErrors(
  objects: ManifestObject[],
  detail: string,
  server: string,
  validate: boolean,
): Failure {
  const sources = [...new Set(objects.map((o) => o.source))];
  const dial = dialError(detail, server);
  return {
    type: 'aggregate',
    errors: sources.map((s) => ({
      type: 'message',
      text: validate
        ? `error validating ${JSON.stringify(s)}: error validating data: failed to download openapi: Get "https://${server}/openapi/v2?timeout=32s": ${dial}; if you choose to ignore these errors, turn validation off with --validate=false`
        : `unable to recognize ${JSON.stringify(s)}: Get "https://${server}/api?timeout=32s": ${dial}`,
    })),
  };
}

/** The file's object without the annotation, and with it set to that object's JSON. */
function withLastApplied(obj: KObject): KObject {
  const copy = clone(obj);
  const annotations: Record<string, string> = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  const modified = clone(copy);
  modified.metadata.annotations = { ...annotations, [LAST_APPLIED]: encodeJson(copy) };
  return modified;
}

function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (val !== null) out[k] = pruneNulls(val);
    return out;
  }
  return v;
}

function runApply(ctx: CommandContext): void {
  const { flags, out, host } = ctx;
  if (ctx.args.length > 0) throw usageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
  const dryRun = dryRunOf(ctx);
  const format = flags.string('output');
  checkOutputFormat(format, ['yaml', 'json', 'name']);
  if (flags.bool('force-conflicts') && !flags.bool('server-side')) {
    throw failWith.message('--force-conflicts only works with --server-side');
  }
  const serverSide = flags.bool('server-side');
  if (serverSide && dryRun === 'client')
    throw failWith.message(
      "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)",
    );
  const filenames = flags.list('filename');
  if (filenames.length === 0) throw failWith.message('must specify one of -f and -k');
  const fieldValidation = validationOf(ctx);
  const validate = fieldValidation !== 'Ignore';
  const { objects, errors } = loadManifests(host, filenames, {
    cwd: ctx.cwd,
    namespace: ctx.namespace,
    enforceNamespace: ctx.explicitNamespace,
    validate,
  });
  if (objects.length === 0 && errors.length === 0)
    throw failWith.message('no objects passed to apply');

  // ApplyOptions.Run: what the builder could not read comes first, then each object's failure;
  // every object it could read is applied.
  const failures: Failure[] = [...errors];
  const applied: KObject[] = [];
  for (const [i, m] of objects.entries()) {
    const res = serverSide
      ? serverSideApplyOne(ctx, m, dryRun, format, fieldValidation)
      : applyOne(ctx, m, dryRun, format, fieldValidation);
    if (res.ok) {
      applied.push(res.object);
      continue;
    }
    if (i === 0 && errors.length === 0 && res.failure.type === 'network') {
      throw new CommandFailure(
        unreachableErrors(objects, res.failure.detail, host.serverAddress, validate),
      );
    }
    failures.push(res.failure);
  }
  if (format === 'yaml' || format === 'json') {
    if (applied.length > 0)
      out.write(
        renderObjects(
          applied.length === 1 ? applied[0] : applied,
          format,
          flags.bool('show-managed-fields'),
        ),
      );
  }
  const agg = aggregate(failures);
  if (agg) throw new CommandFailure(failures.length === 1 ? failures[0] : agg);
}

type ApplyResult = { ok: true; object: KObject } | { ok: false; failure: Failure };

function report(
  ctx: CommandContext,
  obj: KObject,
  r: ResourceInfo,
  operation: string,
  dryRun: DryRun,
  format: string,
) {
  if (format === 'yaml' || format === 'json') return;
  const named = { ...obj, apiVersion: obj.apiVersion ?? apiVersionOf(r), kind: obj.kind ?? r.kind };
  if (format === 'name') ctx.out.line(renderName(named));
  else ctx.out.line(`${renderName(named)} ${operation}${dryRunSuffix(dryRun)}`);
}

function applyOne(
  ctx: CommandContext,
  m: ManifestObject,
  dryRun: DryRun,
  format: string,
  fieldValidation: FieldValidation,
): ApplyResult {
  const { client, host, out } = ctx;
  const server = host.serverAddress;
  const name = m.obj.metadata.name ?? '';
  if (!name) {
    if (m.obj.metadata.generateName) {
      return {
        ok: false,
        failure: {
          type: 'message',
          text: `from ${m.obj.metadata.generateName}: cannot use generate name with apply`,
        },
      };
    }
    const f: Failure = { type: 'message', text: 'resource name may not be empty' };
    return {
      ok: false,
      failure: addSourceToErr(
        `retrieving current configuration of:\n${infoString(m)}\nfrom server for:`,
        m.source,
        f,
        server,
      ),
    };
  }
  const modified = withLastApplied(m.obj);
  const got = client.tryGet(m.r, m.namespace, name);
  if (!got.ok && got.failure.type === 'network') return got;
  if (!got.ok && !isNotFound(got.failure)) {
    return {
      ok: false,
      failure: addSourceToErr(
        `retrieving current configuration of:\n${infoString(m)}\nfrom server for:`,
        m.source,
        got.failure,
        server,
      ),
    };
  }
  if (!got.ok) {
    const body = pruneNulls(modified) as KObject;
    let created = body;
    if (dryRun !== 'client') {
      const res = client.tryCreate(m.r, m.namespace, body, {
        dryRun: dryRun === 'server',
        fieldValidation,
      });
      if (!res.ok)
        return { ok: false, failure: addSourceToErr('creating', m.source, res.failure, server) };
      created = res.value;
    }
    report(ctx, created, m.r, 'created', dryRun, format);
    return { ok: true, object: created };
  }

  let current = got.value;
  if (dryRun === 'client') {
    report(ctx, current, m.r, 'configured', dryRun, format);
    return { ok: true, object: current };
  }
  if (current.metadata.annotations?.[LAST_APPLIED] === undefined) {
    out.line(
      `Warning: resource ${m.r.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
    );
  }
  const schema = typeOfKind(apiVersionOf(m.r), m.r.kind) ?? m.r.kind;
  const overwrite = ctx.flags.bool('overwrite');
  // Patcher.Patch: on a Conflict, read the object again and patch once more (up to 5 times).
  for (let attempt = 0; ; attempt++) {
    const original = parseLastApplied(current);
    const live = jsonClone(current) as JsonMap;
    let patch: JsonMap;
    try {
      patch = createThreeWayMergePatch(
        original,
        modified as JsonMap,
        live,
        schema,
        overwrite,
        (v) => goYamlMarshal(v as JsonValue),
      );
    } catch (e) {
      if (!(e instanceof PatchFailure)) throw e;
      const text = current.metadata.annotations?.[LAST_APPLIED] ?? '';
      return {
        ok: false,
        failure: addSourceToErr(
          `creating patch with:\noriginal:\n${text}\nmodified:\n${encodeJson(modified)}\ncurrent:\n${encodeJson(live)}\nfor:`,
          m.source,
          { type: 'message', text: e.message },
          server,
        ),
      };
    }
    if (Object.keys(patch).length === 0) {
      report(ctx, current, m.r, 'unchanged', dryRun, format);
      return { ok: true, object: current };
    }
    const res = client.tryPatch(m.r, m.namespace, name, 'strategic', patch, {
      dryRun: dryRun === 'server',
      fieldValidation,
    });
    if (res.ok) {
      if (res.value.metadata.deletionTimestamp) {
        out.line(
          `Warning: Detected changes to resource ${m.r.resource}/${name} which is currently being deleted.`,
        );
      }
      report(ctx, res.value, m.r, 'configured', dryRun, format);
      return { ok: true, object: res.value };
    }
    const conflict = res.failure.type === 'status' && res.failure.status.reason === 'Conflict';
    if (conflict && attempt < MAX_PATCH_RETRY - 1) {
      const again = client.tryGet(m.r, m.namespace, name);
      if (again.ok) {
        current = again.value;
        continue;
      }
    }
    return {
      ok: false,
      failure: addSourceToErr(
        `applying patch:\n${sortedJsonText(patch)}\nto:\n${infoString(m)}\nfor:`,
        m.source,
        res.failure,
        server,
      ),
    };
  }
}

/** apply.go: what kubectl adds to a server-side apply's 409. */
const CONFLICT_HINT = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/**
 * `apply --server-side` (applyOneObject's ServerSideApply branch): the whole object sent as an
 * apply PATCH (application/apply-patch+yaml) with the field manager (`kubectl` unless
 * --field-manager) and --force-conflicts; the server merges it and records ownership.
 */
function serverSideApplyOne(
  ctx: CommandContext,
  m: ManifestObject,
  dryRun: DryRun,
  format: string,
  fieldValidation: FieldValidation,
): ApplyResult {
  const name = m.obj.metadata.name ?? '';
  if (!name && m.obj.metadata.generateName)
    return {
      ok: false,
      failure: {
        type: 'message',
        text: `from ${m.obj.metadata.generateName}: cannot use generate name with apply`,
      },
    };
  const res = ctx.client.tryPatch(m.r, m.namespace, name, 'apply', m.obj, {
    dryRun: dryRun === 'server',
    fieldValidation,
    fieldManager: ctx.flags.string('field-manager') || SERVER_SIDE_FIELD_MANAGER,
    force: ctx.flags.bool('force-conflicts'),
  });
  if (!res.ok) {
    const f = res.failure;
    if (f.type === 'status' && f.status.code === 409)
      return {
        ok: false,
        failure: { type: 'message', text: `${f.status.message}\n${CONFLICT_HINT}` },
      };
    return res;
  }
  if (res.value.metadata.deletionTimestamp)
    ctx.out.line(
      `Warning: Detected changes to resource ${m.r.resource}/${name} which is currently being deleted.`,
    );
  report(ctx, res.value, m.r, 'serverside-applied', dryRun, format);
  return { ok: true, object: res.value };
}

/** apply.go fieldManagerServerSideApply. */
const SERVER_SIDE_FIELD_MANAGER = 'kubectl';

/** apply.go maxPatchRetry. */
const MAX_PATCH_RETRY = 5;

/** GetOriginalConfiguration: the last-applied configuration, empty when there is none. */
function parseLastApplied(obj: KObject): JsonMap {
  const text = obj.metadata.annotations?.[LAST_APPLIED];
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}
