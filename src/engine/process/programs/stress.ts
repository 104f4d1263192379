/**
 * The two stress programs of the docs' resource pages, allocating memory for real: past the
 * container's memory limit the kernel's OOM killer ends the container (exit 137, OOMKilled).
 *
 * - polinux/stress (stress 1.0.4, `stress --vm N --vm-bytes B --vm-hang S`): each vm worker
 *   mallocs B bytes (stress's suffixes are powers of 1024) and touches them at once, so the kill
 *   comes right after start. With cgroup v2 the kubelet sets memory.oom.group, so the whole
 *   container goes, PID 1 included (kubelet singleProcessOOMKill=false).
 * - vish/stress (`-mem-total`, `-mem-alloc-size`, `-mem-alloc-sleep`, `-cpus`; kubernetes
 *   test/images/resource-consumer-style Go program logging through glog to stderr): allocates
 *   step by step, sleeping between steps, so the kill comes when the total passes the limit.
 */
import { formatGoDuration, parseGoDuration } from '../../kubectl/duration';
import { canonicalQuantity, parseQuantity } from '../../model/quantity';
import { EPOCH_MS } from '../../sim/defaults';
import type { ProcessContext, Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

/** How fast a process can fault memory in (sim: about 2 GB/s). */
const TOUCH_BYTES_PER_MS = 2_000_000;

// ---- polinux/stress -------------------------------------------------------------------------

/** stress's atoll_b: a number with an optional b/k/m/g suffix (powers of 1024). */
function stressBytes(text: string | undefined, fallback: number): number {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(text ?? '');
  if (!m) return fallback;
  const mult: Record<string, number> = { '': 1, b: 1, k: 1024, m: MIB, g: 1024 * MIB };
  return Number(m[1]) * mult[m[2].toLowerCase()];
}

/** stress's atoll_s: seconds with an optional s/m/h/d/y suffix. */
function stressSeconds(text: string | undefined): number {
  const m = /^(\d+)([smhdy]?)$/.exec(text ?? '');
  if (!m) return 0;
  const mult: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, y: 31536000 };
  return Number(m[1]) * mult[m[2]];
}

export const stress: Program = {
  baseMemBytes: MIB,
  start(ctx, p) {
    const a = p.argv.slice(1);
    const opt = (long: string, short: string) => {
      const i = a.findIndex((x) => x === long || x === short);
      return i >= 0 ? a[i + 1] : undefined;
    };
    const count = (long: string, short: string) => Number(opt(long, short) ?? 0) || 0;
    const cpu = count('--cpu', '-c');
    const io = count('--io', '-i');
    const vm = count('--vm', '-m');
    const hdd = count('--hdd', '-d');
    const vmBytes = stressBytes(opt('--vm-bytes', '--vm-bytes'), 256 * MIB);
    const timeoutS = stressSeconds(opt('--timeout', '-t'));
    ctx.write(
      'stdout',
      `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd`,
    );
    p.memBytes = MIB;
    const need = MIB + vm * vmBytes;
    if (vm > 0 && ctx.memoryLimitBytes > 0 && need > ctx.memoryLimitBytes) {
      p.memBytes = ctx.memoryLimitBytes;
      return {
        kind: 'oom',
        afterMs: Math.max(5, Math.round(ctx.memoryLimitBytes / TOUCH_BYTES_PER_MS)),
      };
    }
    p.memBytes = need;
    if (cpu + io + vm + hdd === 0 || timeoutS > 0) {
      p.data = { timeoutS };
      return { kind: 'sleep', ms: timeoutS * 1000 };
    }
    return RUN;
  },
  wake(ctx, p) {
    ctx.write(
      'stdout',
      `stress: info: [1] successful run completed in ${Number(p.data?.timeoutS ?? 0)}s`,
    );
    return { kind: 'exit', code: 0 };
  },
  // stress installs no handler: as PID 1 it ignores SIGTERM until the runtime's SIGKILL.
  signal: () => 'ignored',
};

// ---- vish/stress ----------------------------------------------------------------------------

/** glog's header: Lmmdd hh:mm:ss.uuuuuu threadid file:line] */
function glog(ctx: ProcessContext, line: number, text: string): void {
  const d = new Date(EPOCH_MS + ctx.nowMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const head = `I${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000       1 main.go:${line}] `;
  ctx.write('stderr', head + text);
}

/** Go's flag package: `-name value`, `-name=value`, `--name …`. */
function goFlag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i].replace(/^--?/, '');
    if (a === name) return argv[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

export const vishStress: Program = {
  baseMemBytes: 2 * MIB,
  start(ctx, p) {
    const totalText = goFlag(p.argv, 'mem-total') ?? '0';
    const stepText = goFlag(p.argv, 'mem-alloc-size') ?? '4Ki';
    const sleep = parseGoDuration(goFlag(p.argv, 'mem-alloc-sleep') ?? '1ms');
    const sleepMs = 'ms' in sleep ? Math.max(0, sleep.ms) : 1;
    const cpus = Number(goFlag(p.argv, 'cpus') ?? 0) || 0;
    const total = parseQuantity(totalText);
    const step = parseQuantity(stepText);
    if (!total.ok || !step.ok) {
      ctx.write(
        'stderr',
        `panic: cannot parse '${total.ok ? stepText : totalText}': ${total.ok ? (step as { error: string }).error : total.error}`,
      );
      return { kind: 'exit', code: 2 };
    }
    const totalBytes = total.milli / 1000;
    const stepBytes = Math.max(1, step.milli / 1000);
    glog(
      ctx,
      26,
      `Allocating "${canonicalQuantity(totalText)}" memory, in "${canonicalQuantity(stepText)}" chunks, with a ${formatGoDuration(sleepMs)} sleep between allocations`,
    );
    for (let i = 0; i < cpus; i++) glog(ctx, 39, 'Spawning a thread to consume CPU');
    const chunks = Math.floor(totalBytes / stepBytes);
    const base = 2 * MIB;
    p.memBytes = base;
    const limit = ctx.memoryLimitBytes;
    if (limit > 0 && base + chunks * stepBytes > limit) {
      // The chunk that crosses the limit is allocated after (k - 1) sleeps.
      const k = Math.max(1, Math.ceil((limit - base + 1) / stepBytes));
      p.memBytes = limit;
      return { kind: 'oom', afterMs: Math.max(5, (k - 1) * sleepMs) };
    }
    p.data = { total: canonicalQuantity(totalText) };
    p.memBytes = base + chunks * stepBytes;
    if (chunks === 0) {
      glog(ctx, 29, `Allocated "${canonicalQuantity(totalText)}" memory`);
      return RUN;
    }
    return { kind: 'sleep', ms: chunks * sleepMs };
  },
  wake(ctx, p) {
    glog(ctx, 29, `Allocated "${String(p.data?.total ?? '0')}" memory`);
    return RUN;
  },
  signal(_ctx, _p, sig): Step | 'ignored' {
    return sig === 'SIGTERM' || sig === 'SIGINT' ? { kind: 'exit', code: 2 } : 'ignored';
  },
};
