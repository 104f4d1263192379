/**
 * Shells and the small commands of an image's userland as PID 1, through the shell interpreter
 * (process/shell): `sh -c "…"`, `bash`, `sleep 3600`, `echo hi`… A shell with no script reads
 * its stdin: the runtime's /dev/null (it exits 0 at once: busybox, alpine and ubuntu doing
 * nothing), or with the spec's `stdin: true` (`kubectl run -i -t`) an open pipe an attach writes
 * to, line by line, until `exit` or the end of stdin. As PID 1 a shell or `sleep` without a trap
 * ignores SIGTERM and lives until the runtime's SIGKILL; with `trap … TERM` the handler runs
 * when the foreground command ends.
 */
import { EPOCH_MS } from '../../sim/defaults';
import {
  runSessionLine,
  runShell,
  type ShellState,
  type ShellWorld,
  sessionPrompt,
  signalShell,
  startSession,
  startShell,
} from '../shell';
import type { ProcessContext, ProcState, Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

function world(ctx: ProcessContext): ShellWorld {
  return {
    env: ctx.env,
    // The shell writes files in place: it gets a copy, kept if it changed.
    fs: { ...ctx.fs },
    hostname: ctx.hostname,
    nowMs: EPOCH_MS + ctx.nowMs,
    flavor: ctx.image.shell,
    http: ctx.http,
  };
}

function writer(ctx: ProcessContext) {
  return (stream: 'stdout' | 'stderr', line: string) => ctx.write(stream, line);
}

function shellOf(p: ProcState): ShellState {
  return (p.data as { sh: ShellState }).sh;
}

/** An interactive shell on an open stdin: it waits for lines (no timer), run as they come. */
function interactive(p: ProcState): boolean {
  return (p.data as { interactive?: boolean } | undefined)?.interactive === true;
}

function run(ctx: ProcessContext, p: ProcState): Step {
  const w = world(ctx);
  const r = runShell(shellOf(p), w, writer(ctx));
  ctx.setFiles(w.fs);
  switch (r.kind) {
    case 'sleep':
      // `sleep infinity`, `tail -f`: paused for good, with no timer.
      return Number.isFinite(r.ms) ? { kind: 'sleep', ms: Math.max(1, r.ms) } : RUN;
    case 'exit':
      return { kind: 'exit', code: r.code };
    default:
      // A loop that never sleeps: it keeps the CPU busy, running on.
      return RUN;
  }
}

export const shell: Program = {
  baseMemBytes: MIB / 2,
  start(ctx, p) {
    p.memBytes = MIB;
    const session = ctx.stdinOpen ? startSession(p.argv, world(ctx), 1) : null;
    if (session) {
      p.data = { sh: session, interactive: true } as unknown as Record<string, unknown>;
      return RUN;
    }
    p.data = { sh: startShell(p.argv) as unknown as Record<string, unknown> } as Record<
      string,
      unknown
    >;
    return run(ctx, p);
  },
  wake: run,
  readsStdin: interactive,
  stdin(ctx, p, line) {
    const sh = shellOf(p);
    // The end of stdin: the shell exits with its last status.
    if (line === undefined) return { step: { kind: 'exit', code: sh.status & 255 } };
    const w = world(ctx);
    const r = runSessionLine(sh, line, w, writer(ctx));
    ctx.setFiles(w.fs);
    if (r.exited) return { step: { kind: 'exit', code: r.code } };
    return { step: RUN, prompt: sessionPrompt(sh, ctx.hostname) };
  },
  signal(ctx, p, sig): Step | 'ignored' {
    if (sig !== 'SIGTERM' && sig !== 'SIGINT' && sig !== 'SIGQUIT') return 'ignored';
    // 'exit': the shell had already ended (its exit is on its way).
    if (signalShell(shellOf(p), sig) !== 'trapped') return 'ignored';
    // The trap runs once the foreground command ends, or at once in `wait`.
    return run(ctx, p);
  },
};
