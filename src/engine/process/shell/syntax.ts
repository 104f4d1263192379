/** Syntax errors as data; `messages.ts` words them the way each shell does. */

/** How a token is named in an error: dash and busybox name words "word", bash quotes the text. */
export interface TokenName {
  posix: string;
  bash: string;
}

export type SyntaxInfo =
  | { kind: 'unexpected'; token: TokenName; line: number; expecting?: string }
  | { kind: 'eof'; line: number; expecting?: string; bashLine: number }
  | { kind: 'unterminated'; quote: string; line: number }
  | { kind: 'missingBrace'; line: number }
  | { kind: 'unclosedSubst'; line: number }
  | { kind: 'badSubst'; text: string; line: number }
  | { kind: 'unsupported'; what: string; line: number };

export class ShellSyntaxError extends Error {
  constructor(readonly info: SyntaxInfo) {
    super(info.kind);
  }
}
