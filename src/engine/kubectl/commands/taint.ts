/**
 * `kubectl taint nodes NODE key[=value]:Effect … key[:Effect]-` (kubernetes/kubectl
 * pkg/cmd/taint/taint.go and utils.go): parse, check, compute the new taint list the way
 * ReorganizeTaints does, and report `tainted`, `untainted` or `modified`.
 */
import { resourceInfo } from '../../api/resources';
import type { KObject } from '../../api/types';
import {
  type CommandContext,
  type CommandDef,
  DRY_RUN_FLAG,
  dryRunOf,
  dryRunSuffix,
  OUTPUT_FLAG,
  SELECTOR_FLAG,
} from '../command';
import { aggregate, CommandFailure, type Failure, failWith, usageError } from '../errors';
import { lookupResource } from '../resourceArgs';

interface Taint {
  key: string;
  value?: string;
  effect?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const taintCommand: CommandDef = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  flags: [
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    { name: 'overwrite', kind: 'bool' },
    { name: 'all', kind: 'bool' },
    { name: 'validate', kind: 'string', default: 'strict', noOptDefVal: 'strict' },
  ],
  run: runTaint,
};

/** Taint.ToString (k8s.io/api core/v1 taint.go). */
function taintString(t: Taint): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** validation.IsQualifiedName, messages from apimachinery pkg/util/validation. */
function qualifiedNameErrors(key: string): string[] {
  const parts = key.split('/');
  let name = key;
  const errs: string[] = [];
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else if (!DNS_SUBDOMAIN.test(prefix)) {
      errs.push(
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      );
    }
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !QUALIFIED_NAME.test(name)) {
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  }
  return errs;
}

/** parseTaint: `key`, `key:effect` or `key=value:effect`. */
function parseTaint(spec: string): Taint {
  const parts = spec.split(':');
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) {
    key = parts[0];
  } else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect))
      throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${spec}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const valueErrs: string[] = [];
      if (value.length > 63) valueErrs.push('must be no more than 63 characters');
      if (!LABEL_VALUE.test(value)) {
        valueErrs.push(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        );
      }
      if (valueErrs.length > 0)
        throw new Error(`invalid taint spec: ${spec}, ${valueErrs.join('; ')}`);
    }
  } else {
    throw new Error(`invalid taint spec: ${spec}`);
  }
  const keyErrs = qualifiedNameErrors(key);
  if (keyErrs.length > 0) throw new Error(`invalid taint spec: ${spec}, ${keyErrs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** ParseTaints: what to add and what to remove. */
function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      throw new Error(
        `duplicated taints with the same key and effect: {${t.key} ${t.value ?? ''} ${t.effect} <nil>}`,
      );
    }
    add.push(t);
  }
  return { add, remove };
}

const matches = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** ReorganizeTaints. */
function reorganize(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]) {
  let next = [...add];
  for (const o of old) if (!next.some((t) => matches(t, o))) next.push(o);
  const added = old.length !== next.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = next.length;
    next = next.filter((t) => !(r.effect ? matches(r, t) : t.key === r.key));
    deleted = next.length !== before;
    if (!deleted) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints: next, errors };
}

function runTaint(ctx: CommandContext): void {
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const a of ctx.args) {
    const isTaint = a.includes('=') || a.includes(':') || a.endsWith('-');
    if (isTaint) taintArgs.push(a);
    else if (taintArgs.length > 0)
      throw failWith.message(`all resources must be specified before taint changes: ${a}`);
    else resources.push(a);
  }
  if (resources.length < 1)
    throw failWith.message('one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw failWith.message('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (e) {
    throw usageError(ctx.path, (e as Error).message);
  }
  const dryRun = dryRunOf(ctx);
  const r = lookupResource(resources[0].toLowerCase());
  if (r.kind !== 'Node')
    throw failWith.message(`invalid resource type ${resources[0]}, only node types are supported`);
  const conflicts = parsed.add
    .flatMap((a) =>
      parsed.remove.filter((rm) => rm.key === a.key && (!rm.effect || rm.effect === a.effect)),
    )
    .map((rm) => `{"${rm.key}":"${rm.effect ?? ''}"}`);
  if (conflicts.length > 0) {
    throw failWith.message(
      `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
    );
  }
  const all = ctx.flags.bool('all');
  const selector = ctx.flags.string('selector');
  if (all && selector)
    throw failWith.message("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2) {
    throw failWith.message(
      "at least one resource name must be specified since 'all' parameter is not set",
    );
  }

  const nodes = resourceInfo('nodes');
  const targets: KObject[] =
    all || selector
      ? ctx.client.list(nodes, undefined, { labelSelector: selector })
      : resources.slice(1).map((name) => ctx.client.get(nodes, undefined, name));
  const overwrite = ctx.flags.bool('overwrite');
  const failures: Failure[] = [];
  for (const node of targets) {
    const name = node.metadata.name as string;
    const old: Taint[] = node.spec?.taints ?? [];
    if (!overwrite) {
      const exists = parsed.add
        .filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect))
        .map((a) => a.key);
      if (exists.length > 0) {
        failures.push({
          type: 'message',
          text: `node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`,
        });
        continue;
      }
    }
    const next = reorganize(old, overwrite, parsed.add, parsed.remove);
    if (next.errors.length > 0) {
      failures.push({
        type: 'aggregate',
        errors: next.errors.map((text) => ({ type: 'message', text })),
      });
      continue;
    }
    const write = (current: KObject) => {
      const spec = { ...(current.spec ?? {}) };
      if (next.taints.length > 0) spec.taints = next.taints;
      else delete spec.taints;
      return { ...current, spec };
    };
    const result =
      dryRun === 'client'
        ? write(node)
        : ctx.client.patchFrom(nodes, undefined, node, write, dryRun === 'server');
    ctx.out.line(`node/${result.metadata.name} ${next.operation}${dryRunSuffix(dryRun)}`);
  }
  const agg = aggregate(failures);
  if (agg) throw new CommandFailure(failures.length === 1 ? failures[0] : agg);
}
