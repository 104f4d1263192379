/**
 * The updater against cases from structured-merge-diff's own tests (merge/leaf_test.go,
 * merge/set_test.go, merge/key_test.go style), each run as its fixture runs them: a sequence of
 * Apply / ForceApply / Update operations, then the object and each manager's set compared. Their
 * test schemas are mapped onto served types of the same shape: leafFields (numeric, string, bool)
 * onto PodSpec's terminationGracePeriodSeconds, schedulerName, hostNetwork; sets' associative
 * string list onto ObjectMeta.finalizers; a list keyed by name onto Container.env.
 */
import { describe, expect, it } from 'vitest';
import { pathString, paths } from './fieldpath';
import type { TypeRef } from './schema';
import { applyConfig, Conflicts, type ManagedFields, updateOwnership } from './updater';

type Op =
  | { apply: string; object: unknown; conflicts?: string[] }
  | { forceApply: string; object: unknown }
  | { update: string; object: unknown };

function run(ref: TypeRef, ops: Op[]) {
  let live: unknown = {};
  const managers: ManagedFields = new Map();
  for (const op of ops) {
    if ('update' in op) {
      updateOwnership(live, op.object, ref, 'v1', managers, op.update);
      live = op.object;
      continue;
    }
    const manager = 'apply' in op ? op.apply : op.forceApply;
    const force = 'forceApply' in op;
    try {
      const next = applyConfig(live, op.object, ref, 'v1', managers, manager, force);
      if (next !== undefined) live = next;
      expect('conflicts' in op && op.conflicts).toBeFalsy();
    } catch (e) {
      if (!(e instanceof Conflicts)) throw e;
      expect(e.conflicts.map((c) => `${c.manager} ${pathString(c.path)}`)).toEqual(
        'conflicts' in op ? op.conflicts : [],
      );
      // A refused apply changes nothing: the fixture keeps its managers (the caller's copy here).
      return { live, managers, refused: true };
    }
  }
  return { live, managers, refused: false };
}

/** Each manager's paths as Path.String() prints them. */
function owners(managers: ManagedFields): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [m, vs] of managers) out[m] = paths(vs.set).map(pathString);
  return out;
}

const LEAF: TypeRef = { t: 'PodSpec' };
const leaf = (numeric?: number, string?: string, bool?: boolean) => ({
  ...(numeric === undefined ? {} : { terminationGracePeriodSeconds: numeric }),
  ...(string === undefined ? {} : { schedulerName: string }),
  ...(bool === undefined ? {} : { hostNetwork: bool }),
});

describe('leaf_test.go', () => {
  it('apply_update_apply_with_conflict', () => {
    const first = run(LEAF, [
      { apply: 'default', object: leaf(1, 'string') },
      { update: 'controller', object: leaf(1, 'controller string', true) },
      {
        apply: 'default',
        object: leaf(2, 'user string'),
        conflicts: ['controller .schedulerName'],
      },
    ]);
    expect(first.refused).toBe(true);
    const { live, managers } = run(LEAF, [
      { apply: 'default', object: leaf(1, 'string') },
      { update: 'controller', object: leaf(1, 'controller string', true) },
      { forceApply: 'default', object: leaf(2, 'user string') },
    ]);
    expect(live).toEqual(leaf(2, 'user string', true));
    expect(owners(managers)).toEqual({
      default: ['.schedulerName', '.terminationGracePeriodSeconds'],
      controller: ['.hostNetwork'],
    });
  });

  it('apply_twice_remove', () => {
    const { live, managers } = run(LEAF, [
      { apply: 'default', object: leaf(1, 'string', false) },
      { apply: 'default', object: leaf(undefined, 'new string') },
    ]);
    expect(live).toEqual(leaf(undefined, 'new string'));
    expect(owners(managers)).toEqual({ default: ['.schedulerName'] });
  });

  it('update_apply_omits', () => {
    const { live, managers } = run(LEAF, [
      { apply: 'default', object: leaf(2) },
      { update: 'controller', object: leaf(1) },
      { apply: 'default', object: {} },
    ]);
    expect(live).toEqual(leaf(1));
    expect(owners(managers)).toEqual({ controller: ['.terminationGracePeriodSeconds'] });
  });
});

