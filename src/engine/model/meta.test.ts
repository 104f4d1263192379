/** jsonClone and jsonEqual are the JSON round trip and JSON text equality, without the text. */
import { describe, expect, it } from 'vitest';
import { jsonClone, jsonData, jsonEqual, shallowCopy } from './meta';

function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const LEAVES: unknown[] = [
  null,
  undefined,
  0,
  -0,
  1,
  2.5,
  -7,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'a',
  '1',
  'null',
  true,
  false,
  () => 1,
  Symbol('s'),
];
const KEYS = ['a', 'b', 'c', '1', '0', '__proto__', 'z'];

function randomValue(r: (n: number) => number, depth: number): unknown {
  const pick = r(10);
  if (depth <= 0 || pick < 5) return LEAVES[r(LEAVES.length)];
  if (pick < 7) return Array.from({ length: r(4) }, () => randomValue(r, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = r(5); i > 0; i--) {
    const k = KEYS[r(KEYS.length)];
    const v = randomValue(r, depth - 1);
    if (k === '__proto__')
      Object.defineProperty(o, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else o[k] = v;
  }
  if (r(8) === 0) return { when: new Date(0), o };
  return o;
}

/** A near copy: the same value, or one with a small change somewhere. */
function mutate(r: (n: number) => number, v: unknown, depth: number): unknown {
  if (r(4) === 0) return randomValue(r, depth);
  if (Array.isArray(v)) return v.map((x) => (r(3) === 0 ? mutate(r, x, depth - 1) : x));
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const keys = Object.keys(v);
    if (r(5) === 0) keys.reverse();
    const o: Record<string, unknown> = {};
    for (const k of keys) {
      const x = (v as Record<string, unknown>)[k];
      const y = r(3) === 0 ? mutate(r, x, depth - 1) : x;
      Object.defineProperty(o, k, {
        value: y,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return o;
  }
  return v;
}

const text = (v: unknown) => JSON.stringify(v);

describe('jsonClone', () => {
  it('is the JSON round trip', () => {
    const r = lcg(1);
    for (let i = 0; i < 5000; i++) {
      const v = randomValue(r, 4);
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const expected = JSON.parse(JSON.stringify(v));
      const got = jsonClone(v);
      expect(got).toStrictEqual(expected);
      expect(text(got)).toBe(text(expected));
      if (v && typeof v === 'object') expect(got).not.toBe(v);
    }
  });

  it('keeps __proto__ as an own key and copies deeply', () => {
    const v = JSON.parse('{"__proto__":{"x":1},"a":[{"b":2}]}');
    const c = jsonClone(v);
    expect(Object.keys(c)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(c.a[0]).not.toBe(v.a[0]);
    expect(Object.is(jsonClone(-0), 0)).toBe(true);
  });
});

describe('jsonEqual', () => {
  it('is equality of the JSON texts', () => {
    const r = lcg(2);
    let same = 0;
    for (let i = 0; i < 20000; i++) {
      const a = randomValue(r, 4);
      const b = r(3) === 0 ? randomValue(r, 4) : mutate(r, a, 4);
      const expected = text(a) === text(b);
      if (expected) same++;
      expect(jsonEqual(a, b), `${text(a)} vs ${text(b)}`).toBe(expected);
      expect(jsonEqual(a, a)).toBe(true);
    }
    expect(same).toBeGreaterThan(1000);
  });

  it('sees key order, as the text does', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual([undefined], [null])).toBe(true);
    expect(jsonEqual(undefined, null)).toBe(false);
    expect(jsonEqual(Number.NaN, null)).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
  });
});

describe('jsonData', () => {
  it('keeps JSON data as it is and copies anything the round trip would change', () => {
    const r = lcg(3);
    for (let i = 0; i < 5000; i++) {
      const v = randomValue(r, 4);
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const got = jsonData(v);
      expect(got).toStrictEqual(JSON.parse(JSON.stringify(v)));
      if (got === v && v && typeof v === 'object') expect(jsonClone(v)).toStrictEqual(v);
    }
    const plain = { a: [1, 'x', null, true, { b: {} }] };
    expect(jsonData(plain)).toBe(plain);
    for (const odd of [
      { a: undefined },
      [undefined],
      { a: -0 },
      { a: Number.NaN },
      new Array(2),
      { d: new Date(0) },
    ])
      expect(jsonData(odd)).not.toBe(odd);
    expect(jsonData(undefined)).toBeUndefined();
  });
});

describe('shallowCopy', () => {
  it('is the spread of a JSON object, own __proto__ keys included', () => {
    const o = JSON.parse('{"a":1,"b":{"c":2},"__proto__":{"x":1},"d":null}');
    const c = shallowCopy(o);
    expect(Object.keys(c)).toEqual(Object.keys({ ...o }));
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect(c.b).toBe(o.b);
    const plain = { z: 1, a: undefined, m: [1] };
    expect(shallowCopy(plain)).toStrictEqual({ ...plain });
    expect(Object.keys(shallowCopy(plain))).toEqual(['z', 'a', 'm']);
  });
});
