/**
 * The interpreter as the container runtime uses it: scripts from the Kubernetes docs with their
 * pauses, resuming after a snapshot, signals to PID 1, the limits, and single commands for
 * `kubectl exec` / exec probes.
 */
import { describe, expect, it } from 'vitest';
import {
  runCommand,
  runShell,
  SHELL_LIMITS,
  type ShellFlavor,
  type ShellResult,
  type ShellState,
  type ShellWorld,
  signalShell,
  startShell,
} from './index';

/** 2026-01-01T09:00:00Z */
const T0 = 1_767_258_000_000;

function world(flavor: ShellFlavor = 'busybox', files: Record<string, string> = {}): ShellWorld {
  return {
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: 'web-1',
      HOME: '/root',
    },
    fs: { '/tmp/': '', '/etc/hostname': 'web-1\n', ...files },
    hostname: 'web-1',
    nowMs: T0,
    flavor,
  };
}

interface Trace {
  /** Lines as `1 text` (stdout) or `2 text` (stderr), with `+Ns` where the shell slept. */
  lines: string[];
  result: ShellResult;
}

/** Runs a shell, sleeping as asked, until it exits, is busy or `untilMs` of simulated time pass. */
function drive(argv: string[], w = world(), untilMs = 3_600_000, roundTrip = false): Trace {
  let st: ShellState = startShell(argv);
  const lines: string[] = [];
  const write = (s: 'stdout' | 'stderr', t: string) => lines.push(`${s === 'stdout' ? 1 : 2} ${t}`);
  const end = w.nowMs + untilMs;
  for (;;) {
    const result = runShell(st, w, write);
    if (result.kind !== 'sleep' || w.nowMs + result.ms > end) return { lines, result };
    lines.push(`+${result.ms / 1000}s`);
    w.nowMs += result.ms;
    if (roundTrip) st = JSON.parse(JSON.stringify(st));
  }
}

const sh = (script: string) => ['sh', '-c', script];