const SETS: TypeRef = { t: 'ObjectMeta' };
const list = (...items: string[]) => ({ finalizers: items });

describe('set_test.go', () => {
  it('apply_twice', () => {
    const { live, managers } = run(SETS, [
      { apply: 'default', object: list('a', 'c') },
      { apply: 'default', object: list('a', 'b', 'c', 'd') },
    ]);
    expect(live).toEqual(list('a', 'b', 'c', 'd'));
    expect(owners(managers)).toEqual({
      default: ['.finalizers[="a"]', '.finalizers[="b"]', '.finalizers[="c"]', '.finalizers[="d"]'],
    });
  });

  it('apply_update_apply_no_overlap', () => {
    const { live, managers } = run(SETS, [
      { apply: 'default', object: list('a', 'c') },
      { update: 'controller', object: list('a', 'b', 'c', 'd') },
      { apply: 'default', object: list('a', 'aprime', 'c', 'cprime') },
    ]);
    expect(live).toEqual(list('a', 'b', 'aprime', 'c', 'd', 'cprime'));
    expect(owners(managers)).toEqual({
      default: [
        '.finalizers[="a"]',
        '.finalizers[="aprime"]',
        '.finalizers[="c"]',
        '.finalizers[="cprime"]',
      ],
      controller: ['.finalizers[="b"]', '.finalizers[="d"]'],
    });
  });

  it('apply_update_apply_with_overlap', () => {
    const { live, managers } = run(SETS, [
      { apply: 'default', object: list('a', 'c') },
      { update: 'controller', object: list('a', 'b', 'c', 'd') },
      { apply: 'default', object: list('a', 'b', 'c') },
    ]);
    expect(live).toEqual(list('a', 'b', 'c', 'd'));
    expect(owners(managers)).toEqual({
      default: ['.finalizers[="a"]', '.finalizers[="b"]', '.finalizers[="c"]'],
      controller: ['.finalizers[="b"]', '.finalizers[="d"]'],
    });
  });

  it('apply_twice_reorder', () => {
    const { live } = run(SETS, [
      { apply: 'default', object: list('a', 'b', 'c', 'd') },
      { apply: 'default', object: list('a', 'd', 'c', 'b') },
    ]);
    expect(live).toEqual(list('a', 'd', 'c', 'b'));
  });
});

const KEYED: TypeRef = { t: 'Container' };
const env = (...pairs: [string, string][]) => ({
  name: 'c',
  env: pairs.map(([name, value]) => ({ name, value })),
});

describe('associative lists by key (key_test.go, multiple_appliers_test.go)', () => {
  it('two appliers each own their items; one dropping its item removes only that item', () => {
    const { live, managers } = run(KEYED, [
      { apply: 'apply-one', object: env(['a', '1']) },
      { apply: 'apply-two', object: env(['b', '2']) },
      { apply: 'apply-one', object: { name: 'c' } },
    ]);
    expect(live).toEqual(env(['b', '2']));
    expect(owners(managers)).toEqual({
      'apply-one': ['.name'],
      'apply-two': ['.env[name="b"]', '.env[name="b"].name', '.env[name="b"].value', '.name'],
    });
  });

  it("changing another applier's item value is a conflict on that leaf", () => {
    const { refused } = run(KEYED, [
      { apply: 'apply-one', object: env(['a', '1']) },
      {
        apply: 'apply-two',
        object: env(['a', '2']),
        conflicts: ['apply-one .env[name="a"].value'],
      },
    ]);
    expect(refused).toBe(true);
  });
});
