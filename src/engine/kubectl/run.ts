/**
 * `kubectl ARGS…` against a simulated cluster: find the command the way cobra does, parse its
 * flags the way pflag does, run it, and render any error the way cmdutil.CheckErr does. The
 * result is exactly what a terminal would show (stdout and stderr in the order written).
 */
import {
  type CommandContext,
  type CommandDef,
  commandHelp,
  GLOBAL_FLAGS,
  impersonationOf,
  newClient,
} from './command';
import { COMMANDS, KUBECTL_COMMAND_NAMES } from './commands';
import type { FollowSpec } from './commands/watchPrinter';
import { CommandFailure, renderFailure } from './errors';
import type { DirectoryLister } from './files';
import { type FlagSpec, Flags, parseFlags } from './flags';
import type { KubectlHost } from './host';
import { Output } from './output';

export interface KubectlResult {
  /** What the terminal shows, every line ending in '\n'. */
  output: string;
  /** Exit status 0. */
  ok: boolean;
  /** `kubectl get -w` left a watch open: its events print as time passes (followText). */
  follow?: FollowSpec;
}

export interface RunKubectlOptions {
  /** Directory relative -f paths start from ('' = as given). */
  cwd?: string;
}

/** cobra's stripFlags: which words are command names, knowing only the global flags. */
function commandWords(args: string[], flags: FlagSpec[]): string[] {
  const takesValue = (f: FlagSpec | undefined) =>
    f !== undefined && f.kind !== 'bool' && f.noOptDefVal === undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === '--') break;
    if (s.startsWith('--') && !s.includes('=')) {
      if (
        takesValue(flags.find((f) => f.name === s.slice(2))) ||
        !flags.some((f) => f.name === s.slice(2))
      )
        i++;
      continue;
    }
    if (s.startsWith('-') && !s.includes('=') && s.length === 2) {
      const f = flags.find((x) => x.short === s.slice(1));
      if (!f || takesValue(f)) i++;
      continue;
    }
    if (s !== '' && !s.startsWith('-')) words.push(s);
  }
  return words;
}

/** cobra's ld (Levenshtein distance, case-insensitive). */
function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [
    i,
    ...new Array(t.length).fill(0),
  ]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      d[i][j] =
        s[i - 1] === t[j - 1]
          ? d[i - 1][j - 1]
          : Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
    }
  }
  return d[s.length][t.length];
}

/** cobra SuggestionsFor (SuggestionsMinimumDistance 2): close names, prefixes, SuggestFor. */
function suggestionsFor(typed: string): string[] {
  const out: string[] = [];
  for (const name of KUBECTL_COMMAND_NAMES) {
    const close = levenshtein(typed, name) <= 2 || name.startsWith(typed.toLowerCase());
    const def = COMMANDS.find((c) => c.name === name);
    const explicit = def?.suggestFor?.some((s) => s.toLowerCase() === typed.toLowerCase());
    if (close) out.push(name);
    if (explicit) out.push(name);
  }
  return out;
}

function unknownCommand(typed: string): string {
  const suggestions = suggestionsFor(typed);
  const tail =
    suggestions.length > 0
      ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`
      : '\n';
  return `error: unknown command ${JSON.stringify(typed)} for "kubectl"${tail}`;
}

function rootHelp(): string {
  const lines = [
    'kubectl controls the Kubernetes cluster manager.',
    '',
    ' Find more information at: https://kubernetes.io/docs/reference/kubectl/',
    '',
    'Commands available in this simulated cluster:',
  ];
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(width)}${c.short}`);
  lines.push('', 'Usage:', '  kubectl [flags] [options]', '');
  return lines.join('\n');
}

