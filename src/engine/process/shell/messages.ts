/**
 * How each shell words its own errors (checked against busybox 1.35 ash, dash 0.5.12 and bash
 * 5.2 running `sh -c`): the prefix, the line number and the text.
 *
 *   busybox  sh: foo: not found            sh: cd: line 0: can't cd to /x: No such file or directory
 *   dash     sh: 1: foo: not found         sh: 1: cd: can't cd to /x
 *   bash     bash: line 1: foo: command not found    bash: line 1: cd: /x: No such file or directory
 *
 * busybox counts `-c` script lines from 0 (ash: "LINENO starts from 0 in -c SCRIPT mode", bash
 * compat); bash names a function's errors "environment: line N" when the function came from a
 * `-c` string.
 */
import type { ShellContext, ShellStyle } from './state';
import type { SyntaxInfo } from './syntax';

export interface Where {
  ctx: ShellContext;
  line: number;
  /** Inside a function (bash prints "environment" then). */
  inFunction: boolean;
}

function ashLine(w: Where): number {
  return w.ctx.lineBase + w.line;
}

function bashName(w: Where): string {
  return w.inFunction ? 'environment' : w.ctx.errName;
}

/** An error of the shell itself (redirections, variables, expansions). */
export function shellError(w: Where, msg: string): string {
  switch (w.ctx.style) {
    case 'ash':
      return `${w.ctx.errName}: ${msg}`;
    case 'dash':
      return `${w.ctx.errName}: ${w.line}: ${msg}`;
    case 'bash':
      return `${bashName(w)}: line ${w.line}: ${msg}`;
  }
}

/** An error from a shell builtin such as cd, exit, trap, shift. */
export function builtinError(w: Where, builtin: string, msg: string): string {
  switch (w.ctx.style) {
    case 'ash':
      return `${w.ctx.errName}: ${builtin}: line ${ashLine(w)}: ${msg}`;
    case 'dash':
      return `${w.ctx.errName}: ${w.line}: ${builtin}: ${msg}`;
    case 'bash':
      return `${bashName(w)}: line ${w.line}: ${builtin}: ${msg}`;
  }
}

/**
 * An error from a builtin that busybox runs as an applet inside the shell (test, printf, kill):
 * busybox prefixes the applet name, `sh`, without a line.
 */
export function appletBuiltinError(w: Where, builtin: string, msg: string, dashMsg = msg): string {
  if (w.ctx.style === 'ash') return `${baseName(w.ctx.errName)}: ${msg}`;
  return builtinError(w, builtin, w.ctx.style === 'dash' ? dashMsg : msg);
}

export function notFound(w: Where, command: string): string {
  switch (w.ctx.style) {
    case 'ash':
      return w.ctx.nameGiven
        ? `${w.ctx.errName}: line ${ashLine(w)}: ${command}: not found`
        : `${w.ctx.errName}: ${command}: not found`;
    case 'dash':
      return `${w.ctx.errName}: ${w.line}: ${command}: not found`;
    case 'bash':
      return `${bashName(w)}: line ${w.line}: ${command}: command not found`;
  }
}

export function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** A syntax error, as the lines each shell prints (bash adds the offending line). */
export function syntaxError(
  style: ShellStyle,
  errName: string,
  info: SyntaxInfo,
  source: string,
): string[] {
  const lineText = (n: number) => source.split('\n')[n - 1] ?? '';
  if (style === 'bash') {
    const at = `${errName}: -c: line`;
    switch (info.kind) {
      case 'unexpected':
        return [
          `${at} ${info.line}: syntax error near unexpected token \`${info.token.bash}'`,
          `${at} ${info.line}: \`${lineText(info.line)}'`,
        ];
      case 'eof':
        return [`${at} ${info.bashLine}: syntax error: unexpected end of file`];
      case 'unterminated':
        return [
          `${at} ${source.split('\n').length}: unexpected EOF while looking for matching \`${info.quote}'`,
        ];
      case 'missingBrace':
        return [`${at} ${info.line}: unexpected EOF while looking for matching \`}'`];
      case 'unclosedSubst':
        return [
          `${at} ${source.split('\n').length + 1}: unexpected EOF while looking for matching \`)'`,
        ];
      case 'badSubst':
        return [`${errName}: line ${info.line}: ${info.text}: bad substitution`];
      case 'unsupported':
        return [`${errName}: line ${info.line}: ${unsupported(info.what)}`];
    }
  }
  const dash = style === 'dash';
  const prefix = dash ? `${errName}: ${info.line}: ` : `${errName}: `;
  switch (info.kind) {
    case 'unexpected': {
      const expecting = info.expecting ? ` (expecting "${info.expecting}")` : '';
      return [
        dash
          ? `${prefix}Syntax error: ${info.token.posix} unexpected${expecting}`
          : `${prefix}syntax error: unexpected ${info.token.posix}${expecting}`,
      ];
    }
    case 'eof': {
      const expecting = info.expecting ? ` (expecting "${info.expecting}")` : '';
      return [
        dash
          ? `${prefix}Syntax error: end of file unexpected${expecting}`
          : `${prefix}syntax error: unexpected end of file${expecting}`,
      ];
    }
    case 'unterminated':
      return [
        dash
          ? `${prefix}Syntax error: Unterminated quoted string`
          : `${prefix}syntax error: unterminated quoted string`,
      ];
    case 'missingBrace':
      return [dash ? `${prefix}Syntax error: Missing '}'` : `${prefix}syntax error: missing '}'`];
    case 'unclosedSubst':
      return [
        dash
          ? `${prefix}Syntax error: end of file unexpected (expecting ")")`
          : `${prefix}syntax error: unexpected end of file (expecting ")")`,
      ];
    case 'badSubst':
      return [dash ? `${prefix}Bad substitution` : `${prefix}syntax error: bad substitution`];
    case 'unsupported':
      return [`${prefix}${unsupported(info.what)}`];
  }
}

function unsupported(what: string): string {
  return `${what} is not supported by the simulated shell`;
}

/** Syntax errors exit 2 in every shell; bash's "bad substitution" is a runtime error (1). */
export function syntaxExitCode(style: ShellStyle, info: SyntaxInfo): number {
  return style === 'bash' && info.kind === 'badSubst' ? 1 : 2;
}
