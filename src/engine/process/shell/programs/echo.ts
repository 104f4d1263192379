/**
 * echo as each shell has it: busybox and bash take -n, -e, -E and print backslashes as they are
 * unless -e; dash takes only -n and always interprets backslash escapes.
 */
import type { Io } from '../command';
import type { ShellStyle } from '../state';

export function echo(args: string[], style: ShellStyle, io: Io): number {
  let newline = true;
  let escapes = style === 'dash';
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    const allowed = style === 'dash' ? /^-n+$/ : /^-[neE]+$/;
    if (!allowed.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else if (f === 'E') escapes = false;
    }
  }
  let text = args.slice(i).join(' ');
  if (escapes) {
    const r = backslashEscapes(text, true);
    text = r.text;
    if (r.stop) newline = false;
  }
  io.out(newline ? `${text}\n` : text);
  return 0;
}

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** Backslash escapes of echo -e / printf; `\c` stops all output (stop: true). */
export function backslashEscapes(
  text: string,
  echoOctal: boolean,
): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[i + 1];
    if (n === 'c') return { text: out, stop: true };
    if (SIMPLE[n] !== undefined) {
      out += SIMPLE[n];
      i++;
      continue;
    }
    const octal = echoOctal
      ? /^0[0-7]{0,3}/.exec(text.slice(i + 1))
      : /^[0-7]{1,3}/.exec(text.slice(i + 1));
    if (octal) {
      out += String.fromCharCode(Number.parseInt(octal[0], 8) & 255);
      i += octal[0].length;
      continue;
    }
    const hex = /^x[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1));
    if (hex) {
      out += String.fromCharCode(Number.parseInt(hex[0].slice(1), 16));
      i += hex[0].length;
      continue;
    }
    out += c;
  }
  return { text: out, stop: false };
}
