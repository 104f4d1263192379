/**
 * Language runtimes as a container runs them: stdin is empty and not a terminal, so `python3`,
 * `node` or `perl` with no script read an empty program and exit 0 at once (the python and node
 * images' default command does exactly that). A one-line program given with -c / -e / -le is
 * understood when it only prints (`print(...)`, `console.log(...)`, `print ...`), and the Job
 * docs' `perl -Mbignum=bpi -wle 'print bpi(2000)'` prints π to 2000 digits after computing for
 * a few seconds. Other programs and script files are not interpreted: a missing script fails
 * with the runtime's own error, any other program exits 0 without output. `python3 -m
 * http.server` serves the working directory.
 */
import { EPOCH_MS } from '../../sim/defaults';
import { piDigits } from '../pi';
import type { HttpRequest, ProcessContext, Program, Step } from '../types';
import { RUN } from '../types';

const MIB = 1024 * 1024;

/** How long bignum's bpi(2000) takes in pure-Perl Math::BigFloat (sim: an estimate). */
const BPI_MS_PER_1000_DIGITS = 2_500;

/** A string literal in a print call: "…" or '…' with simple escapes. */
function literal(text: string): string | undefined {
  const m = /^\s*(["'])((?:\\.|(?!\1).)*)\1\s*$/s.exec(text);
  if (!m) return undefined;
  return m[2].replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(.)/g, '$1');
}

function absolute(ctx: ProcessContext, path: string): string {
  if (path.startsWith('/')) return path;
  const dir = ctx.image.workingDir || '/';
  return `${dir.endsWith('/') ? dir : `${dir}/`}${path}`;
}

function writeText(ctx: ProcessContext, stream: 'stdout' | 'stderr', text: string): void {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) ctx.write(stream, l);
}

// ---- perl -----------------------------------------------------------------------------------

export const perl: Program = {
  baseMemBytes: 4 * MIB,
  start(ctx, p) {
    p.memBytes = 8 * MIB;
    const args = p.argv.slice(1);
    let code: string | undefined;
    let newline = false;
    let warnings = false;
    let bignum = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a.startsWith('-M')) {
        if (a.startsWith('-Mbignum')) bignum = true;
        continue;
      }
      if (a.startsWith('-') && a.length > 1 && a !== '--') {
        const flags = a.slice(1);
        if (flags.includes('w')) warnings = true;
        if (flags.includes('l')) newline = true;
        if (flags.endsWith('e') || flags.endsWith('E')) {
          code = args[++i] ?? '';
          break;
        }
        // -de0: the debugger with no terminal reads EOF and leaves.
        continue;
      }
      // A script file.
      const path = absolute(ctx, a);
      if (ctx.fs[path] === undefined) {
        ctx.write('stderr', `Can't open perl script "${a}": No such file or directory`);
        return { kind: 'exit', code: 2 };
      }
      return { kind: 'exit', code: 0 };
    }
    if (code === undefined) return { kind: 'exit', code: 0 };
    const stmt = code.trim().replace(/;\s*$/, '');
    const quoted = literal(stmt);
    if (quoted !== undefined) {
      // A program that is one string constant does nothing; -w says so.
      if (warnings)
        ctx.write(
          'stderr',
          `Useless use of a constant ("${quoted}") in void context at -e line 1.`,
        );
      return { kind: 'exit', code: 0 };
    }
    const bpi = /^print\s+bpi\(\s*(\d+)\s*\)$/.exec(stmt);
    if (bpi && bignum) {
      const digits = Math.min(10_000, Number(bpi[1]));
      p.data = { out: piDigits(digits), newline };
      p.memBytes = 24 * MIB;
      return {
        kind: 'sleep',
        ms: Math.max(50, Math.round((digits / 1000) * BPI_MS_PER_1000_DIGITS)),
      };
    }
    const printed = /^print\s+(.*)$/s.exec(stmt);
    if (printed) {
      const text = literal(printed[1]);
      if (text !== undefined) writeText(ctx, 'stdout', newline ? `${text}\n` : text);
    }
    return { kind: 'exit', code: 0 };
  },
  wake(ctx, p) {
    const out = String(p.data?.out ?? '');
    ctx.write('stdout', out);
    return { kind: 'exit', code: 0 };
  },
  signal: () => 'ignored',
};

// ---- python ---------------------------------------------------------------------------------