describe('the Kubernetes docs examples', () => {
  it('exec-liveness: touch, sleep 30, rm, sleep 600', () => {
    const w = world();
    const st = startShell([
      '/bin/sh',
      '-c',
      'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    ]);
    const none = () => {};
    expect(runShell(st, w, none)).toEqual({ kind: 'sleep', ms: 30_000 });
    expect(w.fs['/tmp/healthy']).toBe('');
    expect(runCommand(['cat', '/tmp/healthy'], w, none)).toEqual({ code: 0, sleptMs: 0 });
    w.nowMs += 30_000;
    expect(runShell(st, w, none)).toEqual({ kind: 'sleep', ms: 600_000 });
    expect(w.fs['/tmp/healthy']).toBeUndefined();
    const err: string[] = [];
    expect(runCommand(['cat', '/tmp/healthy'], w, (_, t) => err.push(t))).toEqual({
      code: 1,
      sleptMs: 0,
    });
    // The docs' `kubectl describe` shows this busybox wording in the Unhealthy event.
    expect(err).toEqual(["cat: can't open '/tmp/healthy': No such file or directory"]);
    w.nowMs += 600_000;
    expect(runShell(st, w, none)).toEqual({ kind: 'exit', code: 0 });
  });

  it('a Deployment that says it runs, then sleeps an hour', () => {
    expect(drive(sh('echo The app is running! && sleep 3600'))).toEqual({
      lines: ['1 The app is running!', '+3600s'],
      result: { kind: 'exit', code: 0 },
    });
  });

  it('the init container loops while the Service is missing (no DNS answers)', () => {
    const w = world('busybox', {
      '/var/run/secrets/kubernetes.io/serviceaccount/namespace': 'default',
    });
    const t = drive(
      sh(
        'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done',
      ),
      w,
      14_000,
    );
    const round = [
      '+5s',
      '1 ;; connection timed out; no servers could be reached',
      '1 ',
      '1 waiting for myservice',
      '+2s',
    ];
    expect(t.lines).toEqual([...round, ...round]);
    expect(t.result).toEqual({ kind: 'sleep', ms: 5000 });
  });

  it('the DaemonSet copies a file with a redirection', () => {
    const w = world('busybox', { '/etc/machine-id': 'abc123\n', '/var/log/': '' });
    expect(drive(sh('cat /etc/machine-id > /var/log/machine-id.log'), w).result).toEqual({
      kind: 'exit',
      code: 0,
    });
    expect(w.fs['/var/log/machine-id.log']).toBe('abc123\n');
  });

  it('a counter that logs the date every second', () => {
    const t = drive(
      sh('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'),
      world(),
      2500,
    );
    expect(t.lines).toEqual([
      '1 0: Thu Jan  1 09:00:00 UTC 2026',
      '+1s',
      '1 1: Thu Jan  1 09:00:01 UTC 2026',
      '+1s',
      '1 2: Thu Jan  1 09:00:02 UTC 2026',
    ]);
    expect(t.result).toEqual({ kind: 'sleep', ms: 1000 });
  });

  it('busybox with nothing to do exits 0 at once (sh reads an empty stdin)', () => {
    expect(drive(['sh']).result).toEqual({ kind: 'exit', code: 0 });
  });

  it('a program as PID 1 without a shell: sleep, and a missing one', () => {
    expect(drive(['sleep', '3600'])).toEqual({
      lines: ['+3600s'],
      result: { kind: 'exit', code: 0 },
    });
    expect(drive(['sleep', 'infinity']).result).toEqual({
      kind: 'sleep',
      ms: Number.POSITIVE_INFINITY,
    });
    expect(drive(['tail', '-f', '/dev/null']).result.kind).toBe('sleep');
    expect(drive(['nginx'])).toEqual({
      lines: [
        '2 failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nginx": executable file not found in $PATH: unknown',
      ],
      result: { kind: 'exit', code: 128 },
    });
  });
});

describe('each flavor words its errors as its shell does', () => {
  const cases: [ShellFlavor, string[], string[], number][] = [
    ['busybox', sh('foo'), ['2 sh: foo: not found'], 127],
    ['dash', sh('foo'), ['2 sh: 1: foo: not found'], 127],
    ['bash', ['bash', '-c', 'foo'], ['2 bash: line 1: foo: command not found'], 127],
    [
      'busybox',
      ['/bin/sh', '-c', 'echo a; done'],
      ['2 /bin/sh: syntax error: unexpected "done"'],
      2,
    ],
    ['dash', sh('echo a; done'), ['2 sh: 1: Syntax error: "done" unexpected'], 2],
    [
      'bash',
      ['bash', '-c', 'echo a; done'],
      [
        "2 bash: -c: line 1: syntax error near unexpected token `done'",
        "2 bash: -c: line 1: `echo a; done'",
      ],
      2,
    ],
    [
      'busybox',
      sh('while true; do echo'),
      ['2 sh: syntax error: unexpected end of file (expecting "done")'],
      2,
    ],
    [
      'dash',
      sh('while true; do echo'),
      ['2 sh: 1: Syntax error: end of file unexpected (expecting "done")'],
      2,
    ],
    [
      'busybox',
      sh('true\ncd /nope'),
      ["2 sh: cd: line 1: can't cd to /nope: No such file or directory"],
      2,
    ],
    ['dash', sh('true\ncd /nope'), ["2 sh: 2: cd: can't cd to /nope"], 2],
    [
      'bash',
      ['bash', '-c', 'true\ncd /nope'],
      ['2 bash: line 2: cd: /nope: No such file or directory'],
      1,
    ],
    [
      'busybox',
      sh('cat /tmp/healthy'),
      ["2 cat: can't open '/tmp/healthy': No such file or directory"],
      1,
    ],
    ['dash', sh('cat /tmp/healthy'), ['2 cat: /tmp/healthy: No such file or directory'], 1],
    ['busybox', sh('exit abc'), ['2 sh: exit: line 0: Illegal number: abc'], 2],
    [
      'bash',
      ['bash', '-c', 'exit abc'],
      ['2 bash: line 1: exit: abc: numeric argument required'],
      2,
    ],
    ['busybox', sh('curl -s http://x'), ['2 sh: curl: not found'], 127],
    ['dash', sh('wget -qO- http://x'), ['2 sh: 1: wget: not found'], 127],
    ['busybox', sh('wget -qO- http://myservice'), ["2 wget: bad address 'myservice'"], 1],
    [
      'bash',
      ['bash', '-c', 'curl -sS http://myservice'],
      ['2 curl: (6) Could not resolve host: myservice'],
      6,
    ],
    ['busybox', sh('bash -c true'), ['2 sh: bash: not found'], 127],
  ];
  for (const [flavor, argv, lines, code] of cases) {
    it(`${flavor}: ${JSON.stringify(argv.at(-1))}`, () => {
      expect(drive(argv, world(flavor))).toEqual({ lines, result: { kind: 'exit', code } });
    });
  }
});

describe('pauses, snapshots and time', () => {
  const script = sh(
    'n=0; f() { echo "tick $1 $(date +%s)"; }; while true; do n=$((n+1)); for x in a b; do f $n$x | cat; done; sleep 1.5; done',
  );

  it('continues identically after a JSON round trip at every pause', () => {
    const plain = drive(script, world(), 10_000);
    const revived = drive(script, world(), 10_000, true);
    expect(revived).toEqual(plain);
    expect(plain.lines.slice(0, 4)).toEqual([
      '1 tick 1a 1767258000',
      '1 tick 1b 1767258000',
      '+1.5s',
      '1 tick 2a 1767258001',
    ]);
  });

  it('a run called before its sleep is over keeps sleeping', () => {
    const st = startShell(sh('echo a; sleep 10; echo b'));
    const w = world();
    const out: string[] = [];
    expect(runShell(st, w, (_, t) => out.push(t))).toEqual({ kind: 'sleep', ms: 10_000 });
    w.nowMs += 4000;
    expect(runShell(st, w, (_, t) => out.push(t))).toEqual({ kind: 'sleep', ms: 6000 });
    w.nowMs += 6000;
    expect(runShell(st, w, (_, t) => out.push(t))).toEqual({ kind: 'exit', code: 0 });
    expect(out).toEqual(['a', 'b']);
  });

  it('sleep takes busybox and coreutils durations', () => {
    expect(
      drive(sh('sleep 1.5; sleep 2s; sleep 1m; sleep 1h 1d; sleep .5'), world(), 10 ** 9).lines,
    ).toEqual(['+1.5s', '+2s', '+60s', '+90000s', '+0.5s']);
  });

  it('sleeps inside a command substitution are summed into a pause after the command', () => {
    expect(drive(sh('x=$(sleep 2; echo hi); echo $x $(date +%s)')).lines).toEqual([
      '+2s',
      '1 hi 1767258002',
    ]);
    // Simplified: the command that used the substitution prints before the pause, not after.
    expect(drive(sh('echo $(sleep 3) now; echo later')).lines).toEqual(['1 now', '+3s', '1 later']);
  });

  it('a background sleep finishes on its own time; wait waits for it', () => {
    expect(drive(sh('sleep 5 & echo started $!; wait; echo done $(date +%S)')).lines).toEqual([
      '1 started 7',
      '+5s',
      '1 done 05',
    ]);
  });

  it('an unfinished line is written when the shell pauses', () => {
    expect(drive(sh('printf waiting; sleep 1; echo ...')).lines).toEqual([
      '1 waiting',
      '+1s',
      '1 ...',
    ]);
  });
});

describe('signals to PID 1', () => {
  it('without a trap SIGTERM is ignored (no default action for PID 1)', () => {
    const st = startShell(sh('sleep 3600'));
    expect(runShell(st, world(), () => {})).toEqual({ kind: 'sleep', ms: 3_600_000 });
    expect(signalShell(st, 'SIGTERM')).toBe('ignored');
    expect(signalShell(st, 'SIGINT')).toBe('ignored');
  });

  it('a trap runs after the foreground sleep ends, as in a real shell', () => {
    const st = startShell(
      sh("trap 'echo got TERM; exit 143' TERM; echo start; sleep 600; echo after"),
    );
    const w = world();
    const out: string[] = [];
    runShell(st, w, (_, t) => out.push(t));
    expect(signalShell(st, 'SIGTERM')).toBe('trapped');
    w.nowMs += 1000;
    expect(runShell(st, w, (_, t) => out.push(t))).toEqual({ kind: 'sleep', ms: 599_000 });
    w.nowMs += 599_000;
    expect(runShell(st, w, (_, t) => out.push(t))).toEqual({ kind: 'exit', code: 143 });
    expect(out).toEqual(['start', 'got TERM']);
  });

  it('`sleep & wait` lets the trap run at once', () => {
    const st = startShell(sh("trap 'echo bye' TERM; sleep 600 & wait; echo wait=$?"));
    const w = world();
    const out: string[] = [];
    runShell(st, w, (_, t) => out.push(t));
    signalShell(st, 'SIGTERM');
    w.nowMs += 1000;
    expect(runShell(st, w, (_, t) => out.push(t))).toEqual({ kind: 'exit', code: 0 });
    expect(out).toEqual(['bye', 'wait=143']);
  });

  it("trap '' ignores; an ended shell says exit; EXIT traps run on exit", () => {
    const st = startShell(sh("trap '' TERM; sleep 1"));
    runShell(st, world(), () => {});
    expect(signalShell(st, 'SIGTERM')).toBe('ignored');
    const done = startShell(sh('exit 3'));
    runShell(done, world(), () => {});
    expect(signalShell(done, 'SIGTERM')).toBe('exit');
    expect(drive(sh("trap 'echo cleanup' EXIT; echo work; exit 4"))).toEqual({
      lines: ['1 work', '1 cleanup'],
      result: { kind: 'exit', code: 4 },
    });
  });

  it('kill $$ from the script reaches its own trap', () => {
    expect(drive(sh("trap 'echo caught' TERM; kill $$; echo next")).lines).toEqual([
      '1 caught',
      '1 next',
    ]);
  });
});

describe('limits', () => {
  it('a loop that never sleeps is busy, and stays busy when run again', () => {
    const st = startShell(sh('while true; do :; done'));
    expect(runShell(st, world(), () => {})).toEqual({ kind: 'busy' });
    expect(runShell(st, world(), () => {})).toEqual({ kind: 'busy' });
  });

  it('output of one run is capped with a note', () => {
    const lines: string[] = [];
    const st = startShell(sh('while true; do echo x; done'));
    expect(runShell(st, world(), (_, t) => lines.push(t))).toEqual({ kind: 'busy' });
    expect(lines).toHaveLength(SHELL_LIMITS.maxOutputLinesPerRun + 1);
    expect(lines.at(-1)).toBe(
      `[output truncated by the simulation: more than ${SHELL_LIMITS.maxOutputLinesPerRun} lines without a pause]`,
    );
  });

  it('recursion stops: nested shells, functions, growing values', () => {
    expect(drive(['sh', '/r.sh'], world('busybox', { '/r.sh': 'sh /r.sh' }))).toEqual({
      lines: [
        `2 sh: shells nested deeper than ${SHELL_LIMITS.maxDepth}: stopped by the simulation`,
      ],
      result: { kind: 'exit', code: 2 },
    });
    expect(drive(sh('f() { f; }; f'), world('dash')).lines).toEqual([
      `2 sh: 1: Maximum function recursion depth (${SHELL_LIMITS.maxDepth}) reached`,
    ]);
    const grow = drive(sh('x=a; while true; do x=$x$x; done'));
    expect(grow.result).toEqual({ kind: 'exit', code: 2 });
    expect(grow.lines[0]).toMatch(/^2 sh: x: value of \d+ bytes refused/);
  });

  it('refuses an over-long script and cuts an over-long line', () => {
    const long = drive(sh(`echo ${'x'.repeat(SHELL_LIMITS.maxScriptBytes)}`));
    expect(long.result).toEqual({ kind: 'exit', code: 2 });
    expect(long.lines[0]).toMatch(/^2 sh: script of \d+ bytes refused/);
    const wide = drive(sh(`printf '%${SHELL_LIMITS.maxLineBytes + 10}s\\n' x`));
    expect(wide.lines[0]).toMatch(/\[line cut by the simulation at \d+ bytes\]$/);
  });

  it('a busy command substitution makes every run busy', () => {
    const st = startShell(sh('x=$(while :; do :; done); echo never'));
    expect(runShell(st, world(), () => {})).toEqual({ kind: 'busy' });
    expect(runShell(st, world(), () => {})).toEqual({ kind: 'busy' });
  });

  it('10,000 resumes of a sleeping loop stay fast', () => {
    const st = startShell(sh('while true; do echo x; sleep 1; done'));
    const w = world();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const r = runShell(st, w, () => {});
      if (r.kind !== 'sleep') throw new Error(r.kind);
      w.nowMs += r.ms;
    }
    // Typically ~0.2 s on the project machine; the bound allows for a loaded CI.
    expect(performance.now() - started).toBeLessThan(8000);
  });
});

describe('runCommand: kubectl exec and exec probes', () => {
  const collect = () => {
    const lines: string[] = [];
    return {
      lines,
      write: (s: 'stdout' | 'stderr', t: string) => lines.push(`${s === 'stdout' ? 1 : 2} ${t}`),
    };
  };

  it('runs one program without shell parsing', () => {
    const w = world('busybox', { '/tmp/x': 'hello\n' });
    const c = collect();
    expect(runCommand(['cat', '/tmp/x', '$HOME'], w, c.write)).toEqual({ code: 1, sleptMs: 0 });
    expect(c.lines).toEqual(['1 hello', "2 cat: can't open '$HOME': No such file or directory"]);
  });

  it('sh -c inside sums its sleeps', () => {
    const c = collect();
    expect(runCommand(sh('echo $$; sleep 5; date +%T; exit 3'), world(), c.write)).toEqual({
      code: 3,
      sleptMs: 5000,
    });
    expect(c.lines).toEqual(['1 7', '1 09:00:05']);
  });

  it('a program the image lacks fails as runc does', () => {
    const c = collect();
    expect(runCommand(['bash'], world('busybox'), c.write)).toEqual({ code: 126, sleptMs: 0 });
    expect(c.lines).toEqual([
      '2 OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
    ]);
    expect(runCommand(['ls'], world('none'), () => {}).code).toBe(126);
  });

  it('a command that never ends reports Infinity', () => {
    expect(runCommand(['sleep', 'infinity'], world(), () => {}).sleptMs).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(runCommand(sh('while :; do :; done'), world(), () => {}).sleptMs).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('wget and curl through world.http', () => {
    const w = world('busybox');
    w.http = (url) =>
      url.endsWith('/missing')
        ? { status: 404, body: 'nope' }
        : { status: 200, body: `hello from ${url}\n` };
    const c = collect();
    expect(runCommand(['wget', '-qO-', 'http://web'], w, c.write).code).toBe(0);
    expect(runCommand(['wget', '-qO-', 'http://web/missing'], w, c.write).code).toBe(1);
    expect(c.lines).toEqual([
      '1 hello from http://web',
      '2 wget: server returned error: HTTP/1.1 404 Not Found',
    ]);
    const b = world('bash');
    b.http = w.http;
    const d = collect();
    expect(runCommand(['curl', '-s', 'http://web/x'], b, d.write).code).toBe(0);
    expect(runCommand(['curl', '-sf', 'http://web/missing'], b, d.write).code).toBe(22);
    expect(d.lines).toEqual(['1 hello from http://web/x']);
  });
});
