import { describe, expect, it } from 'vitest';
import { LineDiscipline, onlcr } from './tty';

describe('the pty line discipline', () => {
  it('echoes, erases, ends lines at Enter, and turns ^C and ^D into events', () => {
    const tty = new LineDiscipline();
    expect(tty.input('ech')).toEqual({ echo: 'ech', events: [] });
    expect(tty.input('x\x7fo hi\r')).toEqual({
      echo: 'x\b \bo hi\r\n',
      events: [{ kind: 'line', line: 'echo hi' }],
    });
    // An arrow key is swallowed whole.
    expect(tty.input('ls\x1b[A\x03')).toEqual({
      echo: 'ls^C\r\n',
      events: [{ kind: 'interrupt' }],
    });
    expect(tty.input('a\x04')).toEqual({ echo: 'a', events: [] });
    expect(tty.input('\x15\x04')).toEqual({ echo: '\b \b', events: [{ kind: 'eof' }] });
    expect(onlcr('a\nb\r\n')).toBe('a\r\nb\r\n');
  });
});
