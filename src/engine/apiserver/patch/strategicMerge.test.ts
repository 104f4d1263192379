/**
 * apimachinery's own strategic merge patch tests (pkg/util/strategicpatch/patch_test.go:
 * TestSortMergeLists, TestCustomStrategicMergePatch, TestStrategicMergePatch and their raw
 * cases), run against this port. The tables are in __fixtures__/strategicpatch-cases.json as the
 * Go file has them (YAML); the test types MergeItem and RetainKeysMergeItem are added to the
 * schema tables below, with the struct tags the Go test gives them.
 */
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { goSortSlice } from '../../kubectl/print/goSort';
import cases from './__fixtures__/strategicpatch-cases.json';
import { PatchFailure } from './errors';
import { isMap, type JsonMap, sprintV } from './json';
import { lookupSlice, lookupStruct, type Schema } from './patchMeta';
import { goJson } from './patchObject';
import { createThreeWayMergePatch, createTwoWayMergePatch, MergeConflict } from './strategicDiff';
import {
  DELETE_FROM_PRIMITIVE_LIST_PREFIX,
  DIRECTIVE_MARKER,
  deduplicateScalars,
  extractRetainKeysPatchStrategy,
  RETAIN_KEYS_DIRECTIVE,
  SET_ELEMENT_ORDER_PREFIX,
  sliceElementType,
  sortScalars,
  strategicMergeMapPatch,
} from './strategicMerge';

vi.mock('../schema/fieldTypes.generated', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../schema/fieldTypes.generated')>();
  return {
    ...orig,
    FIELD_TYPES: {
      ...orig.FIELD_TYPES,
      mergeItem: {
        name: 's',
        value: 's',
        other: 's',
        mergingList: '[mergeItem',
        nonMergingList: '[mergeItem',
        mergingIntList: '[i',
        nonMergingIntList: '[i',
        // *MergeItem: Go's LookupPatchMetadataForSlice takes a pointer's element as the list's.
        mergeItemPtr: '[mergeItem',
        simpleMap: '{s',
        replacingItem: 'a',
        jsonItem: 'a',
        retainKeysMap: 'retainKeysMergeItem',
        retainKeysMergingList: '[mergeItem',
      },
      retainKeysMergeItem: {
        name: 's',
        value: 's',
        other: 's',
        simpleMap: '{s',
        mergingIntList: '[i',
        mergingList: '[mergeItem',
        nonMergingList: '[mergeItem',
      },
    },
  };
});
vi.mock('../schema/patchMeta.generated', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../schema/patchMeta.generated')>();
  return {
    ...orig,
    FIELD_MERGE: {
      ...orig.FIELD_MERGE,
      mergeItem: {
        mergingList: 'merge|name',
        mergingIntList: 'merge',
        mergeItemPtr: 'merge|name',
        replacingItem: 'replace',
        retainKeysMap: 'retainKeys',
        retainKeysMergingList: 'merge,retainKeys|name',
      },
      retainKeysMergeItem: {
        mergingIntList: 'merge',
        mergingList: 'merge|name',
      },
    },
  };
});

const SCHEMA = 'mergeItem';

interface Case {
  description: string;
  original?: JsonMap | null;
  twoWay?: JsonMap | null;
  modified?: JsonMap | null;
  current?: JsonMap | null;
  threeWay?: JsonMap | null;
  result?: JsonMap | null;
  twoWayResult?: JsonMap | null;
  sorted?: JsonMap | null;
  expectedError?: string;
}

/** sigs.k8s.io/yaml YAMLToJSON then json.Unmarshal into a map: a missing document is empty. */
function doc(v: unknown): JsonMap {
  if (typeof v === 'string') return (parse(v) as JsonMap | null) ?? {};
  return isMap(v) ? v : {};
}

function rawCase(c: Record<string, string>): Case {
  const out: Case = { description: c.description, expectedError: c.expectedError };
  for (const f of [
    'original',
    'twoWay',
    'modified',
    'current',
    'threeWay',
    'result',
    'twoWayResult',
  ])
    if (c[f] !== undefined) (out as unknown as Record<string, unknown>)[f] = doc(c[f]);
  return out;
}

function tableCases(text: string): Case[] {
  return (parse(text) as { testCases: Case[] }).testCases;
}

/** sortMergeListsByNameMap (patch.go): merge lists sorted by merge key, recursively. */
function sortMergeListsByNameMap(s: JsonMap, schema: Schema): JsonMap {
  const out: JsonMap = {};
  for (const [k, v0] of Object.entries(s)) {
    let v = v0;
    if (k === RETAIN_KEYS_DIRECTIVE || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      v = sortScalars((v as unknown[]).slice());
    } else if (k.startsWith(SET_ELEMENT_ORDER_PREFIX) || k === DIRECTIVE_MARKER) {
      // kept as they are
    } else if (isMap(v)) {
      v = sortMergeListsByNameMap(v, lookupStruct(schema, k).schema);
    } else if (Array.isArray(v)) {
      const { schema: sub, meta } = lookupSlice(schema, k);
      const [, strategy] = extractRetainKeysPatchStrategy(meta.strategies);
      if (strategy === 'merge') v = sortMergeListsByNameArray(v, sub, meta.mergeKey);
    }
    out[k] = v;
  }
  return out;
}

