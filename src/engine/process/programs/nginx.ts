/**
 * nginx as the official image runs it: /docker-entrypoint.sh's configuration lines (nginx ≥ 1.19),
 * the master's start-up notices on stderr (error_log … notice; 1.14-era images log at warn, so
 * they print nothing), one `main`-format access-log line per request on stdout, files served
 * from /usr/share/nginx/html of the container's own files, nginx's own 404 page, and its
 * shutdown: SIGQUIT graceful (the image's STOPSIGNAL since 1.19), SIGTERM / SIGINT fast; both
 * exit 0.
 *
 * Texts: nginx src/os/unix/ngx_process.c (signal notices; si_pid is 0 for a signal from outside
 * the container's PID namespace, so no "from"), ngx_process_cycle.c (start/exit notices),
 * ngx_http_special_response.c (the error pages, CRLF lines, server_tokens on), the image's
 * docker-entrypoint.sh and 10-listen-on-ipv6-by-default.sh.
 */
import { clfTime, slashTime } from '../clock';
import { httpDate, nginxContentType } from '../httpHead';
import { envOf, isOldNginx, NGINX_HTML, nginxVersion } from '../imageFiles';
import type { HttpRequest, HttpResponse, ProcessContext, ProcState, Program, Step } from '../types';
import { RUN, SIGNAL_NUMBER } from '../types';

const MIB = 1024 * 1024;

interface NginxData {
  [key: string]: unknown;
  /** Worker PIDs. */
  workers: number[];
  /** Connections served (the error log's `*N`). */
  conns: number;
  /** Logs notices (error_log … notice). */
  notice: boolean;
  version: string;
}

const ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The master is PID 1; with the entrypoint's scripts run first, the workers come out near 29. */
const FIRST_WORKER_PID_AFTER_ENTRYPOINT = 29;
const FIRST_WORKER_PID = 7;

function data(p: ProcState): NginxData {
  return p.data as NginxData;
}

function notice(ctx: ProcessContext, pid: number, text: string): void {
  ctx.write('stderr', `${slashTime(ctx.nowMs)} [notice] ${pid}#${pid}: ${text}`);
}

export const nginx: Program = {
  baseMemBytes: 8 * MIB,

  start(ctx, p) {
    const viaEntrypoint = p.argv[0].endsWith('docker-entrypoint.sh');
    const old = isOldNginx(ctx.image);
    const first = viaEntrypoint ? FIRST_WORKER_PID_AFTER_ENTRYPOINT : FIRST_WORKER_PID;
    const workers = Array.from({ length: Math.max(1, ctx.cpus) }, (_, i) => first + i);
    p.data = {
      workers,
      conns: 0,
      notice: !old,
      version: nginxVersion(ctx.image),
    } satisfies NginxData;
    if (
      viaEntrypoint &&
      !envOf(ctx.image, 'NGINX_ENTRYPOINT_QUIET_LOGS') &&
      !ctx.env.NGINX_ENTRYPOINT_QUIET_LOGS
    ) {
      for (const line of ENTRYPOINT_LINES) ctx.write('stdout', line);
    }
    if (!old) {
      const gcc =
        ctx.image.shell === 'busybox'
          ? 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) '
          : 'built by gcc 12.2.0 (Debian 12.2.0-14) ';
      notice(ctx, 1, 'using the "epoll" event method');
      notice(ctx, 1, `nginx/${data(p).version}`);
      notice(ctx, 1, gcc);
      notice(ctx, 1, `OS: Linux ${ctx.kernel}`);
      // containerd 2.x's unit sets no LimitNOFILE: systemd's default soft:hard limit.
      notice(ctx, 1, 'getrlimit(RLIMIT_NOFILE): 1024:524288');
      notice(ctx, 1, 'start worker processes');
      for (const pid of workers) notice(ctx, 1, `start worker process ${pid}`);
    }
    p.memBytes = (4 + 2 * workers.length) * MIB;
    return RUN;
  },

  signal(ctx, p, sig): Step | 'ignored' {
    const d = data(p);
    if (sig !== 'SIGQUIT' && sig !== 'SIGTERM' && sig !== 'SIGINT') return 'ignored';
    if (d.notice) {
      const graceful = sig === 'SIGQUIT';
      notice(
        ctx,
        1,
        `signal ${SIGNAL_NUMBER[sig]} (${sig}) received, ${graceful ? 'shutting down' : 'exiting'}`,
      );
      for (const pid of d.workers) {
        if (graceful) notice(ctx, pid, 'gracefully shutting down');
        notice(ctx, pid, 'exiting');
        notice(ctx, pid, 'exit');
      }
      for (const pid of d.workers) {
        notice(ctx, 1, `signal 17 (SIGCHLD) received from ${pid}`);
        notice(ctx, 1, `worker process ${pid} exited with code 0`);
      }
      notice(ctx, 1, 'exit');
    }
    return { kind: 'exit', code: 0, afterMs: 5 };
  },

  listens(_p, port, protocol) {
    return port === 80 && protocol === 'TCP';
  },

  http(ctx, p, port, req) {
    if (port !== 80) return undefined;
    const d = data(p);
    d.conns++;
    const res = serveFile(ctx, d, req);
    if (req.wantHead) res.headers = nginxHead(ctx, d.version, req, res);
    ctx.write(
      'stdout',
      `${req.clientIp} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${utf8Length(res.body)} "-" "${req.userAgent}" "-"`,
    );
    return res;
  },
};

