import { describe, expect, it } from 'vitest';
import { splitCommandLine } from './argv';

describe('splitCommandLine', () => {
  it('splits on runs of blanks', () => {
    expect(splitCommandLine('  kubectl   get\tpods ')).toEqual(['kubectl', 'get', 'pods']);
  });

  it('keeps single-quoted text literally', () => {
    expect(splitCommandLine(`kubectl get pods -l 'app in (a, b)'`)).toEqual([
      'kubectl',
      'get',
      'pods',
      '-l',
      'app in (a, b)',
    ]);
    expect(splitCommandLine(`echo 'a\\b "c"'`)).toEqual(['echo', 'a\\b "c"']);
  });

  it('honours backslash escapes inside double quotes', () => {
    expect(splitCommandLine('run x --env="A=b \\"c\\" \\\\ d"')).toEqual([
      'run',
      'x',
      '--env=A=b "c" \\ d',
    ]);
    expect(splitCommandLine('"a\\nb"')).toEqual(['a\\nb']);
  });

  it('joins quoted and unquoted parts of one word', () => {
    expect(splitCommandLine(`--labels=app='my app',tier="web"`)).toEqual([
      '--labels=app=my app,tier=web',
    ]);
  });

  it('escapes the next character outside quotes', () => {
    expect(splitCommandLine('a\\ b c')).toEqual(['a b', 'c']);
  });

  it('keeps empty quoted words', () => {
    expect(splitCommandLine(`a '' ""`)).toEqual(['a', '', '']);
  });

  it('starts a comment at an unquoted # that begins a word', () => {
    expect(splitCommandLine('kubectl get pods # list them')).toEqual(['kubectl', 'get', 'pods']);
    expect(splitCommandLine('a#b "#c"')).toEqual(['a#b', '#c']);
    expect(splitCommandLine('# only a comment')).toEqual([]);
  });

  it('reports unterminated quotes like a shell', () => {
    expect(splitCommandLine(`echo 'oops`)).toEqual({
      error: "unexpected EOF while looking for matching `''",
    });
    expect(splitCommandLine('echo "oops')).toEqual({
      error: 'unexpected EOF while looking for matching `"\'',
    });
  });
});
