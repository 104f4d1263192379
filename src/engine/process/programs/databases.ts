/**
 * The database images' entrypoints and servers. Both refuse to initialise without a password
 * setting and exit 1 with their entrypoint's own words (the commonest first failure with these
 * images); given one, they initialise (a few seconds, printed here only by its last lines), then
 * listen. PostgreSQL stops on SIGINT (the image's STOPSIGNAL, "fast"), SIGTERM ("smart");
 * mysqld on SIGTERM. Both exit 0.
 * Texts: docker-library/postgres docker-entrypoint.sh (docker_verify_minimum_env), PostgreSQL
 * src/backend/postmaster/postmaster.c; docker-library/mysql docker-entrypoint.sh
 * (docker_verify_minimum_env, mysql_note/mysql_error), MySQL server messages MY-010931,
 * MY-013172, MY-010910.
 */
import { mysqldTime, mysqlEntrypointTime, postgresTime } from '../clock';
import { envOf } from '../imageFiles';
import type { ProcessContext, Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

/** initdb and the first start take this long (sim: a small data directory on a fast disk). */
const POSTGRES_INIT_MS = 2_500;
const MYSQL_INIT_MS = 15_000;

const POSTGRES_NO_PASSWORD = [
  'Error: Database is uninitialized and superuser password is not specified.',
  '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
  '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
  '',
  '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
  '       connections without a password. This is *not* recommended.',
  '',
  '       See PostgreSQL documentation about "trust":',
  '       https://www.postgresql.org/docs/current/auth-trust.html',
];

function pgLog(ctx: ProcessContext, pid: number, text: string): void {
  ctx.write('stderr', `${postgresTime(ctx.nowMs)} [${pid}] LOG:  ${text}`);
}

export const postgres: Program = {
  baseMemBytes: 20 * MIB,

  start(ctx, p) {
    const viaEntrypoint = p.argv[0].endsWith('docker-entrypoint.sh');
    p.data = { ready: false };
    if (
      viaEntrypoint &&
      !ctx.env.POSTGRES_PASSWORD &&
      ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust'
    ) {
      for (const l of POSTGRES_NO_PASSWORD) ctx.write('stderr', l);
      return { kind: 'exit', code: 1 };
    }
    p.memBytes = 30 * MIB;
    return { kind: 'sleep', ms: POSTGRES_INIT_MS };
  },

  wake(ctx, p) {
    const version = (envOf(ctx.image, 'PG_VERSION') ?? '17.2-1.pgdg120+1').split('-');
    const major = version[0];
    const debian = version[1] ? ` (Debian ${version.join('-')})` : '';
    ctx.write('stdout', 'PostgreSQL init process complete; ready for start up.');
    ctx.write('stdout', '');
    pgLog(
      ctx,
      1,
      `starting PostgreSQL ${major}${debian} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
    );
    pgLog(ctx, 1, 'listening on IPv4 address "0.0.0.0", port 5432');
    pgLog(ctx, 1, 'listening on IPv6 address "::", port 5432');
    pgLog(ctx, 1, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"');
    pgLog(ctx, 1, 'database system is ready to accept connections');
    p.data = { ready: true };
    p.memBytes = 40 * MIB;
    return RUN;
  },

  signal(ctx, _p, sig): Step | 'ignored' {
    if (sig !== 'SIGINT' && sig !== 'SIGTERM' && sig !== 'SIGQUIT') return 'ignored';
    const kind = sig === 'SIGINT' ? 'fast' : sig === 'SIGTERM' ? 'smart' : 'immediate';
    pgLog(ctx, 1, `received ${kind} shutdown request`);
    if (sig !== 'SIGTERM') pgLog(ctx, 1, 'aborting any active transactions');
    pgLog(ctx, 1, 'database system is shut down');
    return { kind: 'exit', code: 0, afterMs: 50 };
  },

  listens(p, port, protocol) {
    return protocol === 'TCP' && port === 5432 && p.data?.ready === true;
  },
};

function mysqlVersion(ctx: ProcessContext): { full: string; short: string } {
  const full = envOf(ctx.image, 'MYSQL_VERSION') ?? '9.1.0-1.el9';
  return { full, short: full.split('-')[0] };
}

function entrypointNote(ctx: ProcessContext, level: 'Note' | 'ERROR', text: string): void {
  ctx.write(
    level === 'ERROR' ? 'stderr' : 'stdout',
    `${mysqlEntrypointTime(ctx.nowMs)} [${level}] [Entrypoint]: ${text}`,
  );
}

function mysqldLog(ctx: ProcessContext, code: string, text: string): void {
  ctx.write('stderr', `${mysqldTime(ctx.nowMs)} 0 [System] [${code}] [Server] ${text}`);
}

export const mysqld: Program = {
  baseMemBytes: 120 * MIB,

  start(ctx, p) {
    p.data = { ready: false };
    if (!p.argv[0].endsWith('docker-entrypoint.sh')) {
      p.memBytes = 350 * MIB;
      return { kind: 'sleep', ms: 2_000 };
    }
    const { full } = mysqlVersion(ctx);
    entrypointNote(ctx, 'Note', `Entrypoint script for MySQL Server ${full} started.`);
    entrypointNote(ctx, 'Note', "Switching to dedicated user 'mysql'");
    entrypointNote(ctx, 'Note', `Entrypoint script for MySQL Server ${full} started.`);
    const env = ctx.env;
    if (
      !env.MYSQL_ROOT_PASSWORD &&
      !env.MYSQL_ALLOW_EMPTY_PASSWORD &&
      !env.MYSQL_RANDOM_ROOT_PASSWORD
    ) {
      entrypointNote(
        ctx,
        'ERROR',
        'Database is uninitialized and password option is not specified',
      );
      for (const l of [
        '    You need to specify one of the following as an environment variable:',
        '    - MYSQL_ROOT_PASSWORD',
        '    - MYSQL_ALLOW_EMPTY_PASSWORD',
        '    - MYSQL_RANDOM_ROOT_PASSWORD',
      ])
        ctx.write('stderr', l);
      return { kind: 'exit', code: 1 };
    }
    entrypointNote(ctx, 'Note', 'Initializing database files');
    p.memBytes = 350 * MIB;
    return { kind: 'sleep', ms: MYSQL_INIT_MS };
  },

  wake(ctx, p) {
    const { short } = mysqlVersion(ctx);
    if (p.argv[0].endsWith('docker-entrypoint.sh')) {
      entrypointNote(ctx, 'Note', 'Database files initialized');
      entrypointNote(ctx, 'Note', 'MySQL init process done. Ready for start up.');
    }
    mysqldLog(
      ctx,
      'MY-010931',
      `/usr/sbin/mysqld: ready for connections. Version: '${short}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
    );
    p.data = { ready: true };
    return RUN;
  },

  signal(ctx, _p, sig): Step | 'ignored' {
    if (sig !== 'SIGTERM' && sig !== 'SIGINT') return 'ignored';
    const { short } = mysqlVersion(ctx);
    mysqldLog(
      ctx,
      'MY-013172',
      `Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${short}).`,
    );
    mysqldLog(
      ctx,
      'MY-010910',
      `/usr/sbin/mysqld: Shutdown complete (mysqld ${short})  MySQL Community Server - GPL.`,
    );
    return { kind: 'exit', code: 0, afterMs: 1_000 };
  },

  listens(p, port, protocol) {
    return protocol === 'TCP' && (port === 3306 || port === 33060) && p.data?.ready === true;
  },
};
