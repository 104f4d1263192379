/**
 * Shells and the small commands of an image's userland, through the shell interpreter
 * (process/shell): `sh -c "…"`, `bash`, `sleep 3600`, `echo hi`… A shell with no script reads
 * its empty stdin and exits 0 at once (busybox, alpine and ubuntu doing nothing). As PID 1 a
 * shell or `sleep` without a trap ignores SIGTERM and lives until the runtime's SIGKILL.
 */
import { EPOCH_MS } from '../../sim/defaults';
import {
  runCommand,
  runShell,
  type ShellState,
  type ShellWorld,
  signalShell,
  startShell,
} from '../shell';
import type { ProcessContext, ProcState, Program, Step } from '../types';
import { RUN, SIGNAL_NUMBER } from '../types';

const MIB = 1024 * 1024;

function world(ctx: ProcessContext): ShellWorld {
  return {
    env: ctx.env,
    fs: ctx.fs,
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

function run(ctx: ProcessContext, p: ProcState): Step {
  const r = runShell(shellOf(p), world(ctx), writer(ctx));
  switch (r.kind) {
    case 'sleep':
      return { kind: 'sleep', ms: Math.max(1, r.ms) };
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
    p.data = { sh: startShell(p.argv) as unknown as Record<string, unknown> } as Record<
      string,
      unknown
    >;
    p.memBytes = MIB;
    return run(ctx, p);
  },
  wake: run,
  signal(ctx, p, sig): Step | 'ignored' {
    const how = signalShell(shellOf(p), sig as 'SIGTERM' | 'SIGINT' | 'SIGQUIT');
    if (how === 'ignored') return 'ignored';
    const next = run(ctx, p);
    if (how === 'exit' && next.kind !== 'exit')
      return { kind: 'exit', code: 128 + (SIGNAL_NUMBER[sig] ?? 15) };
    return next;
  },
};

/**
 * One userland command run directly as the container's process (`sleep 3600`, `echo hi`,
 * `date`): it does its work at once and, for `sleep`, ends when its time is up (never for
 * `sleep infinity`).
 */
export const command: Program = {
  baseMemBytes: MIB / 4,
  start(ctx, p) {
    p.memBytes = MIB / 2;
    const r = runCommand(p.argv, world(ctx), writer(ctx));
    if (!Number.isFinite(r.sleptMs)) return RUN;
    if (r.sleptMs > 0) {
      p.data = { code: r.code };
      return { kind: 'sleep', ms: r.sleptMs };
    }
    return { kind: 'exit', code: r.code };
  },
  wake(_ctx, p) {
    return { kind: 'exit', code: Number(p.data?.code ?? 0) };
  },
  signal: () => 'ignored',
};
