import { describe, expect, it } from 'vitest';
import { DESCRIBE_TABWRITER, GET_TABWRITER, TabWriter } from './tabwriter';

function format(text: string, settings = DESCRIBE_TABWRITER): string {
  const w = new TabWriter(settings);
  w.write(text);
  return w.text();
}

describe('TabWriter (Go text/tabwriter)', () => {
  it('pads every tab-terminated cell to its column width plus padding, never the last cell', () => {
    expect(format('a\tbb\tc\naaa\tb\tc\n')).toBe('a    bb  c\naaa  b   c\n');
  });

  it('ends a column block at a line without that column', () => {
    expect(format('Name:\tx\nIPs:\n  IP:\t10.0.0.1\nContainers:\nLongerName:\ty\n')).toBe(
      'Name:  x\nIPs:\n  IP:  10.0.0.1\nContainers:\nLongerName:  y\n',
    );
  });

  it('keeps a block going across lines with different cell counts', () => {
    expect(format('a:\t1\nbbbb:\t2\t3\nc:\t4\n')).toBe('a:     1\nbbbb:  2  3\nc:     4\n');
  });

  it('pads a tab-terminated empty last column, leaving trailing spaces as kubectl does', () => {
    expect(format('Kube-Proxy Version:\t\nPodCIDR:\tx\n')).toBe(
      'Kube-Proxy Version:  \nPodCIDR:             x\n',
    );
  });

  it('applies kubectl get settings: padding 3, minimum width 6', () => {
    expect(format('A\tB\nx\ty\n', GET_TABWRITER)).toBe('A     B\nx     y\n');
  });

  it('starts new blocks after a flush but remembers widths for get tables', () => {
    const w = new TabWriter(GET_TABWRITER);
    w.write('NAME\tX\nlong-name-1\t1\n');
    w.flush();
    w.write('a\t2\n');
    expect(w.text()).toBe('NAME          X\nlong-name-1   1\na             2\n');
  });

  it('counts runes, not UTF-16 units', () => {
    expect(format('é\tx\nab\ty\n')).toBe('é   x\nab  y\n');
  });
});
