import { describe, expect, it } from 'vitest';
import { runSessionLine, type ShellWorld, sessionPrompt, startSession } from './index';

function world(flavor: ShellWorld['flavor'] = 'busybox'): ShellWorld {
  return { env: {}, fs: { '/tmp/': '' }, hostname: 'web', nowMs: 1_000, flavor };
}

describe('an interactive session (kubectl exec -i … -- sh)', () => {
  it('keeps variables, the directory and functions from line to line, until exit', () => {
    const w = world();
    const st = startSession(['sh'], w);
    if (!st) throw new Error('no session');
    const out: string[] = [];
    const run = (line: string) =>
      runSessionLine(st, line, w, (stream, text) => out.push(`${stream}:${text}`));
    expect(sessionPrompt(st, 'web')).toBe('/ # ');
    expect(run('x=soup; cd /tmp')).toEqual({ code: 0, sleptMs: 0, exited: false });
    expect(sessionPrompt(st, 'web')).toBe('/tmp # ');
    run('greet() { echo "hello $1"; }');
    run('greet $x; pwd; echo hi > f');
    expect(w.fs['/tmp/f']).toBe('hi\n');
    expect(run('sleep 2; false')).toEqual({ code: 1, sleptMs: 2_000, exited: false });
    expect(run('if then')).toMatchObject({ code: 2, exited: false });
    expect(run('exit 3')).toEqual({ code: 3, sleptMs: 0, exited: true });
    expect(out.slice(0, 2)).toEqual(['stdout:hello soup', 'stdout:/tmp']);
    expect(out[2]).toMatch(/^stderr:sh: .*syntax error/);
  });

  it('is only for a shell reading its stdin; prompts as each shell does', () => {
    expect(startSession(['sh', '-c', 'echo'], world())).toBeNull();
    expect(startSession(['cat'], world())).toBeNull();
    const bash = startSession(['bash', '-il'], world('bash'));
    expect(bash && sessionPrompt(bash, 'web')).toBe('root@web:/# ');
    const dash = startSession(['/bin/sh'], world('dash'));
    expect(dash && sessionPrompt(dash, 'web')).toBe('# ');
  });
});