function serveFile(ctx: ProcessContext, d: NginxData, req: HttpRequest): HttpResponse {
  const path = req.path.split('?')[0] || '/';
  const file = `${NGINX_HTML}${path}`;
  const worker = d.workers[0];
  const where = `client: ${req.clientIp}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`;
  if (path.endsWith('/')) {
    for (const index of ['index.html', 'index.htm']) {
      const body = ctx.fs[`${file}${index}`];
      if (body !== undefined) return { status: 200, body };
    }
    if (ctx.fs[file] === undefined) return notFound(ctx, d, file, where, worker);
    ctx.write(
      'stderr',
      `${slashTime(ctx.nowMs)} [error] ${worker}#${worker}: *${d.conns} directory index of "${file}" is forbidden, ${where}`,
    );
    return { status: 403, body: errorPage('403 Forbidden', d.version) };
  }
  const body = ctx.fs[file];
  if (body !== undefined) return { status: 200, body };
  if (ctx.fs[`${file}/`] !== undefined)
    return { status: 301, body: errorPage('301 Moved Permanently', d.version) };
  return notFound(ctx, d, file, where, worker);
}

function notFound(
  ctx: ProcessContext,
  d: NginxData,
  file: string,
  where: string,
  worker: number,
): HttpResponse {
  ctx.write(
    'stderr',
    `${slashTime(ctx.nowMs)} [error] ${worker}#${worker}: *${d.conns} open() "${file}" failed (2: No such file or directory), ${where}`,
  );
  return { status: 404, body: errorPage('404 Not Found', d.version) };
}

/**
 * ngx_http_header_filter_module.c's order: Server (server_tokens on), Date, Content-Type,
 * Content-Length, Location, Connection. A file's type comes from mime.types; the error pages are
 * text/html. (Last-Modified, ETag and Accept-Ranges need the file's mtime: not modelled.)
 */
function nginxHead(
  ctx: ProcessContext,
  version: string,
  req: HttpRequest,
  res: HttpResponse,
): [string, string][] {
  const path = req.path.split('?')[0] || '/';
  const type = res.status === 200 && !path.endsWith('/') ? nginxContentType(path) : 'text/html';
  const head: [string, string][] = [
    ['Server', `nginx/${version}`],
    ['Date', httpDate(ctx.nowMs)],
    ['Content-Type', type],
    ['Content-Length', String(utf8Length(res.body))],
  ];
  // absolute_redirect on, server_name_in_redirect off: the Host's name, port 80 left out.
  if (res.status === 301) head.push(['Location', `http://${req.host.split(':')[0]}${path}/`]);
  head.push(['Connection', req.wantHead?.keepAlive ? 'keep-alive' : 'close']);
  return head;
}

/** ngx_http_special_response.c: the page, then the tail with NGINX_VER (server_tokens on). */
export function errorPage(title: string, version: string): string {
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

/** $body_bytes_sent: the body's bytes (UTF-8). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
