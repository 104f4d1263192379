/** printf: %s %b %c %d %i %u %o %x %X %f %e %g %%, flags, width and precision; the format repeats while arguments last. */
import type { Io } from '../command';
import type { ShellStyle } from '../state';
import { backslashEscapes } from './echo';

/** `fail(msg, dashMsg)` prints an error in the caller's wording. */
export function printf(
  args: string[],
  io: Io,
  fail: (msg: string, dashMsg: string) => void,
  style: ShellStyle,
): number {
  if (args.length === 0) {
    fail('usage: printf format [arguments]', 'usage: printf format [arg ...]');
    return style === 'bash' ? 2 : 1;
  }
  const format = args[0];
  const rest = args.slice(1);
  let code = 0;
  let out = '';
  let used = 0;
  const next = () => (used < rest.length ? rest[used++] : undefined);
  const number = (v: string | undefined): number => {
    if (v === undefined || v === '') return 0;
    if (/^['"]/.test(v)) return v.length > 1 ? v.charCodeAt(1) : 0;
    const t = v.trim();
    if (/^[+-]?(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(t))
      return Number(t.startsWith('0') && /^0[0-7]+$/.test(t) ? Number.parseInt(t, 8) : Number(t));
    const lead = /^[+-]?[0-9]+/.exec(t);
    const msg = style === 'bash' ? `${v}: invalid number` : `invalid number '${v}'`;
    fail(msg, `${v}: expected numeric value`);
    code = 1;
    return lead ? Number(lead[0]) : 0;
  };
  do {
    const before = used;
    let stop = false;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i];
      if (c === '\\') {
        const m = /^\\(0[0-7]{0,3}|[0-7]{1,3}|x[0-9a-fA-F]{1,2}|.)/.exec(format.slice(i));
        const seq = m ? m[0] : '\\';
        const r = backslashEscapes(seq, false);
        out += r.text;
        if (r.stop) stop = true;
        i += seq.length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const spec = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]+))?([sbcdiuoxXfeEgG%])/.exec(
        format.slice(i),
      );
      if (!spec) {
        out += c;
        continue;
      }
      i += spec[0].length - 1;
      const [, flags, w, p, conv] = spec;
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? number(next()) : w ? Number(w) : 0;
      const precision = p === '*' ? number(next()) : p !== undefined ? Number(p) : undefined;
      const arg = next();
      let body: string;
      switch (conv) {
        case 's':
          body = arg ?? '';
          if (precision !== undefined) body = body.slice(0, precision);
          break;
        case 'b': {
          const r = backslashEscapes(arg ?? '', true);
          body = r.text;
          if (r.stop) stop = true;
          break;
        }
        case 'c':
          body = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u': {
          const n = Math.trunc(number(arg));
          body = String(Math.abs(n));
          if (precision !== undefined) body = body.padStart(precision, '0');
          body = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + body;
          break;
        }
        case 'o':
        case 'x':
        case 'X': {
          const n = Math.trunc(number(arg));
          body = (n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n)).toString(
            conv === 'o' ? 8 : 16,
          );
          if (conv === 'X') body = body.toUpperCase();
          if (flags.includes('#') && n !== 0)
            body = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + body;
          break;
        }
        default: {
          const n = Number(arg ?? 0);
          const valid = Number.isFinite(n);
          if (!valid) number(arg);
          const v = valid ? n : 0;
          body =
            conv === 'f'
              ? v.toFixed(precision ?? 6)
              : conv === 'e' || conv === 'E'
                ? v.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2')
                : String(Number(v.toPrecision(precision || 6)));
          if (conv === 'E' || conv === 'G') body = body.toUpperCase();
          if (v >= 0 && flags.includes('+')) body = `+${body}`;
        }
      }
      if (body.length < width) {
        if (flags.includes('-')) body = body.padEnd(width);
        else if (flags.includes('0') && !'sbc'.includes(conv)) {
          const sign = /^[+-]/.test(body) ? body[0] : '';
          body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
        } else body = body.padStart(width);
      }
      out += body;
    }
    if (stop || used === before) break;
  } while (used < rest.length);
  io.out(out);
  return code;
}