const pyTime = (nowMs: number) => {
  const d = new Date(EPOCH_MS + nowMs);
  const MONTHS = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

export const python: Program = {
  baseMemBytes: 8 * MIB,
  start(ctx, p) {
    p.memBytes = 10 * MIB;
    const args = p.argv.slice(1);
    let unbuffered = !!ctx.env.PYTHONUNBUFFERED;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-u') {
        unbuffered = true;
        continue;
      }
      if (a === '-c') {
        const code = args[i + 1] ?? '';
        for (const stmt of code.split(/[;\n]/)) {
          const m = /^\s*print\((.*)\)\s*$/s.exec(stmt);
          const text = m ? literal(m[1]) : undefined;
          if (text !== undefined) ctx.write('stdout', text);
        }
        return { kind: 'exit', code: 0 };
      }
      if (a === '-m') {
        if (args[i + 1] !== 'http.server') return { kind: 'exit', code: 0 };
        const port = Number(args[i + 2]) > 0 ? Number(args[i + 2]) : 8000;
        p.data = { port, unbuffered };
        // stdout is a pipe, not a terminal: python buffers it, so this line shows only with -u.
        if (unbuffered)
          ctx.write('stdout', `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`);
        return RUN;
      }
      if (a.startsWith('-')) continue;
      const path = absolute(ctx, a);
      if (ctx.fs[path] === undefined) {
        ctx.write(
          'stderr',
          `${p.argv[0].split('/').pop()}: can't open file '${path}': [Errno 2] No such file or directory`,
        );
        return { kind: 'exit', code: 2 };
      }
      return { kind: 'exit', code: 0 };
    }
    return { kind: 'exit', code: 0 };
  },
  signal(_ctx, p, sig): Step | 'ignored' {
    // http.server has no handler; an interpreter as PID 1 ignores SIGTERM.
    return p.data?.port && sig === 'SIGINT' ? { kind: 'exit', code: 130 } : 'ignored';
  },
  listens(p, port, protocol) {
    return protocol === 'TCP' && p.data?.port === port;
  },
  http(ctx, p, port, req) {
    if (p.data?.port !== port) return undefined;
    const res = directoryServer(ctx, req);
    ctx.write(
      'stderr',
      `${req.clientIp} - - [${pyTime(ctx.nowMs)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -`,
    );
    return res;
  },
};

/** http.server's SimpleHTTPRequestHandler over the working directory. */
function directoryServer(ctx: ProcessContext, req: HttpRequest) {
  const root = (ctx.image.workingDir || '/').replace(/\/$/, '');
  const path = req.path.split('?')[0] || '/';
  const file = `${root}${path}`;
  if (path.endsWith('/')) {
    const index = ctx.fs[`${file}index.html`];
    if (index !== undefined) return { status: 200, body: index };
    if (ctx.fs[file] === undefined && file !== '/')
      return { status: 404, body: pyError(404, 'File not found') };
    const names = Object.keys(ctx.fs)
      .filter((k) => k.startsWith(file) && k !== file)
      .map((k) => k.slice(file.length))
      .filter((rest) => rest && !rest.slice(0, -1).includes('/'))
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    const items = names.map((n) => `<li><a href="${n}">${n}</a></li>\n`).join('');
    const title = `Directory listing for ${path}`;
    return {
      status: 200,
      body: `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<hr>\n<ul>\n${items}</ul>\n<hr>\n</body>\n</html>\n`,
    };
  }
  const body = ctx.fs[file];
  return body === undefined
    ? { status: 404, body: pyError(404, 'File not found') }
    : { status: 200, body };
}

function pyError(code: number, message: string): string {
  return `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: ${code}</p>\n        <p>Message: ${message}.</p>\n        <p>Error code explanation: ${code} - Nothing matches the given URI.</p>\n    </body>\n</html>\n`;
}

// ---- node -----------------------------------------------------------------------------------

export const node: Program = {
  baseMemBytes: 30 * MIB,
  start(ctx, p) {
    p.memBytes = 40 * MIB;
    const args = p.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') {
        const code = args[i + 1] ?? '';
        for (const stmt of code.split(/[;\n]/)) {
          const m = /^\s*console\.log\((.*)\)\s*$/s.exec(stmt);
          const text = m ? literal(m[1]) : undefined;
          if (text !== undefined) ctx.write('stdout', text);
        }
        return { kind: 'exit', code: 0 };
      }
      if (a.startsWith('-')) continue;
      const path = absolute(ctx, a);
      if (ctx.fs[path] === undefined && ctx.fs[`${path}.js`] === undefined) {
        ctx.write('stderr', `Error: Cannot find module '${path}'`);
        return { kind: 'exit', code: 1 };
      }
      return { kind: 'exit', code: 0 };
    }
    return { kind: 'exit', code: 0 };
  },
  signal: () => 'ignored',
};

// ---- hello-world ----------------------------------------------------------------------------

const HELLO = `
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/
`;

export const helloWorld: Program = {
  baseMemBytes: MIB / 4,
  start(ctx) {
    for (const l of HELLO.split('\n')) ctx.write('stdout', l);
    return { kind: 'exit', code: 0 };
  },
  signal: () => 'ignored',
};
