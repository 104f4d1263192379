import { describe, expect, it } from 'vitest';
import type { GoValue } from '../jsonpath/goValues';
import { goSortSlice } from './goSort';
import { PrintError } from './jsonpathPrinter';
import { SortFatal, sortObjects, sortTableRows } from './sorter';

describe("Go's sort.Sort", () => {
  it('sorts, and keeps equal keys in order up to 12 items (insertion sort)', () => {
    const items = [3, 1, 2, 1, 3, 2, 1].map((k, i) => ({ k, i }));
    goSortSlice(items, (a, b) => a.k < b.k);
    expect(items.map((x) => `${x.k}${x.i}`)).toEqual(['11', '13', '16', '22', '25', '30', '34']);
  });

  it('sorts large inputs with many equal keys (pdqsort paths: partitions, patterns, heap)', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (const n of [13, 50, 51, 200, 1000]) {
      for (const shape of ['random', 'sorted', 'reversed', 'dups'] as const) {
        const keys = Array.from({ length: n }, (_, i) =>
          shape === 'sorted'
            ? i
            : shape === 'reversed'
              ? n - i
              : shape === 'dups'
                ? rand() % 3
                : rand() % 1000,
        );
        const items = [...keys];
        goSortSlice(items, (a, b) => a < b);
        expect(items).toEqual([...keys].sort((a, b) => a - b));
      }
    }
  });
});

const name = (p: GoValue) => (p as { metadata: { name: string } }).metadata.name;

describe('kubectl --sort-by', () => {
  const pods: GoValue[] = [
    { metadata: { name: 'b' }, spec: { cpu: '1' }, status: { n: 2 } },
    { metadata: { name: 'a' }, spec: { cpu: '500m' }, status: { n: 1 } },
    { metadata: { name: 'c' }, spec: {}, status: { n: 3 } },
  ];

  it('compares quantities as quantities, puts a missing value first', () => {
    expect(sortObjects(pods, '.spec.cpu').map(name)).toEqual(['c', 'a', 'b']);
    expect(sortObjects(pods, '{.status.n}').map(name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a field no object has, and values it cannot order', () => {
    expect(() => sortObjects(pods, '.spec.gpu')).toThrow(
      new PrintError('couldn\'t find any field with path "{.spec.gpu}" in the list of objects'),
    );
    expect(() => sortObjects(pods, '.metadata')).toThrow(SortFatal);
    expect(() => sortObjects(pods, 'a{b')).toThrow(/unexpected path string/);
  });

  it('leaves one row alone, whatever the field', () => {
    expect(sortTableRows([pods[0]], (p) => p, '.nothing')).toEqual([pods[0]]);
  });
});