export function runKubectl(
  args: string[],
  host: KubectlHost,
  opts: RunKubectlOptions = {},
): KubectlResult {
  const out = new Output();
  const words = commandWords(args, GLOBAL_FLAGS);
  if (words.length === 0) {
    if (args.length > 0 && !args.includes('-h') && !args.includes('--help')) {
      const parsed = parseFlags(args, GLOBAL_FLAGS);
      if ('error' in parsed)
        return { output: `error: ${parsed.error}\nSee 'kubectl --help' for usage.\n`, ok: false };
    }
    return { output: rootHelp(), ok: true };
  }
  if (words[0] === 'help') {
    const def = COMMANDS.find((c) => c.name === words[1]);
    return { output: def ? commandHelp(def, `kubectl ${def.name}`) : rootHelp(), ok: true };
  }
  let def = COMMANDS.find((c) => c.name === words[0] || c.aliases?.includes(words[0]));
  if (!def) {
    if (KUBECTL_COMMAND_NAMES.includes(words[0])) {
      return {
        output: `error: kubectl ${words[0]} is not available in this simulated cluster\n`,
        ok: false,
      };
    }
    return { output: unknownCommand(words[0]), ok: false };
  }
  // Descend into subcommands (`create deployment`, `rollout status`, `create service clusterip`).
  const path = ['kubectl', def.name];
  const consumed = [words[0]];
  for (let i = 1; def.subcommands && i < words.length; i++) {
    const next: CommandDef | undefined = def.subcommands.find(
      (s) => s.name === words[i] || s.aliases?.includes(words[i]),
    );
    if (!next) break;
    def = next;
    path.push(next.name);
    consumed.push(words[i]);
  }
  const rest = [...args];
  for (const w of consumed) rest.splice(rest.indexOf(w), 1);
  const cmdPath = path.join(' ');
  const parsed = parseFlags(rest, [...def.flags, ...GLOBAL_FLAGS]);
  if ('error' in parsed) {
    return { output: `error: ${parsed.error}\nSee '${cmdPath} --help' for usage.\n`, ok: false };
  }
  const flags = new Flags(parsed);
  if (flags.bool('help')) return { output: commandHelp(def, cmdPath), ok: true };
  if (!def.run) return { output: commandHelp(def, cmdPath), ok: true };
  try {
    // Loading the client config (with its impersonation) is the first thing a command does.
    const ctx: CommandContext = {
      host: host as KubectlHost & DirectoryLister,
      client: newClient(host, impersonationOf(flags), (w) => out.line(`Warning: ${w}`)),
      out,
      flags,
      args: flags.args,
      namespace: flags.string('namespace') || 'default',
      explicitNamespace: flags.changed('namespace'),
      cwd: opts.cwd ?? '',
      path: cmdPath,
    };
    ctx.client.fieldManager = fieldManagerOf(def, path[1], flags);
    def.run(ctx);
    return { output: out.toString(), ok: true, ...(out.follow ? { follow: out.follow } : {}) };
  } catch (e) {
    if (!(e instanceof CommandFailure)) throw e;
    out.write(renderFailure(e.failure, host.serverAddress));
    return { output: out.toString(), ok: false };
  }
}

/** The default --field-manager of the commands that have the flag (AddFieldManagerFlagVar). */
const FIELD_MANAGERS: Readonly<Record<string, string>> = {
  annotate: 'kubectl-annotate',
  apply: 'kubectl-client-side-apply',
  autoscale: 'kubectl-autoscale',
  create: 'kubectl-create',
  edit: 'kubectl-edit',
  expose: 'kubectl-expose',
  label: 'kubectl-label',
  patch: 'kubectl-patch',
  replace: 'kubectl-replace',
  rollout: 'kubectl-rollout',
  run: 'kubectl-run',
  set: 'kubectl-set',
  taint: 'kubectl-taint',
};

/**
 * Who a command's writes are by: its --field-manager (or that flag's default); a command without
 * the flag sends none, and the API server takes the User-Agent's first word, `kubectl`.
 */
function fieldManagerOf(def: CommandDef, command: string, flags: Flags): string {
  if (!def.flags.some((f) => f.name === 'field-manager')) return 'kubectl';
  return flags.string('field-manager') || FIELD_MANAGERS[command] || 'kubectl';
}
