/**
 * wget (busybox), curl and nslookup (busybox). HTTP goes through `world.http` when the caller
 * models the network; without it every host is unknown, as on a node without DNS. nslookup has
 * no DNS model: it waits busybox's 5 s query timeout and fails the way busybox does when no
 * server answers (networking/nslookup.c).
 */
import type { HttpAnswer, HttpFailure, Program, ProgramEnv } from '../command';
import { dirName, isDir, resolvePath } from '../files';

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

interface Url {
  host: string;
  port: number;
  path: string;
  file: string;
}

function parseUrl(text: string): Url | null {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::([0-9]+))?([^?#]*)?/.exec(text);
  if (!m?.[2]) return null;
  const path = m[4] || '/';
  const base = path.split('/').pop() || 'index.html';
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path, file: base };
}

function fetchUrl(env: ProgramEnv, url: string): HttpAnswer | HttpFailure {
  return env.world.http ? env.world.http(url) : { error: 'unresolved' };
}

/** Busybox wget: progress lines on stderr, the body to a file or (with -O -) to stdout. */
export const wget: Program = (env) => {
  const args = env.argv.slice(1);
  let quiet = false;
  let output: string | null = null;
  let timeoutS = 900;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O') output = args[++i] ?? '-';
    else if (a === '-T') timeoutS = Number(args[++i] ?? 900);
    else if (a.startsWith('-T') && a.length > 2) timeoutS = Number(a.slice(2));
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      const flags = a.slice(1);
      if (flags.includes('q')) quiet = true;
      const o = flags.indexOf('O');
      if (o >= 0) output = flags.slice(o + 1) || (args[++i] ?? '-');
    } else if (a.startsWith('--output-document=')) output = a.slice(18);
    else if (a === '--quiet') quiet = true;
    else if (!a.startsWith('--')) urls.push(a);
  }
  if (urls.length === 0) {
    env.io.err(
      'BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n',
    );
    return 1;
  }
  const url = parseUrl(urls[0]);
  if (!url) {
    env.io.err(`wget: bad address '${urls[0]}'\n`);
    return 1;
  }
  const answer = fetchUrl(env, urls[0]);
  if ('error' in answer) {
    if (answer.error === 'unresolved') env.io.err(`wget: bad address '${url.host}'\n`);
    else if (answer.error === 'refused') {
      if (!quiet) env.io.err(`Connecting to ${url.host}:${url.port} (${url.host}:${url.port})\n`);
      env.io.err(`wget: can't connect to remote host: Connection refused\n`);
    } else if (answer.error === 'timeout') {
      if (!quiet) env.io.err(`Connecting to ${url.host}:${url.port} (${url.host}:${url.port})\n`);
      return {
        code: 1,
        sleepMs: timeoutS * 1000,
        after: [{ fd: 2, text: 'wget: download timed out\n' }],
      };
    } else env.io.err(`wget: ${answer.error}\n`);
    return 1;
  }
  if (!quiet)
    env.io.err(
      `Connecting to ${url.host}${url.port === 80 ? '' : `:${url.port}`} (${url.host}:${url.port})\n`,
    );
  if (answer.status >= 400) {
    env.io.err(
      `wget: server returned error: HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? ''}\n`,
    );
    return 1;
  }
  const target = output ?? url.file;
  if (target === '-') {
    if (!quiet) env.io.err('writing to stdout\n');
    env.io.out(answer.body);
    if (!quiet)
      env.io.err(
        `-                    100% |********************************| ${String(answer.body.length).padStart(5)}  0:00:00 ETA\nwritten to stdout\n`,
      );
    return 0;
  }
  const path = resolvePath(env.cwd, target);
  if (isDir(env.world.fs, path) || !isDir(env.world.fs, dirName(path))) {
    env.io.err(
      `wget: can't open '${target}': ${isDir(env.world.fs, path) ? 'Is a directory' : 'No such file or directory'}\n`,
    );
    return 1;
  }
  if (!quiet) env.io.err(`saving to '${target}'\n`);
  env.world.fs[path] = answer.body;
  if (!quiet) {
    const name = target.split('/').pop() ?? target;
    env.io.err(
      `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(answer.body.length).padStart(5)}  0:00:00 ETA\n'${target}' saved\n`,
    );
  }
  return 0;
};

/** curl: body to stdout (or -o FILE); errors hidden by -s unless -S. */
export const curl: Program = (env) => {
  const args = env.argv.slice(1);
  let silent = false;
  let showErrors = false;
  let failOnError = false;
  let headOnly = false;
  let output: string | null = null;
  let maxTimeS: number | null = null;
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') output = args[++i] ?? null;
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout')
      maxTimeS = Number(args[++i] ?? 0);
    else if (a === '--silent') silent = true;
    else if (a === '--show-error') showErrors = true;
    else if (a === '--fail') failOnError = true;
    else if (a === '--head') headOnly = true;
    else if (a === '-H' || a === '-X' || a === '-d' || a === '-A' || a === '-u' || a === '-w') i++;
    else if (a.startsWith('-') && !a.startsWith('--') && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true;
        else if (f === 'S') showErrors = true;
        else if (f === 'f') failOnError = true;
        else if (f === 'I') headOnly = true;
      }
    } else if (!a.startsWith('--')) urls.push(a);
  }
  const error = (code: number, msg: string, sleepMs = 0) => {
    const text = !silent || showErrors ? `curl: (${code}) ${msg}\n` : '';
    if (sleepMs > 0) return { code, sleepMs, after: text ? [{ fd: 2 as const, text }] : [] };
    env.io.err(text);
    return code;
  };
  if (urls.length === 0) {
    env.io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const url = parseUrl(urls[0]);
  if (!url) return error(3, 'URL rejected: Malformed input to a URL function');
  const answer = fetchUrl(env, urls[0]);
  if ('error' in answer) {
    if (answer.error === 'unresolved') return error(6, `Could not resolve host: ${url.host}`);
    if (answer.error === 'refused') {
      return error(
        7,
        `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`,
      );
    }
    if (answer.error === 'timeout') {
      const s = maxTimeS ?? 134;
      return error(
        28,
        `Failed to connect to ${url.host} port ${url.port} after ${s * 1000} ms: Timeout was reached`,
        s * 1000,
      );
    }
    return error(7, answer.error);
  }
  if (failOnError && answer.status >= 400) {
    return error(22, `The requested URL returned error: ${answer.status}`);
  }
  const body = headOnly
    ? `HTTP/1.1 ${answer.status} ${REASONS[answer.status] ?? ''}\r\n\r\n`
    : answer.body;
  if (output) {
    const path = resolvePath(env.cwd, output);
    if (!isDir(env.world.fs, dirName(path)))
      return error(23, `Failure writing output to destination`);
    env.world.fs[path] = body;
  } else env.io.out(body);
  return 0;
};

/** Busybox nslookup with no DNS server answering: 5 s, then the timeout message (stdout), exit 1. */
export const nslookup: Program = (env) => {
  const names = env.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (names.length === 0) {
    env.io.err(
      'BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n',
    );
    return 1;
  }
  return {
    code: 1,
    sleepMs: 5000,
    after: [{ fd: 1, text: ';; connection timed out; no servers could be reached\n\n' }],
  };
};
