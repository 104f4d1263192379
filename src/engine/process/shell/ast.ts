/**
 * The parsed form of a script. Every node has an id (its index in `Script.nodes`), so the
 * executor's resumable state can point at nodes with plain numbers.
 */

/** One piece of a word, before expansion. */
export type Part =
  /** Unquoted text: subject to pathname expansion, never to field splitting. */
  | { t: 'lit'; v: string }
  /** Quoted text (single quotes, or a backslash-escaped character): taken as it is. */
  | { t: 'sq'; v: string }
  /** Double-quoted: its expansions are not split. */
  | { t: 'dq'; parts: Part[] }
  /** `$name`, `${name}`, `${name:-word}`, `${#name}`, `${name#pat}` … */
  | { t: 'param'; name: string; op?: ParamOp; arg?: Part[]; length?: boolean }
  /** `$(…)` or backticks: the node id of the list to run. */
  | { t: 'cmd'; n: number }
  /** `$((…))`: the expression, itself expanded first. */
  | { t: 'arith'; expr: Part[] }
  /** A leading `~` (or `~/…`). */
  | { t: 'tilde' };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':?' | '?' | ':+' | '+' | '#' | '##' | '%' | '%%';

export type Word = Part[];

export type RedirOp = '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '>|' | '<<<';

export interface Redir {
  fd: number;
  op: RedirOp;
  target: Word;
}

interface Base {
  id: number;
  line: number;
}

/** `a; b & c` — and-or lists run in order; `async` ones in the background. */
export interface SeqNode extends Base {
  t: 'seq';
  items: { n: number; async: boolean }[];
}
export interface AndOrNode extends Base {
  t: 'andor';
  first: number;
  rest: { op: '&&' | '||'; n: number }[];
}
export interface PipeNode extends Base {
  t: 'pipe';
  bang: boolean;
  cmds: number[];
}
export interface SimpleNode extends Base {
  t: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirs: Redir[];
}
export interface GroupNode extends Base {
  t: 'group' | 'subshell';
  body: number;
  redirs: Redir[];
}
export interface IfNode extends Base {
  t: 'if';
  clauses: { cond: number; body: number }[];
  otherwise: number | null;
  redirs: Redir[];
}
export interface LoopNode extends Base {
  t: 'loop';
  until: boolean;
  cond: number;
  body: number;
  redirs: Redir[];
}
export interface ForNode extends Base {
  t: 'for';
  name: string;
  /** null: `for x; do` iterates over "$@". */
  words: Word[] | null;
  body: number;
  redirs: Redir[];
}
export interface CaseNode extends Base {
  t: 'case';
  word: Word;
  arms: { patterns: Word[]; body: number | null }[];
  redirs: Redir[];
}
export interface FuncNode extends Base {
  t: 'func';
  name: string;
  body: number;
}

export type Node =
  | SeqNode
  | AndOrNode
  | PipeNode
  | SimpleNode
  | GroupNode
  | IfNode
  | LoopNode
  | ForNode
  | CaseNode
  | FuncNode;

export interface Script {
  nodes: Node[];
  root: number;
  /** The source lines, for bash's syntax-error echo and for line numbers. */
  lineCount: number;
}
