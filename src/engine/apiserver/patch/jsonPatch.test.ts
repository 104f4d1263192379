/**
 * RFC 6902 as evanphx/json-patch v4 applies it, quirks included (see jsonPatch.ts).
 */
import { describe, expect, it } from 'vitest';
import { PatchFailure } from './errors';
import { applyJsonPatch } from './jsonPatch';
import { applyMergePatch } from './mergePatch';

const doc = () => ({ a: { b: [1, 2, 3], c: 'x', n: null }, d: 'y' });

describe('JSON patch', () => {
  const ok: [string, unknown[], unknown][] = [
    [
      'add a key',
      [{ op: 'add', path: '/a/e', value: 1 }],
      { a: { b: [1, 2, 3], c: 'x', n: null, e: 1 }, d: 'y' },
    ],
    [
      'add into a list',
      [{ op: 'add', path: '/a/b/1', value: 9 }],
      { a: { b: [1, 9, 2, 3], c: 'x', n: null }, d: 'y' },
    ],
    [
      'append with -',
      [{ op: 'add', path: '/a/b/-', value: 4 }],
      { a: { b: [1, 2, 3, 4], c: 'x', n: null }, d: 'y' },
    ],
    [
      'append at the length',
      [{ op: 'add', path: '/a/b/3', value: 4 }],
      { a: { b: [1, 2, 3, 4], c: 'x', n: null }, d: 'y' },
    ],
    [
      'a negative index counts from the end',
      [{ op: 'remove', path: '/a/b/-1' }],
      { a: { b: [1, 2], c: 'x', n: null }, d: 'y' },
    ],
    [
      'add without a value adds null',
      [{ op: 'add', path: '/z' }],
      { a: { b: [1, 2, 3], c: 'x', n: null }, d: 'y', z: null },
    ],
    [
      'replace',
      [{ op: 'replace', path: '/d', value: 'z' }],
      { a: { b: [1, 2, 3], c: 'x', n: null }, d: 'z' },
    ],
    [
      'replace of a missing key adds it',
      [{ op: 'replace', path: '/q', value: 1 }],
      { a: { b: [1, 2, 3], c: 'x', n: null }, d: 'y', q: 1 },
    ],
    ['replace the whole document', [{ op: 'replace', path: '', value: { x: 1 } }], { x: 1 }],
    [
      'move',
      [{ op: 'move', from: '/d', path: '/a/d' }],
      { a: { b: [1, 2, 3], c: 'x', n: null, d: 'y' } },
    ],
    [
      'copy',
      [{ op: 'copy', from: '/a/b', path: '/b' }],
      { a: { b: [1, 2, 3], c: 'x', n: null }, d: 'y', b: [1, 2, 3] },
    ],
    ['test passes on equal values', [{ op: 'test', path: '/a/b', value: [1, 2, 3] }], doc()],
    [
      'test of a missing key against null passes',
      [{ op: 'test', path: '/a/zz', value: null }],
      doc(),
    ],
    [
      '~1 and ~0 in a key',
      [{ op: 'add', path: '/a~1b~0c', value: 1 }],
      { a: { b: [1, 2, 3], c: 'x', n: null }, d: 'y', 'a/b~c': 1 },
    ],
    [
      'a path without its leading slash loses its first segment',
      [{ op: 'add', path: 'x/k', value: 1 }],
      { a: { b: [1, 2, 3], c: 'x', n: null }, d: 'y', k: 1 },
    ],
  ];
  for (const [name, ops, want] of ok) {
    it(name, () => {
      const input = doc();
      expect(applyJsonPatch(input, ops)).toEqual(want);
      expect(input).toEqual(doc());
    });
  }

  const failing: [string, unknown[], string][] = [
    [
      'test of a different value',
      [{ op: 'test', path: '/d', value: 'z' }],
      'testing value /d failed: test failed',
    ],
    ['test without a value', [{ op: 'test', path: '/d' }], 'testing value /d failed: test failed'],
    [
      'add under a missing parent',
      [{ op: 'add', path: '/x/y', value: 1 }],
      'add operation does not apply: doc is missing path: "/x/y": missing value',
    ],
    [
      'add under a null',
      [{ op: 'add', path: '/a/n/y', value: 1 }],
      'add operation does not apply: doc is missing path: "/a/n/y": missing value',
    ],
    [
      'add past the end',
      [{ op: 'add', path: '/a/b/5', value: 1 }],
      "error in add for path: '/a/b/5': Unable to access invalid index: 5: invalid index referenced",
    ],
    [
      'remove a missing key',
      [{ op: 'remove', path: '/zz' }],
      "error in remove for path: '/zz': Unable to remove nonexistent key: zz: missing value",
    ],
    [
      'remove past the end',
      [{ op: 'remove', path: '/a/b/3' }],
      "error in remove for path: '/a/b/3': Unable to access invalid index: 3: invalid index referenced",
    ],
    [
      'replace past the end',
      [{ op: 'replace', path: '/a/b/3', value: 1 }],
      'replace operation does not apply: doc is missing key: /a/b/3: missing value',
    ],
    ['an unknown op', [{ op: 'merge', path: '/a' }], 'Unexpected kind: merge'],
    ['no op at all', [{ path: '/a' }], 'Unexpected kind: unknown'],
    ['no path', [{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [
      'move from nowhere',
      [{ op: 'move', from: '/nope', path: '/x' }],
      "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value",
    ],
  ];
  for (const [name, ops, message] of failing) {
    it(`fails: ${name}`, () => {
      let err: unknown;
      try {
        applyJsonPatch(doc(), ops);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PatchFailure);
      expect((err as PatchFailure).kind).toBe('unprocessable');
      expect((err as PatchFailure).message).toBe(message);
    });
  }

  it('stops at the first failure: nothing of the patch is applied', () => {
    const input = doc();
    expect(() =>
      applyJsonPatch(input, [
        { op: 'replace', path: '/d', value: 'changed' },
        { op: 'test', path: '/d', value: 'y' },
      ]),
    ).toThrow(PatchFailure);
    expect(input.d).toBe('y');
  });
});

describe('JSON merge patch', () => {
  const cases: [
    string,
    Record<string, unknown>,
    Record<string, unknown>,
    Record<string, unknown>,
  ][] = [
    ['merges objects', { a: { b: 1 } }, { a: { c: 2 } }, { a: { b: 1, c: 2 } }],
    ['null deletes', { a: 1, b: 2 }, { a: null }, { b: 2 }],
    ['lists are replaced whole', { a: [1, 2] }, { a: [3] }, { a: [3] }],
    ['a scalar replaces an object', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    [
      'an object replaces a scalar, its nulls pruned',
      { a: 'x' },
      { a: { b: null, c: 1 } },
      { a: { c: 1 } },
    ],
    ['a new key has its nulls pruned', {}, { a: { b: { c: null, d: 1 } } }, { a: { b: { d: 1 } } }],
    ['null items of a list stay', {}, { a: [null, { b: null }] }, { a: [null, {}] }],
    ['an existing null is merged over', { a: null }, { a: { b: 1, c: null } }, { a: { b: 1 } }],
    ['deleting a missing key is nothing', { a: 1 }, { z: null }, { a: 1 }],
  ];
  for (const [name, input, patch, want] of cases) {
    it(name, () => {
      const before = JSON.stringify(input);
      expect(applyMergePatch(input, patch)).toEqual(want);
      expect(JSON.stringify(input)).toBe(before);
    });
  }
});
