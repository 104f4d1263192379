/**
 * redis-server as the official image runs it (docker-entrypoint.sh drops to the redis user, no
 * config file): its start-up lines, port 6379, and SIGTERM's shutdown with the final RDB save.
 * An HTTP request on its port is what it calls a cross-protocol attack: it logs the warning and
 * closes the connection (curl: "Empty reply from server").
 * Texts: redis src/server.c (start-up, "Ready to accept connections tcp"), src/server.c
 * sigShutdownHandler ("Received SIGTERM scheduling shutdown..."), prepareForShutdown /
 * finishShutdown, src/networking.c securityWarningCommand.
 */
import { redisTime, unixSeconds } from '../clock';
import { envOf } from '../imageFiles';
import type { ProcessContext, Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

function line(ctx: ProcessContext, role: 'C' | 'M', level: '*' | '#', text: string): void {
  ctx.write('stdout', `1:${role} ${redisTime(ctx.nowMs)} ${level} ${text}`);
}

export const redisServer: Program = {
  baseMemBytes: 4 * MIB,

  start(ctx, p) {
    const version = envOf(ctx.image, 'REDIS_VERSION') ?? '7.4.1';
    const port = portOf(p.argv);
    p.data = { port };
    line(ctx, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    line(
      ctx,
      'C',
      '*',
      `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`,
    );
    const args = p.argv.slice(p.argv.findIndex((a) => a.endsWith('redis-server')) + 1);
    if (!args.some((a) => !a.startsWith('-')))
      line(
        ctx,
        'C',
        '#',
        'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
      );
    line(ctx, 'M', '*', 'monotonic clock: POSIX clock_gettime');
    line(ctx, 'M', '*', `Running mode=standalone, port=${port}.`);
    line(ctx, 'M', '*', 'Server initialized');
    line(ctx, 'M', '*', 'Ready to accept connections tcp');
    p.memBytes = 8 * MIB;
    return RUN;
  },

  signal(ctx, _p, sig): Step | 'ignored' {
    if (sig !== 'SIGTERM' && sig !== 'SIGINT') return 'ignored';
    ctx.write(
      'stdout',
      `1:signal-handler (${unixSeconds(ctx.nowMs)}) Received ${sig} scheduling shutdown...`,
    );
    line(ctx, 'M', '*', 'User requested shutdown...');
    line(ctx, 'M', '*', 'Saving the final RDB snapshot before exiting.');
    line(ctx, 'M', '*', 'DB saved on disk');
    line(ctx, 'M', '#', 'Redis is now ready to exit, bye bye...');
    return { kind: 'exit', code: 0, afterMs: 100 };
  },

  listens(p, port, protocol) {
    return protocol === 'TCP' && port === (p.data?.port ?? 6379);
  },

  http(ctx, p, port) {
    if (port !== (p.data?.port ?? 6379)) return undefined;
    line(
      ctx,
      'M',
      '#',
      'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
    );
    return { status: 0, body: '' };
  },
};

/** `--port N` on the command line, else 6379. */
function portOf(argv: string[]): number {
  const i = argv.indexOf('--port');
  const n = i >= 0 ? Number(argv[i + 1]) : 6379;
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : 6379;
}
