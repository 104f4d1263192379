/**
 * Field sets and their FieldsV1 form as fieldpath's serialize.go writes them (`.` for a member
 * with children, elements in PathElement order) and Path.String().
 */
import { describe, expect, it } from 'vitest';
import {
  difference,
  fromFieldsV1,
  intersection,
  keyElement,
  pathString,
  setOf,
  toFieldsV1,
  union,
  valueElement,
} from './fieldpath';

describe('fieldpath', () => {
  it('writes members, children and `.` in element order, and reads them back', () => {
    const port = keyElement([
      ['protocol', 'TCP'],
      ['containerPort', 80],
    ]);
    expect(port).toBe('k:{"containerPort":80,"protocol":"TCP"}');
    const s = setOf(
      ['f:spec', 'f:ports', port],
      ['f:spec', 'f:ports', port, 'f:containerPort'],
      ['f:spec', 'f:finalizers', valueElement('b')],
      ['f:spec', 'f:finalizers', valueElement('a')],
      ['f:metadata', 'f:labels', 'f:app'],
    );
    const json = toFieldsV1(s);
    expect(JSON.stringify(json)).toBe(
      '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:finalizers":{"v:\\"a\\"":{},"v:\\"b\\"":{}},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}',
    );
    expect(toFieldsV1(fromFieldsV1(json))).toEqual(json);
    expect(() => fromFieldsV1({ 'x:y': {} })).toThrow();
  });

  it('prints paths as Path.String does', () => {
    expect(pathString(['f:spec', 'f:containers', keyElement([['name', 'web']]), 'f:image'])).toBe(
      '.spec.containers[name="web"].image',
    );
    expect(pathString(['f:metadata', 'f:finalizers', valueElement('x')])).toBe(
      '.metadata.finalizers[="x"]',
    );
    expect(
      pathString([
        'f:ports',
        keyElement([
          ['containerPort', 80],
          ['protocol', 'TCP'],
        ]),
      ]),
    ).toBe('.ports[containerPort=80,protocol="TCP"]');
  });

  it('unions, differences and intersections keep members and children apart', () => {
    const a = setOf(['f:a'], ['f:a', 'f:b'], ['f:c']);
    const b = setOf(['f:a', 'f:b'], ['f:d']);
    expect(toFieldsV1(union(a, b))).toEqual({
      'f:a': { '.': {}, 'f:b': {} },
      'f:c': {},
      'f:d': {},
    });
    expect(toFieldsV1(difference(a, b))).toEqual({ 'f:a': {}, 'f:c': {} });
    expect(toFieldsV1(intersection(a, b))).toEqual({ 'f:a': { 'f:b': {} } });
  });
});
