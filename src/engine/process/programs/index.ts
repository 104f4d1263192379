/**
 * The program table: which simulated program an argv runs in an image, or why it cannot start.
 *
 * runc looks argv[0] up in the container (Go's exec.LookPath over the image's PATH) before it
 * starts anything; a name the image does not have fails the start (containerd: StartError,
 * exit code 128). What an image has: the shell and userland of its flavor (shell/flavors.ts),
 * the programs its entrypoint and cmd name, and the few others below. An image's
 * docker-entrypoint.sh wraps its main program: it runs its set-up for it, or `exec`s anything
 * else it is given (where a missing command is the script's error, exit 127, not a start error).
 */

import type { ImageConfig } from '../../model/registry';
import { hasCommand } from '../shell';
import { shellStyleOf } from '../shell/flavors';
import type { Program } from '../types';
import {
  coredns,
  etcd,
  fluentd,
  kubeApiserver,
  kubeControllerManager,
  kubeProxy,
  kubeScheduler,
  pause,
} from './cluster';
import { mysqld, postgres } from './databases';
import { goproxy, helloApp, helloGo, unknownServer } from './goServers';
import { httpd } from './httpd';
import { helloWorld, node, perl, python } from './interpreters';
import { nginx } from './nginx';
import { redisServer } from './redis';
import { shell } from './shell';
import { stress, vishStress } from './stress';

export const PROGRAMS: Record<string, Program> = {
  nginx,
  httpd,
  redis: redisServer,
  postgres,
  mysqld,
  pause,
  coredns,
  'kube-apiserver': kubeApiserver,
  'kube-controller-manager': kubeControllerManager,
  'kube-scheduler': kubeScheduler,
  etcd,
  'kube-proxy': kubeProxy,
  fluentd,
  'hello-app': helloApp,
  goproxy,
  'hello-go': helloGo,
  perl,
  python,
  node,
  'hello-world': helloWorld,
  stress,
  'vish-stress': vishStress,
  shell,
  unknown: unknownServer,
  exited: {
    // A wrapper script with nothing to exec (`exec "$@"` with no arguments) just ends.
    baseMemBytes: 0,
    start: () => ({ kind: 'exit', code: 0 }),
    signal: () => 'ignored',
  },
  missing: {
    // The image's entrypoint script ran, but what it `exec`s is not there (dash's wording).
    baseMemBytes: 0,
    start(ctx, p) {
      ctx.write('stderr', `${String(p.data?.script ?? 'sh')}: exec: ${p.argv[0]}: not found`);
      return { kind: 'exit', code: 127 };
    },
    signal: () => 'ignored',
  },
};

/** A binary's base name → the program it is (when the image has it). */
const BY_NAME: Record<string, string> = {
  nginx: 'nginx',
  'nginx-debug': 'nginx',
  'httpd-foreground': 'httpd',
  httpd: 'httpd',
  'redis-server': 'redis',
  postgres: 'postgres',
  mysqld: 'mysqld',
  pause: 'pause',
  coredns: 'coredns',
  'kube-apiserver': 'kube-apiserver',
  'kube-controller-manager': 'kube-controller-manager',
  'kube-scheduler': 'kube-scheduler',
  etcd: 'etcd',
  'kube-proxy': 'kube-proxy',
  fluentd: 'fluentd',
  'run.sh': 'fluentd',
  'entrypoint.sh': 'fluentd',
  'hello-app': 'hello-app',
  goproxy: 'goproxy',
  'hello-go': 'hello-go',
  perl: 'perl',
  'perl5.40.0': 'perl',
  python: 'python',
  python3: 'python',
  'python3.13': 'python',
  'python3.12': 'python',
  node: 'node',
  nodejs: 'node',
  hello: 'hello-world',
};

