/** Every program the simulated images can run, by name; flavors.ts says which image has which. */
import type { Program } from '../command';
import { date } from './date';
import { echo } from './echo';
import { cat, ls, mkdir, rm, touch } from './files';
import { curl, nslookup, wget } from './net';
import { printf } from './printf';
import { env, hostname, id, printenv, sleep, uname, whoami } from './system';
import { testCommand } from './test';
import { expr, grep, head, seq, sort, tail, wc } from './text';

export const PROGRAMS: Record<string, Program> = {
  cat,
  curl,
  date,
  env,
  expr,
  grep,
  head,
  hostname,
  id,
  ls,
  mkdir,
  nslookup,
  printenv,
  rm,
  seq,
  sleep,
  sort,
  tail,
  touch,
  uname,
  wc,
  wget,
  whoami,
  true: () => 0,
  false: () => 1,
  pwd: (e) => {
    e.io.out(`${e.cwd}\n`);
    return 0;
  },
  echo: (e) => echo(e.argv.slice(1), e.userland === 'busybox' ? 'ash' : 'bash', e.io),
  printf: (e) =>
    printf(
      e.argv.slice(1),
      e.io,
      (msg) => e.io.err(`printf: ${msg}\n`),
      e.userland === 'busybox' ? 'ash' : 'bash',
    ),
  test: (e) =>
    testCommand('test', e.argv.slice(1), e.world.fs, e.cwd, 'bash', (msg) =>
      e.io.err(`test: ${msg}\n`),
    ),
  '[': (e) =>
    testCommand('[', e.argv.slice(1), e.world.fs, e.cwd, 'bash', (msg) => e.io.err(`[: ${msg}\n`)),
};
