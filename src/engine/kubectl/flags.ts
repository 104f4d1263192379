/**
 * Command-line flags the way kubectl's pflag parses them: interspersed with arguments,
 * `--name=value` / `--name value` / `-n value` / `-nvalue` / `-n=value`, grouped boolean
 * shorthands, `--` ending flag parsing. Error texts are pflag's (github.com/spf13/pflag flag.go).
 */
import { parseGoDuration } from './duration';

export type FlagKind = 'bool' | 'string' | 'int' | 'duration' | 'stringArray' | 'stringSlice';
export type FlagValue = boolean | string | number | string[];

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  default?: FlagValue;
  /** Value used when the flag is given without one (`--dry-run` means `unchanged`). */
  noOptDefVal?: string;
}

export interface ParsedArgs {
  args: string[];
  /** How many positional arguments came before `--` (cobra's ArgsLenAtDash), -1 without one. */
  argsLenAtDash: number;
  values: Map<string, FlagValue>;
  changed: Set<string>;
}

export class Flags {
  constructor(private readonly parsed: ParsedArgs) {}
  get args(): string[] {
    return this.parsed.args;
  }
  get argsLenAtDash(): number {
    return this.parsed.argsLenAtDash;
  }
  changed(name: string): boolean {
    return this.parsed.changed.has(name);
  }
  bool(name: string): boolean {
    return this.parsed.values.get(name) === true;
  }
  string(name: string): string {
    const v = this.parsed.values.get(name);
    return typeof v === 'string' ? v : '';
  }
  int(name: string): number {
    const v = this.parsed.values.get(name);
    return typeof v === 'number' ? v : 0;
  }
  /** Durations are kept in simulated milliseconds. */
  durationMs(name: string): number {
    return this.int(name);
  }
  list(name: string): string[] {
    const v = this.parsed.values.get(name);
    return Array.isArray(v) ? v : [];
  }
}

function defaultOf(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return spec.default;
  switch (spec.kind) {
    case 'bool':
      return false;
    case 'int':
    case 'duration':
      return 0;
    case 'stringArray':
    case 'stringSlice':
      return [];
    default:
      return '';
  }
}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedArgs | { error: string } {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, FlagValue>(specs.map((s) => [s.name, defaultOf(s)]));
  const changed = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, raw: string): string | undefined => {
    const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
    const fail = (why: string) =>
      `invalid argument ${goQuote(raw)} for ${goQuote(shown)} flag: ${why}`;
    const first = !changed.has(spec.name);
    changed.add(spec.name);
    switch (spec.kind) {
      case 'bool': {
        const b = parseGoBool(raw);
        if (b === undefined)
          return fail(`strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
        values.set(spec.name, b);
        return undefined;
      }
      case 'int': {
        const n = parseGoInt(raw);
        if (n === undefined)
          return fail(`strconv.ParseInt: parsing ${goQuote(raw)}: invalid syntax`);
        values.set(spec.name, n);
        return undefined;
      }
      case 'duration': {
        const d = parseGoDuration(raw);
        if ('error' in d) return fail(d.error);
        values.set(spec.name, d.ms);
        return undefined;
      }
      case 'stringArray':
      case 'stringSlice': {
        const items = spec.kind === 'stringSlice' ? (raw === '' ? [] : raw.split(',')) : [raw];
        const prev = first ? [] : (values.get(spec.name) as string[]);
        values.set(spec.name, [...prev, ...items]);
        return undefined;
      }
      default:
        values.set(spec.name, raw);
        return undefined;
    }
  };
  const optional = (spec: FlagSpec) => (spec.kind === 'bool' ? 'true' : spec.noOptDefVal);

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const body = a.slice(2);
      if (body.startsWith('-') || body.startsWith('=')) return { error: `bad flag syntax: ${a}` };
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = byName.get(name);
      if (!spec) return { error: `unknown flag: --${name}` };
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (optional(spec) !== undefined) value = optional(spec) as string;
      else if (i + 1 < argv.length) value = argv[++i];
      else return { error: `flag needs an argument: ${a}` };
      const err = set(spec, value);
      if (err) return { error: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let shorts = a.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0];
        const spec = byShort.get(c);
        if (!spec) return { error: `unknown shorthand flag: '${c}' in ${a}` };
        let value: string;
        if (shorts.length > 2 && shorts[1] === '=') {
          value = shorts.slice(2);
          shorts = '';
        } else if (optional(spec) !== undefined) {
          value = optional(spec) as string;
          shorts = shorts.slice(1);
        } else if (shorts.length > 1) {
          value = shorts.slice(1);
          shorts = '';
        } else if (i + 1 < argv.length) {
          value = argv[++i];
          shorts = '';
        } else {
          return { error: `flag needs an argument: '${c}' in ${a}` };
        }
        const err = set(spec, value);
        if (err) return { error: err };
      }
      continue;
    }
    args.push(a);
  }
  return { args, argsLenAtDash, values, changed };
}

/** strconv.Quote for the ASCII strings a command line carries. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, 64): optional sign, 0x / 0o / 0b / leading-0 octal prefixes, `_`. */
function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[1-9][0-9_]*|0)$/.exec(s);
  if (!m) return undefined;
  const body = m[2].replace(/_/g, '');
  let n: number;
  if (/^0[xX]/.test(body)) n = Number.parseInt(body.slice(2), 16);
  else if (/^0[bB]/.test(body)) n = Number.parseInt(body.slice(2), 2);
  else if (/^0[oO]/.test(body)) n = Number.parseInt(body.slice(2), 8);
  else if (body.length > 1 && body.startsWith('0')) n = Number.parseInt(body.slice(1), 8);
  else n = Number.parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}
