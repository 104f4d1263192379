import { describe, expect, it } from 'vitest';
import { formatGoDuration, parseGoDuration } from './duration';
import { type FlagSpec, Flags, parseFlags } from './flags';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'all-namespaces', short: 'A', kind: 'bool' },
  { name: 'wide', short: 'w', kind: 'bool' },
  { name: 'replicas', short: 'r', kind: 'int' },
  { name: 'filename', short: 'f', kind: 'stringSlice' },
  { name: 'env', kind: 'stringArray' },
  { name: 'timeout', kind: 'duration' },
  { name: 'dry-run', kind: 'string', default: 'none', noOptDefVal: 'unchanged' },
];

function parse(args: string[]) {
  const p = parseFlags(args, SPECS);
  if ('error' in p) return p;
  return new Flags(p);
}

describe('parseFlags', () => {
  it('accepts every pflag spelling, interspersed with arguments', () => {
    const f = parse([
      'get',
      '-n',
      'kube-system',
      'pods',
      '--replicas=3',
      '-Aw',
      '-fa.yaml,b.yaml',
      '-f=c.yaml',
    ]) as Flags;
    expect(f.args).toEqual(['get', 'pods']);
    expect(f.string('namespace')).toBe('kube-system');
    expect(f.int('replicas')).toBe(3);
    expect(f.bool('all-namespaces')).toBe(true);
    expect(f.bool('wide')).toBe(true);
    expect(f.list('filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
  });

  it('keeps stringArray values whole and stops at --', () => {
    const f = parse(['--env', 'A=1,2', '--env=B=3', 'x', '--', '-n', 'y']) as Flags;
    expect(f.list('env')).toEqual(['A=1,2', 'B=3']);
    expect(f.args).toEqual(['x', '-n', 'y']);
    expect(f.argsLenAtDash).toBe(1);
    expect(f.changed('namespace')).toBe(false);
  });

  it('uses NoOptDefVal when a flag is given bare', () => {
    expect((parse(['--dry-run']) as Flags).string('dry-run')).toBe('unchanged');
    expect((parse([]) as Flags).string('dry-run')).toBe('none');
  });

  it('parses durations into milliseconds', () => {
    expect((parse(['--timeout=1m30s']) as Flags).durationMs('timeout')).toBe(90_000);
  });

  it('reports errors with pflag wording', () => {
    expect(parse(['--foo'])).toEqual({ error: 'unknown flag: --foo' });
    expect(parse(['-x'])).toEqual({ error: "unknown shorthand flag: 'x' in -x" });
    expect(parse(['-n'])).toEqual({ error: "flag needs an argument: 'n' in -n" });
    expect(parse(['--namespace'])).toEqual({ error: 'flag needs an argument: --namespace' });
    expect(parse(['--replicas=abc'])).toEqual({
      error:
        'invalid argument "abc" for "-r, --replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    });
    expect(parse(['--all-namespaces=maybe'])).toEqual({
      error:
        'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    });
    expect(parse(['--timeout=5'])).toEqual({
      error: 'invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"',
    });
  });
});

describe('Go durations', () => {
  it('parses what time.ParseDuration accepts', () => {
    expect(parseGoDuration('500ms')).toEqual({ ms: 500 });
    expect(parseGoDuration('10s')).toEqual({ ms: 10_000 });
    expect(parseGoDuration('5m')).toEqual({ ms: 300_000 });
    expect(parseGoDuration('1h')).toEqual({ ms: 3_600_000 });
    expect(parseGoDuration('1m30s')).toEqual({ ms: 90_000 });
    expect(parseGoDuration('1.5s')).toEqual({ ms: 1500 });
    expect(parseGoDuration('0')).toEqual({ ms: 0 });
  });

  it('rejects what it rejects, in its words', () => {
    expect(parseGoDuration('abc')).toEqual({ error: 'time: invalid duration "abc"' });
    expect(parseGoDuration('10')).toEqual({ error: 'time: missing unit in duration "10"' });
    expect(parseGoDuration('1d')).toEqual({ error: 'time: unknown unit "d" in duration "1d"' });
    expect(parseGoDuration('')).toEqual({ error: 'time: invalid duration ""' });
  });

  it('formats like Duration.String', () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(500)).toBe('500ms');
    expect(formatGoDuration(30_000)).toBe('30s');
    expect(formatGoDuration(90_000)).toBe('1m30s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(1500)).toBe('1.5s');
  });
});
