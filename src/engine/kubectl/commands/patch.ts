/**
 * `kubectl patch` (kubernetes/kubectl pkg/cmd/patch/patch.go): the patch (JSON or YAML, from -p
 * or --patch-file) is sent as it is, with --type's Content-Type (strategic by default), to each
 * object named; kubectl reads each first and says `patched (no change)` when the answer equals
 * what it read. --dry-run=client applies the patch here instead (getPatchedJSON).
 */
import { apiVersionOf, type ResourceInfo } from '../../api/resources';
import type { KObject, PatchType } from '../../api/types';
import { PatchFailure } from '../../apiserver/patch/errors';
import { deepEqual, isMap, type JsonMap } from '../../apiserver/patch/json';
import { applyJsonPatch } from '../../apiserver/patch/jsonPatch';
import { applyMergePatch } from '../../apiserver/patch/mergePatch';
import { strategicMergeMapPatch } from '../../apiserver/patch/strategicMerge';
import { typeOfKind } from '../../apiserver/schema/unknownFields';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  FIELD_MANAGER_FLAG,
  FILENAME_FLAG,
  OUTPUT_FLAG,
  RECURSIVE_FLAG,
} from '../command';
import { aggregate, CommandFailure, type Failure, failWith } from '../errors';
import { joinPath, namedInFiles } from '../files';
import { parseManifestText } from '../manifest';
import { NO_RESOURCES_GIVEN, parseResourceArgs } from '../resourceArgs';
import { printResult } from './generated';
import { checkOutputFormat, stopOnNetwork } from './get';

export const patchCommand: CommandDef = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    FILENAME_FLAG,
    RECURSIVE_FLAG,
    FIELD_MANAGER_FLAG,
    { name: 'patch', short: 'p', kind: 'string' },
    { name: 'patch-file', kind: 'string' },
    { name: 'type', kind: 'string', default: 'strategic' },
    { name: 'local', kind: 'bool' },
    { name: 'subresource', kind: 'string' },
  ],
  run: runPatch,
};

/** patch.go patchTypes, by --type. */
const PATCH_TYPES: Record<string, Exclude<PatchType, 'apply'>> = {
  json: 'json',
  merge: 'merge',
  strategic: 'strategic',
};

/** The Content-Type of each, as kubectl names the patch type in its errors. */
const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

function runPatch(ctx: CommandContext): void {
  const { flags } = ctx;
  checkOutputFormat(flags.string('output'), ['yaml', 'json', 'name']);
  const dryRun = dryRunOf(ctx);
  const text = flags.string('patch');
  const file = flags.string('patch-file');
  if (text && file) throw failWith.message('cannot specify --patch and --patch-file together');
  if (!text && !file)
    throw failWith.message(
      'must specify --patch or --patch-file containing the contents of the patch',
    );
  if (flags.bool('local'))
    throw failWith.message(
      '--local is not available in this simulator: patch an object on the server, or use --dry-run=client',
    );
  const typeName = flags.string('type');
  const patchType = PATCH_TYPES[typeName.toLowerCase()];
  if (typeName && !patchType)
    throw failWith.message(
      `--type must be one of [json merge strategic], not ${JSON.stringify(typeName)}`,
    );
  const subresource = flags.string('subresource');
  if (subresource && subresource !== 'status')
    throw failWith.message(
      `invalid subresource value: ${JSON.stringify(subresource)}. Must be one of [status scale]`,
    );

  let source = text;
  if (file) {
    const read = ctx.host.readFile(joinPath(ctx.cwd, file));
    if (read === undefined)
      throw failWith.message(`unable to read patch file: open ${file}: no such file or directory`);
    source = read;
  }
  // yaml.ToJSON: YAML or JSON; nothing at all is null.
  const parsed = parseManifestText(source, 'patch');
  if ('error' in parsed)
    throw failWith.message(
      `unable to parse ${JSON.stringify(text)}: ${parsed.error.replace(/^error parsing patch: /, '')}`,
    );
  const body = parsed.docs[0] ?? null;

  const targets = resolveTargets(ctx);
  const failures: Failure[] = [...targets.errors];
  for (const { r, name, namespace } of targets.named) {
    const got = ctx.client.tryGet(r, namespace ?? ctx.namespace, name);
    if (!got.ok) {
      failures.push(stopOnNetwork(got.failure));
      continue;
    }
    const current = got.value;
    if (dryRun === 'client') {
      const local = patchLocally(r, current, patchType ?? 'strategic', body);
      if (!local.ok) {
        failures.push({ type: 'message', text: local.error });
        continue;
      }
      printResult(ctx, local.obj, operation(!deepEqual(current, local.obj)), dryRun);
      continue;
    }
    const res = ctx.client.tryPatch(
      r,
      namespace ?? ctx.namespace,
      name,
      patchType ?? 'strategic',
      body,
      {
        dryRun: dryRun === 'server',
        subresource: subresource ? 'status' : undefined,
      },
    );
    if (!res.ok) {
      const f = stopOnNetwork(res.failure);
      if (f.type === 'status' && f.status.reason === 'UnsupportedMediaType') {
        const gvk = `${r.group ? `${r.group}/` : ''}${r.version}, Kind=${r.kind}`;
        failures.push({
          type: 'message',
          text: `${CONTENT_TYPES[patchType ?? 'strategic']} is not supported by ${gvk}: ${f.status.message}`,
        });
      } else failures.push(f);
      continue;
    }
    printResult(ctx, res.value, operation(!deepEqual(current, res.value)), dryRun);
  }
  if (targets.named.length === 0 && failures.length === 0)
    throw failWith.message('no objects passed to patch');
  const agg = aggregate(failures);
  if (agg) throw new CommandFailure(failures.length === 1 ? failures[0] : agg);
}

