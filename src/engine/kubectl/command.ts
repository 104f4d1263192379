/**
 * The shape every kubectl command shares: its flags (as cobra declares them), and a run function
 * that reads a CommandContext and writes to an Output, throwing CommandFailure to end like
 * cmdutil.CheckErr.
 */
import type { FieldValidation } from '../api/types';
import { Client } from './client';
import { failWith } from './errors';
import type { DirectoryLister } from './files';
import type { FlagSpec, Flags } from './flags';
import type { Impersonation, KubectlHost } from './host';
import type { Output } from './output';

export interface CommandContext {
  host: KubectlHost & DirectoryLister;
  client: Client;
  out: Output;
  flags: Flags;
  /** Positional arguments (flags removed). */
  args: string[];
  /** -n/--namespace, or the kubeconfig context's namespace (`default`). */
  namespace: string;
  /** -n was given (cobra: EnforceNamespace). */
  explicitNamespace: boolean;
  /** Directory -f paths are relative to. */
  cwd: string;
  /** `kubectl get`, `kubectl rollout status`: how usage errors name the command. */
  path: string;
}

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** cobra Short: the one-line description `kubectl --help` lists. */
  short: string;
  flags: FlagSpec[];
  subcommands?: CommandDef[];
  /** cobra Long: what `--help` prints first (Short when absent). */
  long?: string;
  /** cobra Use after `kubectl ` (DisableFlagsInUseLine): the usage line, `[options]` follows. */
  use?: string;
  /** cobra Example, one line each (kubectl indents them by two spaces). */
  example?: string[];
  /** cobra SuggestFor: names that suggest this command when mistyped. */
  suggestFor?: string[];
  run?: (ctx: CommandContext) => void;
}

/** `kubectl CMD --help`: the short description, usage and subcommands. */
export function commandHelp(def: CommandDef, path: string): string {
  const lines = [def.long ?? def.short, ''];
  if (def.example?.length) {
    lines.push('Examples:', ...def.example.map((l) => (l ? `  ${l}` : '')), '');
  }
  lines.push('Usage:', def.use ? `  kubectl ${def.use} [options]` : `  ${path} [flags] [options]`);
  if (def.subcommands?.length) {
    lines.push('', 'Available Commands:');
    // cobra's NamePadding: the longest sibling name, at least 11, then a space.
    const pad = Math.max(11, ...def.subcommands.map((s) => s.name.length));
    for (const s of def.subcommands) lines.push(`  ${s.name.padEnd(pad)} ${s.short}`);
  }
  lines.push(
    '',
    'Use "kubectl options" for a list of global command-line options (applies to all commands).',
    '',
  );
  return lines.join('\n');
}

/** `warn` prints each Warning header the server answers with (client-go's warning writer). */
export function newClient(
  host: KubectlHost,
  as?: Impersonation,
  warn?: (text: string) => void,
): Client {
  return new Client(host, as, warn);
}

// ---- flags several commands share (kubectl pkg/cmd/util/helpers.go and cli-runtime) ----

export const NAMESPACE_FLAG: FlagSpec = { name: 'namespace', short: 'n', kind: 'string' };
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool' };
/** cli-runtime ConfigFlags: impersonation (`--as-group` is a StringArray, so it repeats). */
export const IMPERSONATION_FLAGS: FlagSpec[] = [
  { name: 'as', kind: 'string' },
  { name: 'as-group', kind: 'stringArray' },
  { name: 'as-uid', kind: 'string' },
];
export const GLOBAL_FLAGS: FlagSpec[] = [NAMESPACE_FLAG, HELP_FLAG, ...IMPERSONATION_FLAGS];

/** The user entry of the kubeconfig kubectl uses (kubeadm's admin.conf names it so). */
export const KUBECONFIG_USER = 'kubernetes-admin';

/**
 * The impersonation the flags ask for. clientcmd's validateAuthInfo refuses groups or a uid
 * without a user; the error is an errConfigurationInvalid of one, which checkErr unwraps and
 * prints behind `error: `.
 */
export function impersonationOf(flags: Flags): Impersonation | undefined {
  const user = flags.string('as');
  const groups = flags.list('as-group');
  const uid = flags.string('as-uid');
  if (!user) {
    if (groups.length > 0 || uid) {
      throw failWith.message(
        `requesting uid, groups or user-extra for ${KUBECONFIG_USER} without impersonating a user`,
      );
    }
    return undefined;
  }
  return { user, groups, ...(uid ? { uid } : {}) };
}

export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  kind: 'string',
  default: 'none',
  noOptDefVal: 'unchanged',
};
export const FILENAME_FLAG: FlagSpec = { name: 'filename', short: 'f', kind: 'stringSlice' };
export const RECURSIVE_FLAG: FlagSpec = { name: 'recursive', short: 'R', kind: 'bool' };
export const SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', kind: 'string' };
export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', kind: 'string' };
export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  kind: 'string',
  default: 'strict',
  noOptDefVal: 'strict',
};
export const FIELD_MANAGER_FLAG: FlagSpec = { name: 'field-manager', kind: 'string' };
export const SAVE_CONFIG_FLAG: FlagSpec = { name: 'save-config', kind: 'bool' };

export type DryRun = 'none' | 'client' | 'server';

/** cmdutil.GetDryRunStrategy. */
export function dryRunOf(ctx: CommandContext): DryRun {
  const v = ctx.flags.string('dry-run');
  switch (v) {
    case 'client':
    case 'server':
    case 'none':
      return v;
    case 'unchanged':
      throw failWith.message(
        '--dry-run flag without a value was specified. A value must be provided, e.g. "--dry-run=client".',
      );
    default:
      throw failWith.message(
        `Invalid dry-run value (${v}). Must be "none", "server", or "client".`,
      );
  }
}

/** cmdutil.PrintFlagsWithDryRunStrategy: the suffix after `created` / `configured` / … */
export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/**
 * cmdutil.GetValidationDirective: --validate is a Go boolean (strconv.ParseBool: true means
 * Strict, false Ignore) or exactly strict, warn or ignore. kubectl sends it to the API server as
 * fieldValidation.
 */
export function validationOf(ctx: CommandContext): FieldValidation {
  const v = ctx.flags.string('validate');
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return 'Strict';
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return 'Ignore';
  switch (v) {
    case 'strict':
      return 'Strict';
    case 'warn':
      return 'Warn';
    case 'ignore':
      return 'Ignore';
  }
  throw failWith.message(
    `invalid - validate option ${JSON.stringify(v)}; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/** Whether kubectl checks the manifests it reads (every directive but Ignore does). */
export function validateOf(ctx: CommandContext): boolean {
  return validationOf(ctx) !== 'Ignore';
}
