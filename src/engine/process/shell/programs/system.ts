/** sleep, hostname, id, whoami, uname, env, printenv: what a container reports about itself. */
import type { Program } from '../command';

/** One sleep operand in seconds (`1.5`, `30s`, `2m`, `1h`, `1d`, `infinity`), or null. */
export function sleepSeconds(arg: string): number | null {
  if (/^(inf|infinity)$/i.test(arg)) return Number.POSITIVE_INFINITY;
  const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(arg);
  if (!m) return null;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2]] as number;
  return Number(m[1]) * unit;
}

export const sleep: Program = (env) => {
  const args = env.argv.slice(1).filter((a) => a !== '--');
  const busybox = env.userland === 'busybox';
  if (args.length === 0) {
    env.io.err(
      busybox
        ? 'BusyBox v1.37.0 multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n'
        : "sleep: missing operand\nTry 'sleep --help' for more information.\n",
    );
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const s = sleepSeconds(a);
    if (s === null) {
      env.io.err(
        busybox
          ? `sleep: invalid number '${a}'\n`
          : `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`,
      );
      return 1;
    }
    total += s;
  }
  const ms = total === Number.POSITIVE_INFINITY ? total : Math.round(total * 1000);
  return { code: 0, sleepMs: ms };
};

export const hostname: Program = (env) => {
  env.io.out(`${env.world.hostname}\n`);
  return 0;
};

export const whoami: Program = (env) => {
  env.io.out('root\n');
  return 0;
};

export const id: Program = (env) => {
  env.io.out(
    env.userland === 'busybox'
      ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'
      : 'uid=0(root) gid=0(root) groups=0(root)\n',
  );
  return 0;
};

/** The node's kernel: a kubeadm node on Ubuntu 24.04. */
const KERNEL = {
  release: '6.8.0-45-generic',
  version: '#45-Ubuntu SMP PREEMPT_DYNAMIC Fri Aug 30 12:02:04 UTC 2024',
  machine: 'x86_64',
};

export const uname: Program = (env) => {
  const flags = new Set(
    env.argv.slice(1).flatMap((a) => (a.startsWith('-') ? [...a.slice(1)] : [])),
  );
  const parts: string[] = [];
  const all = flags.has('a');
  if (all || flags.has('s') || flags.size === 0) parts.push('Linux');
  if (all || flags.has('n')) parts.push(env.world.hostname);
  if (all || flags.has('r')) parts.push(KERNEL.release);
  if (all || flags.has('v')) parts.push(KERNEL.version);
  if (all || flags.has('m')) parts.push(KERNEL.machine);
  if (all || flags.has('o')) parts.push('GNU/Linux');
  env.io.out(`${parts.join(' ')}\n`);
  return 0;
};

export const env: Program = (e) => {
  for (const [k, v] of Object.entries(e.env)) e.io.out(`${k}=${v}\n`);
  return 0;
};

export const printenv: Program = (e) => {
  const names = e.argv.slice(1);
  if (names.length === 0) return env(e);
  let code = 0;
  for (const n of names) {
    if (e.env[n] === undefined) code = 1;
    else e.io.out(`${e.env[n]}\n`);
  }
  return code;
};
