/**
 * Apache httpd as the official image runs it (httpd-foreground: `httpd -DFOREGROUND`): the
 * ServerName warning twice (the image sets none, so httpd falls back to the container's address),
 * the mpm_event start-up notices, one common-log-format line per request on stdout, the
 * "It works!" page, and its stops: SIGWINCH (the image's STOPSIGNAL) graceful, SIGTERM at once.
 * Texts: httpd server/util.c (AH00558), server/mpm/event/event.c (AH00489, AH00491, AH00492),
 * server/log.c (AH00094), modules/http/http_protocol.c (the 404 page).
 */

import { clfTime, httpdTime } from '../clock';
import { httpDate } from '../httpHead';
import { envOf, HTTPD_HTDOCS } from '../imageFiles';
import type { HttpResponse, ProcessContext, Program, Step } from '../types';
import { RUN } from '../types';
import { utf8Length } from './nginx';

const MIB = 1024 * 1024;

const NOT_FOUND =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';

function notice(ctx: ProcessContext, module: string, text: string): void {
  ctx.write('stderr', `[${httpdTime(ctx.nowMs)}] [${module}:notice] [pid 1:tid 1] ${text}`);
}

export const httpd: Program = {
  baseMemBytes: 6 * MIB,

  start(ctx, p) {
    const version = envOf(ctx.image, 'HTTPD_VERSION') ?? '2.4.62';
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIp}. Set the 'ServerName' directive globally to suppress this message`;
    ctx.write('stderr', fqdn);
    ctx.write('stderr', fqdn);
    notice(
      ctx,
      'mpm_event',
      `AH00489: Apache/${version} (Unix) configured -- resuming normal operations`,
    );
    notice(ctx, 'core', "AH00094: Command line: 'httpd -D FOREGROUND'");
    p.memBytes = 12 * MIB;
    return RUN;
  },

  signal(ctx, _p, sig): Step | 'ignored' {
    if (sig === 'SIGWINCH')
      notice(ctx, 'mpm_event', 'AH00492: caught SIGWINCH, shutting down gracefully');
    else if (sig === 'SIGTERM' || sig === 'SIGINT')
      notice(ctx, 'mpm_event', 'AH00491: caught SIGTERM, shutting down');
    else return 'ignored';
    return { kind: 'exit', code: 0, afterMs: 5 };
  },

  listens(_p, port, protocol) {
    return port === 80 && protocol === 'TCP';
  },

  http(ctx, _p, port, req) {
    if (port !== 80) return undefined;
    const path = req.path.split('?')[0] || '/';
    const file = `${HTTPD_HTDOCS}${path.endsWith('/') ? `${path}index.html` : path}`;
    const body = ctx.fs[file];
    const res: HttpResponse =
      body === undefined ? { status: 404, body: NOT_FOUND } : { status: 200, body };
    if (req.wantHead) {
      // core's order: Date, Server (ServerTokens Full), Content-Length, Keep-Alive, Connection,
      // Content-Type; error pages in ISO-8859-1. (Last-Modified, ETag, Accept-Ranges: no mtime.)
      const version = envOf(ctx.image, 'HTTPD_VERSION') ?? '2.4.62';
      const keepAlive = req.wantHead.keepAlive;
      res.headers = [
        ['Date', httpDate(ctx.nowMs)],
        ['Server', `Apache/${version} (Unix)`],
        ['Content-Length', String(utf8Length(res.body))],
        ...(keepAlive
          ? ([
              ['Keep-Alive', 'timeout=5, max=100'],
              ['Connection', 'Keep-Alive'],
            ] as [string, string][])
          : ([['Connection', 'close']] as [string, string][])),
        ['Content-Type', res.status === 200 ? 'text/html' : 'text/html; charset=iso-8859-1'],
      ];
    }
    ctx.write(
      'stdout',
      `${req.clientIp} - - [${clfTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${utf8Length(res.body)}`,
    );
    return res;
  },
};