/** Binaries an image has besides its shell's userland and its entrypoint/cmd (by repository). */
const IMAGE_BINARIES: Record<string, readonly string[]> = {
  'docker.io/library/nginx': ['nginx', 'nginx-debug', 'docker-entrypoint.sh', 'curl'],
  'docker.io/library/httpd': ['httpd-foreground', 'httpd', 'apachectl'],
  'docker.io/library/redis': ['docker-entrypoint.sh', 'redis-server', 'redis-cli', 'gosu'],
  'docker.io/library/postgres': [
    'docker-entrypoint.sh',
    'postgres',
    'psql',
    'initdb',
    'pg_ctl',
    'gosu',
  ],
  'docker.io/library/mysql': ['docker-entrypoint.sh', 'mysqld', 'mysql', 'gosu'],
  'docker.io/library/python': ['python', 'python3', 'pip', 'pip3'],
  'docker.io/library/node': ['docker-entrypoint.sh', 'node', 'nodejs', 'npm', 'npx', 'yarn'],
  'docker.io/library/perl': ['perl', 'perl5.40.0', 'cpan'],
  'docker.io/library/debian': ['perl'],
  'docker.io/library/ubuntu': ['perl'],
  'registry.k8s.io/etcd': ['etcd', 'etcdctl'],
  'docker.io/polinux/stress': ['stress'],
  'docker.io/vish/stress': ['stress'],
  'quay.io/fluentd_elasticsearch/fluentd': ['fluentd', 'entrypoint.sh', 'run.sh'],
};

/** A repository whose `stress` binary is vishh's Go program, not stress(1). */
const VISH_STRESS = 'docker.io/vish/stress';

export type ProgramChoice =
  | { ok: true; program: string; argv: string[] }
  | { ok: false; error: string }
  /** Found the wrapper script, but what it execs is not in the image. */
  | { ok: true; program: 'missing'; argv: string[]; script: string };

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}

function has(repository: string, image: ImageConfig, name: string): boolean {
  const base = baseName(name);
  if (hasCommand(name, image.shell)) return true;
  if (IMAGE_BINARIES[repository]?.includes(base)) return true;
  const own = [image.entrypoint[0], image.cmd[0]].filter(Boolean).map(baseName);
  if (own.includes(base)) return true;
  // A control-plane image's binary (kube-apiserver in registry.k8s.io/kube-apiserver…).
  return repository.endsWith(`/${base}`);
}

/** exec.LookPath's error as runc reports it. */
function lookPathError(name: string): string {
  return name.includes('/')
    ? `exec: "${name}": stat ${name}: no such file or directory`
    : `exec: "${name}": executable file not found in $PATH`;
}

/** Which program runs `argv` in this image, or runc's exec error. */
export function chooseProgram(
  repository: string,
  image: ImageConfig,
  argv: string[],
): ProgramChoice {
  const name = argv[0];
  if (!has(repository, image, name)) return { ok: false, error: lookPathError(name) };
  return programFor(repository, image, argv);
}

function programFor(repository: string, image: ImageConfig, argv: string[]): ProgramChoice {
  const base = baseName(argv[0]);
  if (base === 'docker-entrypoint.sh') return throughEntrypoint(repository, image, argv);
  if (shellStyleOf(base, image.shell) !== null) return { ok: true, program: 'shell', argv };
  if (base === 'stress')
    return { ok: true, program: repository === VISH_STRESS ? 'vish-stress' : 'stress', argv };
  const known = BY_NAME[base];
  if (known) return { ok: true, program: known, argv };
  if (hasCommand(argv[0], image.shell)) return { ok: true, program: 'shell', argv };
  return { ok: true, program: 'unknown', argv };
}

/** The main program each image's docker-entrypoint.sh sets up (and runs for a leading flag). */
const ENTRYPOINT_MAIN: Record<string, string> = {
  'docker.io/library/nginx': 'nginx',
  'docker.io/library/redis': 'redis-server',
  'docker.io/library/postgres': 'postgres',
  'docker.io/library/mysql': 'mysqld',
  'docker.io/library/node': 'node',
};

function throughEntrypoint(repository: string, image: ImageConfig, argv: string[]): ProgramChoice {
  const main = ENTRYPOINT_MAIN[repository];
  const inner = argv.slice(1);
  // `exec "$@"` with nothing to exec: the script ends.
  if (inner.length === 0) return { ok: true, program: 'exited', argv };
  const first = baseName(inner[0]);
  if (main && (first === main || (first === 'nginx-debug' && main === 'nginx'))) {
    return { ok: true, program: BY_NAME[main], argv };
  }
  if (main && main !== 'nginx' && inner[0].startsWith('-')) {
    return { ok: true, program: BY_NAME[main], argv: [argv[0], main, ...inner] };
  }
  if (!has(repository, image, inner[0]))
    return {
      ok: true,
      program: 'missing',
      argv: inner,
      // Found through PATH, the script runs as /usr/local/bin/docker-entrypoint.sh.
      script: argv[0].includes('/') ? argv[0] : `/usr/local/bin/${argv[0]}`,
    };
  return programFor(repository, image, inner);
}