function sortMergeListsByNameArray(s: unknown[], schema: Schema, mergeKey: string): unknown[] {
  if (s.length === 0) return s;
  if (sliceElementType(s) !== 'map') return sortScalars(deduplicateScalars(s.slice()));
  const items = s.map((e) => sortMergeListsByNameMap(e as JsonMap, schema));
  goSortSlice(items, (a, b) => sprintV(a[mergeKey]) <= sprintV(b[mergeKey]));
  return items;
}

const sorted = (d: JsonMap | null | undefined) => sortMergeListsByNameMap(doc(d), SCHEMA);
const same = (d: JsonMap | null | undefined) => doc(d);

/** testPatchApplication: the patch applied gives the expected object (or the expected error). */
function expectApplied(original: JsonMap, patch: JsonMap, expected: JsonMap, error?: string) {
  if (error) {
    expect(() => strategicMergeMapPatch(original, patch, SCHEMA)).toThrow(error);
    return;
  }
  expect(goJson(strategicMergeMapPatch(original, patch, SCHEMA))).toBe(goJson(expected));
}

function twoWay(c: Case, norm: (d: JsonMap | null | undefined) => JsonMap) {
  const original = norm(c.original);
  const patch = createTwoWayMergePatch(original, norm(c.modified), SCHEMA);
  expect(goJson(patch)).toBe(goJson(norm(c.twoWay)));
  expectApplied(original, patch, norm(c.twoWayResult ?? c.modified), c.expectedError);
}

function threeWay(c: Case, norm: (d: JsonMap | null | undefined) => JsonMap) {
  const original = norm(c.original);
  const modified = norm(c.modified);
  const current = norm(c.current);
  const conflictExpected = c.description.includes('conflict');
  let patch: JsonMap;
  try {
    patch = createThreeWayMergePatch(original, modified, current, SCHEMA, false);
  } catch (e) {
    if (!(e instanceof MergeConflict)) throw e;
    expect(conflictExpected).toBe(true);
    if (!c.result || Object.keys(c.result).length === 0) return;
    patch = createThreeWayMergePatch(original, modified, current, SCHEMA, true);
    expect(goJson(patch)).toBe(goJson(norm(c.threeWay)));
    expectApplied(current, patch, norm(c.result), c.expectedError);
    return;
  }
  expect(conflictExpected).toBe(false);
  expect(goJson(patch)).toBe(goJson(norm(c.threeWay)));
  expectApplied(current, patch, norm(c.result), c.expectedError);
}

describe('strategic merge patch: apimachinery patch_test.go', () => {
  describe('TestSortMergeLists', () => {
    for (const c of tableCases(cases.sortMergeList)) {
      it(c.description, () => {
        expect(goJson(sorted(c.original))).toBe(goJson(doc(c.sorted)));
      });
    }
  });

  describe('TestCustomStrategicMergePatch', () => {
    for (const c of tableCases(cases.customTwoWay)) {
      it(c.description, () => {
        expectApplied(sorted(c.original), sorted(c.twoWay), sorted(c.twoWayResult ?? c.modified));
      });
    }
    for (const raw of cases.customRaw) {
      const c = rawCase(raw as unknown as Record<string, string>);
      it(`raw: ${c.description}`, () => {
        expectApplied(
          same(c.original),
          same(c.twoWay),
          same(c.twoWayResult ?? c.modified),
          c.expectedError,
        );
      });
    }
  });

  describe('TestStrategicMergePatch', () => {
    for (const c of tableCases(cases.create)) {
      it(`${c.description}/TwoWay`, () => twoWay(c, sorted));
      it(`${c.description}/ThreeWay`, () => threeWay(c, sorted));
    }
    for (const raw of cases.raw) {
      const c = rawCase(raw as unknown as Record<string, string>);
      it(`raw: ${c.description}/TwoWay`, () => twoWay(c, same));
      it(`raw: ${c.description}/ThreeWay`, () => threeWay(c, same));
    }
  });

  it('a failure is a PatchFailure with the library text', () => {
    expect(() =>
      strategicMergeMapPatch(
        { mergingList: [{ name: 'a' }] },
        { mergingList: [{ value: 'x' }] },
        SCHEMA,
      ),
    ).toThrow(PatchFailure);
  });
});

describe('kubectl apply on real kinds', () => {
  it('a Deployment switched to Recreate: the three-way patch carries $retainKeys', () => {
    const original = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: { strategy: { type: 'RollingUpdate' } },
    };
    const modified = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: { strategy: { type: 'Recreate' } },
    };
    const current = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: {
        replicas: 1,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
      },
    };
    const patch = createThreeWayMergePatch(original, modified, current, 'Deployment', true);
    expect(patch).toEqual({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(strategicMergeMapPatch(current, patch, 'Deployment')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: { replicas: 1, strategy: { type: 'Recreate' } },
    });
  });

  it('a new container in a patch without $setElementOrder goes before the live ones', () => {
    const current = { spec: { containers: [{ name: 'a', image: 'x' }] } };
    const patch = { spec: { containers: [{ name: 'b', image: 'y' }] } };
    expect(strategicMergeMapPatch(current, patch, 'Pod')).toEqual({
      spec: {
        containers: [
          { name: 'b', image: 'y' },
          { name: 'a', image: 'x' },
        ],
      },
    });
  });
});