/** patchOperation. */
function operation(didPatch: boolean): string {
  return didPatch ? 'patched' : 'patched (no change)';
}

/** The builder's ResourceTypeOrNameArgs and -f: the objects named. */
function resolveTargets(ctx: CommandContext): {
  named: { r: ResourceInfo; name: string; namespace?: string }[];
  errors: Failure[];
} {
  const filenames = ctx.flags.list('filename');
  const errors: Failure[] = [];
  const named: { r: ResourceInfo; name: string; namespace?: string }[] = [];
  if (filenames.length > 0) {
    const loaded = namedInFiles(ctx, filenames);
    errors.push(...loaded.errors);
    named.push(...loaded.named);
  }
  if (ctx.args.length > 0) {
    const parsed = parseResourceArgs(ctx.args);
    if (parsed.kind !== 'names')
      throw failWith.message('resource(s) were provided, but no name was specified');
    named.push(...parsed.items);
  }
  if (filenames.length === 0 && ctx.args.length === 0) throw failWith.message(NO_RESOURCES_GIVEN);
  return { named, errors };
}

/** getPatchedJSON: the patch applied here, as --dry-run=client does. */
function patchLocally(
  r: ResourceInfo,
  current: KObject,
  patchType: Exclude<PatchType, 'apply'>,
  body: unknown,
): { ok: true; obj: KObject } | { ok: false; error: string } {
  try {
    switch (patchType) {
      case 'json':
        if (!Array.isArray(body))
          return {
            ok: false,
            error: `json: cannot unmarshal ${isMap(body) ? 'object' : typeof body} into Go value of type jsonpatch.Patch`,
          };
        return { ok: true, obj: applyJsonPatch(current, body) as KObject };
      case 'merge':
        if (!isMap(body)) return { ok: false, error: 'Invalid JSON Patch' };
        return { ok: true, obj: applyMergePatch(current, body) as KObject };
      case 'strategic': {
        const schema = typeOfKind(apiVersionOf(r), r.kind) ?? r.kind;
        return {
          ok: true,
          obj: strategicMergeMapPatch(
            current,
            (isMap(body) ? body : {}) as JsonMap,
            schema,
          ) as KObject,
        };
      }
    }
  } catch (e) {
    if (e instanceof PatchFailure) return { ok: false, error: e.message };
    throw e;
  }
}
