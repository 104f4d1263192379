/**
 * client-go util/jsonpath's own test cases (jsonpath_test.go, parser_test.go at v0.32.9), where
 * they apply to unstructured content: the cases over Go structs run on the same data as maps
 * (struct field order does not exist there, so JSON output is in key order).
 */
import { describe, expect, it } from 'vitest';
import { GoFloat, type GoValue, sprintGoSyntax } from './goValues';
import { JsonPath } from './jsonpath';
import { describeNode, type JsonPathNode, type ListNode } from './nodes';
import { parseTemplate } from './parser';

interface Case {
  name: string;
  template: string;
  input: unknown;
  expect: string;
  expectError?: boolean;
}

function run(c: Case, allowMissingKeys: boolean): { out?: string; error?: string } {
  const j = new JsonPath(c.name).setAllowMissingKeys(allowMissingKeys);
  try {
    j.parse(c.template);
  } catch (e) {
    return { error: `parse: ${(e as Error).message}` };
  }
  try {
    return { out: j.execute(c.input as GoValue) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function check(cases: Case[], allowMissingKeys: boolean): void {
  for (const c of cases) {
    it(c.name, () => {
      const r = run(c, allowMissingKeys);
      if (c.expectError) expect(r.error).toBeDefined();
      else expect(r).toEqual({ out: c.expect });
    });
  }
}

function checkFail(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      expect(run(c, false).error ?? 'nil').toBe(c.expect);
    });
  }
}

const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [
    { name: 'one', value: 1 },
    { name: 'two', value: 2.02 },
    { name: 'three', value: 3.03 },
    { name: 'four', value: 4.04 },
  ],
};

describe('TestTypesInput', () => {
  check(
    [
      {
        name: 'boolSlice',
        template: '{ .bools }',
        input: types,
        expect: '[true,false,true,false]',
      },
      { name: 'boolSliceIndex', template: '{ .bools[0] }', input: types, expect: 'true' },
      { name: 'boolSliceIndex -1', template: '{ .bools[-1] }', input: types, expect: 'false' },
      { name: 'boolSubSlice', template: '{ .bools[0:2] }', input: types, expect: 'true false' },
      {
        name: 'boolSubSliceFirst2',
        template: '{ .bools[:2] }',
        input: types,
        expect: 'true false',
      },
      {
        name: 'boolSubSliceStep2',
        template: '{ .bools[:4:2] }',
        input: types,
        expect: 'true true',
      },
      { name: 'integerSlice', template: '{ .integers }', input: types, expect: '[1,2,3,4]' },
      { name: 'integerSliceIndex', template: '{ .integers[0] }', input: types, expect: '1' },
      {
        name: 'integerSliceIndexReverse',
        template: '{ .integers[-2] }',
        input: types,
        expect: '3',
      },
      {
        name: 'integerSubSliceFirst2',
        template: '{ .integers[0:2] }',
        input: types,
        expect: '1 2',
      },
      {
        name: 'integerSubSliceFirst2Alt',
        template: '{ .integers[:2] }',
        input: types,
        expect: '1 2',
      },
      {
        name: 'integerSubSliceStep2',
        template: '{ .integers[:4:2] }',
        input: types,
        expect: '1 3',
      },
      { name: 'floatSlice', template: '{ .floats }', input: types, expect: '[1,2.2,3.3,4]' },
      { name: 'floatSliceIndex', template: '{ .floats[0] }', input: types, expect: '1' },
      { name: 'floatSliceIndexReverse', template: '{ .floats[-2] }', input: types, expect: '3.3' },
      { name: 'floatSubSliceFirst2', template: '{ .floats[0:2] }', input: types, expect: '1 2.2' },
      {
        name: 'floatSubSliceFirst2Alt',
        template: '{ .floats[:2] }',
        input: types,
        expect: '1 2.2',
      },
      { name: 'floatSubSliceStep2', template: '{ .floats[:4:2] }', input: types, expect: '1 3.3' },
      {
        name: 'stringSlice',
        template: '{ .strings }',
        input: types,
        expect: '["one","two","three","four"]',
      },
      { name: 'stringSliceIndex', template: '{ .strings[0] }', input: types, expect: 'one' },
      {
        name: 'stringSliceIndexReverse',
        template: '{ .strings[-2] }',
        input: types,
        expect: 'three',
      },
      {
        name: 'stringSubSliceFirst2',
        template: '{ .strings[0:2] }',
        input: types,
        expect: 'one two',
      },
      {
        name: 'stringSubSliceFirst2Alt',
        template: '{ .strings[:2] }',
        input: types,
        expect: 'one two',
      },
      {
        name: 'stringSubSliceStep2',
        template: '{ .strings[:4:2] }',
        input: types,
        expect: 'one three',
      },
      {
        name: 'interfaceSlice',
        template: '{ .interfaces }',
        input: types,
        expect: '[true,"one",1,1.1]',
      },
      { name: 'interfaceSliceIndex', template: '{ .interfaces[0] }', input: types, expect: 'true' },
      {
        name: 'interfaceSliceIndexReverse',
        template: '{ .interfaces[-2] }',
        input: types,
        expect: '1',
      },
      {
        name: 'interfaceSubSliceFirst2',
        template: '{ .interfaces[0:2] }',
        input: types,
        expect: 'true one',
      },
      {
        name: 'interfaceSubSliceFirst2Alt',
        template: '{ .interfaces[:2] }',
        input: types,
        expect: 'true one',
      },
      {
        name: 'interfaceSubSliceStep2',
        template: '{ .interfaces[:4:2] }',
        input: types,
        expect: 'true 1',
      },
      {
        name: 'mapSlice',
        template: '{ .maps }',
        input: types,
        expect:
          '[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]',
      },
      {
        name: 'mapSliceIndex',
        template: '{ .maps[0] }',
        input: types,
        expect: '{"name":"one","value":1}',
      },
      {
        name: 'mapSliceIndexReverse',
        template: '{ .maps[-2] }',
        input: types,
        expect: '{"name":"three","value":3.03}',
      },
      {
        name: 'mapSubSliceFirst2',
        template: '{ .maps[0:2] }',
        input: types,
        expect: '{"name":"one","value":1} {"name":"two","value":2.02}',
      },
      {
        name: 'mapSubSliceStepOdd',
        template: '{ .maps[::2] }',
        input: types,
        expect: '{"name":"one","value":1} {"name":"three","value":3.03}',
      },
      {
        name: 'mapSubSliceStepEven',
        template: '{ .maps[1::2] }',
        input: types,
        expect: '{"name":"two","value":2.02} {"name":"four","value":4.04}',
      },
    ],
    false,
  );
});

// TestStructInput's store, as unstructured content (keys as the structs' field names).
const storeData = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [
    { Color: 'red', Price: 19.95, IsNew: true },
    { Color: 'green', Price: 20.01, IsNew: false },
  ],
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

describe('TestStructInput', () => {
  check(
    [
      { name: 'plain', template: 'hello jsonpath', input: null, expect: 'hello jsonpath' },
      { name: 'recursive', template: '{..}', input: [1, 2, 3], expect: '[1,2,3]' },
      { name: 'filter', template: '{[?(@<5)]}', input: [2, 6, 3, 7], expect: '2 3' },
      { name: 'quote', template: '{"{"}', input: null, expect: '{' },
      { name: 'union', template: '{[1,3,4]}', input: [0, 1, 2, 3, 4], expect: '1 3 4' },
      {
        name: 'array',
        template: '{[0:2]}',
        input: ['Monday', 'Tudesday'],
        expect: 'Monday Tudesday',
      },
      { name: 'variable', template: 'hello {.Name}', input: storeData, expect: 'hello jsonpath' },
      { name: 'dict/', template: '{$.Labels.web/html}', input: storeData, expect: '15' },
      { name: 'dict/ jason', template: '{$.Employees.jason}', input: storeData, expect: 'manager' },
      { name: 'dict/ dan', template: '{$.Employees.dan}', input: storeData, expect: 'clerk' },
      { name: 'dict-', template: '{.Labels.k8s-app}', input: storeData, expect: '20' },
      { name: 'nest', template: '{.Bicycle[*].Color}', input: storeData, expect: 'red green' },
      {
        name: 'allarray',
        template: '{.Book[*].Author}',
        input: storeData,
        expect: 'Nigel Rees Evelyn Waugh Herman Melville',
      },
      {
        // Struct fields come in declaration order in Go; map values in key order here.
        name: 'allfields',
        template: '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}',
        input: storeData,
        expect: '{red true 19.95} {green false 20.01} ',
      },
      // Go walks the struct's Book before Bicycle; a map's keys come sorted (Bicycle < Book).
      {
        name: 'recurfields',
        template: '{..Price}',
        input: storeData,
        expect: '19.95 20.01 8.95 12.99 8.99',
      },
      {
        name: 'recurdotfields',
        template: '{...Price}',
        input: storeData,
        expect: '19.95 20.01 8.95 12.99 8.99',
      },
      {
        name: 'superrecurfields',
        template: '{............................................................Price}',
        input: storeData,
        expect: '',
        expectError: true,
      },
      {
        name: 'allstructsSlice',
        template: '{.Bicycle}',
        input: storeData,
        expect:
          '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]',
      },
      {
        name: 'allstructs',
        template: '{range .Bicycle[*]}{ @ }{ " " }{end}',
        input: storeData,
        expect:
          '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} ',
      },
      {
        name: 'lastarray',
        template: '{.Book[-1:]}',
        input: storeData,
        expect:
          '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}',
      },
      {
        name: 'recurarray',
        template: '{..Book[2]}',
        input: storeData,
        expect:
          '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}',
      },
      {
        name: 'bool',
        template: '{.Bicycle[?(@.IsNew==true)]}',
        input: storeData,
        expect: '{"Color":"red","IsNew":true,"Price":19.95}',
      },
    ],
    false,
  );

  describe('missing keys allowed', () => {
    check(
      [
        { name: 'nonexistent field', template: '{.hello}', input: storeData, expect: '' },
        {
          name: 'nonexistent field 2',
          template: 'before-{.hello}after',
          input: storeData,
          expect: 'before-after',
        },
      ],
      true,
    );
  });

  describe('failures', () => {
    checkFail([
      {
        name: 'invalid identifier',
        template: '{hello}',
        input: storeData,
        expect: 'unrecognized identifier hello',
      },
      {
        name: 'nonexistent field',
        template: '{.hello}',
        input: storeData,
        expect: 'hello is not found',
      },
      {
        // Go names the struct field's type, map[string]int; unstructured content holds interface values.
        name: 'invalid array',
        template: '{.Labels[0]}',
        input: storeData,
        expect: 'map[string]interface {} is not array or slice',
      },
      {
        name: 'invalid filter operator',
        template: '{.Book[?(@.Price<>10)]}',
        input: storeData,
        expect: 'unrecognized filter operator <>',
      },
      {
        name: 'redundant end',
        template: '{range .Labels.*}{@}{end}{end}',
        input: storeData,
        expect: 'not in range, nothing to end',
      },
    ]);
  });
});

const pointsData = [
  { id: 'i1', x: 4, y: -5 },
  { id: 'i2', x: -2, y: -5, z: 1 },
  { id: 'i3', x: 8, y: 3 },
  { id: 'i4', x: -6, y: -1 },
  { id: 'i5', x: 0, y: 2, z: 1 },
  { id: 'i6', x: 1, y: 4 },
  { id: 'i7', x: null, y: 4 },
];

describe('TestJSONInput', () => {
  check(
    [
      { name: 'exists filter', template: '{[?(@.z)].id}', input: pointsData, expect: 'i2 i5' },
      { name: 'bracket key', template: "{[0]['id']}", input: pointsData, expect: 'i1' },
      { name: 'nil value', template: "{[-1]['x']}", input: pointsData, expect: 'null' },
    ],
    false,
  );
});

const nodesData = {
  kind: 'List',
  items: [
    {
      kind: 'None',
      metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: {
        capacity: { cpu: '4' },
        ready: true,
        addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }],
      },
    },
    {
      kind: 'None',
      metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: {
        capacity: { cpu: '8' },
        ready: false,
        addresses: [
          { type: 'LegacyHostIP', address: '127.0.0.2' },
          { type: 'another', address: '127.0.0.3' },
        ],
      },
    },
  ],
  users: [
    { name: 'myself', user: {} },
    { name: 'e2e', user: { username: 'admin', password: 'secret' } },
  ],
};

describe('TestKubernetes', () => {
  check(
    [
      {
        name: 'range item',
        template: '{range .items[*]}{.metadata.name}, {end}{.kind}',
        input: nodesData,
        expect: '127.0.0.1, 127.0.0.2, List',
      },
      {
        name: 'range item with quote',
        template: '{range .items[*]}{.metadata.name}{"\\t"}{end}',
        input: nodesData,
        expect: '127.0.0.1\t127.0.0.2\t',
      },
      {
        name: 'range addresss',
        template: '{.items[*].status.addresses[*].address}',
        input: nodesData,
        expect: '127.0.0.1 127.0.0.2 127.0.0.3',
      },
      {
        name: 'double range',
        template: '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}',
        input: nodesData,
        expect: '127.0.0.1, 127.0.0.2, 127.0.0.3, ',
      },
      {
        name: 'item name',
        template: '{.items[*].metadata.name}',
        input: nodesData,
        expect: '127.0.0.1 127.0.0.2',
      },
      {
        name: 'union nodes capacity',
        template: "{.items[*]['metadata.name', 'status.capacity']}",
        input: nodesData,
        expect: '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}',
      },
      {
        name: 'range nodes capacity',
        template: '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}',
        input: nodesData,
        expect: '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ',
      },
      {
        name: 'user password',
        template: '{.users[?(@.name=="e2e")].user.password}',
        input: nodesData,
        expect: 'secret',
      },
      {
        name: 'hostname',
        template: '{.items[0].metadata.labels.kubernetes\\.io/hostname}',
        input: nodesData,
        expect: '127.0.0.1',
      },
      {
        name: 'hostname filter',
        template: '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}',
        input: nodesData,
        expect: 'None',
      },
      {
        name: 'bool item',
        template: '{.items[?(@..ready==true)].metadata.name}',
        input: nodesData,
        expect: '127.0.0.1',
      },
      // randomPrintOrderTests: Go's map order is random; here it is key order.
      {
        name: 'recursive name',
        template: '{..name}',
        input: nodesData,
        expect: '127.0.0.1 127.0.0.2 myself e2e',
      },
    ],
    false,
  );
});

describe('TestEmptyRange', () => {
  check(
    [
      {
        name: 'empty range',
        template: '{range .items[*]}{.metadata.name}{end}',
        input: { items: [] },
        expect: '',
      },
      {
        name: 'empty nested range',
        template:
          '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
        input: { items: [] },
        expect: '',
      },
    ],
    true,
  );
});

const nestedData = {
  items: [
    {
      metadata: { name: 'pod1' },
      spec: {
        containers: [
          { name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] },
          { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] },
        ],
      },
    },
    {
      metadata: { name: 'pod2' },
      spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }, { name: 'value2' }] }] },
    },
  ],
};

describe('TestNestedRanges', () => {
  check(
    [
      {
        name: 'nested range with a trailing newline',
        template:
          '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}',
        input: nestedData,
        expect: 'pod1:foo,bar,+pod2:baz,+',
      },
      {
        name: 'nested range with a trailing character within another nested range',
        template:
          '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}',
        input: nestedData,
        expect: 'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#',
      },
      {
        name: 'two nested ranges at the same level',
        template:
          '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}',
        input: nestedData,
        expect: 'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n',
      },
    ],
    false,
  );
});

const annotated = {
  kind: 'List',
  items: [
    { kind: 'Pod', metadata: { name: 'pod1', annotations: { color: 'blue' } } },
    { kind: 'Pod', metadata: { name: 'pod2' } },
    { kind: 'Pod', metadata: { name: 'pod3', annotations: { color: 'green' } } },
    { kind: 'Pod', metadata: { name: 'pod4', annotations: { color: 'blue' } } },
  ],
};

describe('TestFilterPartialMatchesSometimesMissingAnnotations', () => {
  const template = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
  check(
    [{ name: 'tolerate missing items', template, input: annotated, expect: 'pod1 pod4' }],
    true,
  );
  check(
    [{ name: 'error on missing items', template, input: annotated, expect: '', expectError: true }],
    false,
  );
});

const fakes = (n: number) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  spec: {
    containers: Array.from({ length: n }, (_, i) => ({
      image: 'radial/busyboxplus:curl',
      name: `fake${i}`,
    })),
  },
});

describe('TestNegativeIndex', () => {
  const data = fakes(4);
  const c = (template: string, expect: string, expectError = false): Case => ({
    name: template,
    template,
    input: data,
    expect,
    expectError,
  });
  check(
    [
      c('{.spec.containers[0].name}', 'fake0'),
      c('{.spec.containers[0:0].name}', ''),
      c('{.spec.containers[0:-1].name}', 'fake0 fake1 fake2'),
      c('{.spec.containers[-1:0].name}', '', true),
      c('{.spec.containers[-1].name}', 'fake3'),
      c('{.spec.containers[-1:].name}', 'fake3'),
      c('{.spec.containers[-2].name}', 'fake2'),
      c('{.spec.containers[-2:].name}', 'fake2 fake3'),
      c('{.spec.containers[-3].name}', 'fake1'),
      c('{.spec.containers[-4].name}', 'fake0'),
      c('{.spec.containers[-4:].name}', 'fake0 fake1 fake2 fake3'),
      c('{.spec.containers[-5].name}', '', true),
      c('{.spec.containers[5:5].name}', ''),
      c('{.spec.containers[-5:-5].name}', ''),
      c('{.spec.containers[3:1].name}', '', true),
      c('{.spec.containers[-1:-2].name}', '', true),
    ],
    false,
  );
});

describe('TestRunningPodsJSONPathOutput', () => {
  const data = {
    kind: 'List',
    items: [
      { kind: 'Pod', metadata: { name: 'pod1' }, status: { phase: 'Running' } },
      { kind: 'Pod', metadata: { name: 'pod2' }, status: { phase: 'Running' } },
      { kind: 'Pod', metadata: { name: 'pod3' }, status: { phase: 'Running' } },
      { resourceVersion: '' },
    ],
  };
  check(
    [
      {
        name: 'range over pods without selecting the last one',
        template:
          '{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}',
        input: data,
        expect: 'pod1 is Running\npod2 is Running\npod3 is Running\n',
      },
    ],
    true,
  );
});

describe('TestStep', () => {
  const data = fakes(6);
  const c = (template: string, expect: string, expectError = false): Case => ({
    name: template,
    template,
    input: data,
    expect,
    expectError,
  });
  check(
    [
      c('{.spec.containers[0:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'),
      c('{.spec.containers[0:6:].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'),
      c('{.spec.containers[0:6:1].name}', 'fake0 fake1 fake2 fake3 fake4 fake5'),
      c('{.spec.containers[0:6:0].name}', '', true),
      c('{.spec.containers[0:6:-1].name}', '', true),
      c('{.spec.containers[1:4:2].name}', 'fake1 fake3'),
      c('{.spec.containers[1:4:3].name}', 'fake1'),
      c('{.spec.containers[1:4:4].name}', 'fake1'),
      c('{.spec.containers[0:6:2].name}', 'fake0 fake2 fake4'),
      c('{.spec.containers[0:6:3].name}', 'fake0 fake3'),
      c('{.spec.containers[0:6:5].name}', 'fake0 fake5'),
      c('{.spec.containers[0:6:6].name}', 'fake0'),
    ],
    false,
  );
});

/** parser_test.go's collectNode: the tree flattened depth first, the root left out. */
function collect(node: JsonPathNode, out: string[] = []): string[] {
  out.push(describeNode(node));
  if (node.type === 'List') for (const n of node.nodes) collect(n, out);
  if (node.type === 'Filter') {
    collect(node.left, out);
    collect(node.right, out);
  }
  if (node.type === 'Union') for (const n of node.nodes) collect(n, out);
  return out;
}

const text = (t: string) => `NodeText: ${t}`;
const field = (f: string) => `NodeField: ${f}`;
const arr = (...p: [number, boolean, boolean][]) =>
  `NodeArray: [${p.map(([v, k, d]) => `{${v} ${k} ${d}}`).join(' ')}]`;
const LIST = 'NodeList';
const filter = (op: string) => `NodeFilter: NodeList ${op} NodeList`;

describe('TestParser', () => {
  const cases: [string, string, string[]][] = [
    ['plain', 'hello jsonpath', [text('hello jsonpath')]],
    ['variable', 'hello {.jsonpath}', [text('hello '), LIST, field('jsonpath')]],
    ['arrayfiled', "hello {['jsonpath']}", [text('hello '), LIST, field('jsonpath')]],
    ['quote', '{"{"}', [LIST, text('{')]],
    ['array', '{[1:3]}', [LIST, arr([1, true, false], [3, true, false], [0, false, false])]],
    [
      'allarray',
      '{.book[*].author}',
      [
        LIST,
        field('book'),
        arr([0, false, false], [0, false, false], [0, false, false]),
        field('author'),
      ],
    ],
    ['wildcard', '{.bicycle.*}', [LIST, field('bicycle'), 'NodeWildcard']],
    ['filter', '{[?(@.price<3)]}', [LIST, filter('<'), LIST, field('price'), LIST, 'NodeInt: 3']],
    ['recursive', '{..}', [LIST, 'NodeRecursive']],
    ['recurField', '{..price}', [LIST, 'NodeRecursive', field('price')]],
    ['arraydict', "{['book.price']}", [LIST, field('book'), field('price')]],
    [
      'union',
      "{['bicycle.price', 3, 'book.price']}",
      [
        LIST,
        'NodeUnion',
        LIST,
        field('bicycle'),
        field('price'),
        LIST,
        arr([3, true, false], [4, true, true], [0, false, false]),
        LIST,
        field('book'),
        field('price'),
      ],
    ],
    [
      'range',
      '{range .items}{.name},{end}',
      [
        LIST,
        'NodeIdentifier: range',
        field('items'),
        LIST,
        field('name'),
        text(','),
        LIST,
        'NodeIdentifier: end',
      ],
    ],
    [
      'paired parentheses in quotes',
      '{[?(@.status.nodeInfo.osImage == "()")]}',
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text('()'),
      ],
    ],
    [
      'paired parentheses in double quotes and with double quotes escape',
      '{[?(@.status.nodeInfo.osImage == "(\\"\\")")]}',
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text('("")'),
      ],
    ],
    [
      'unregular parentheses in double quotes',
      '{[?(@.test == "())(")]}',
      [LIST, filter('=='), LIST, field('test'), LIST, text('())(')],
    ],
    [
      'plain text in single quotes',
      "{[?(@.status.nodeInfo.osImage == 'Linux')]}",
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text('Linux'),
      ],
    ],
    [
      'test filter suffix',
      '{[?(@.status.nodeInfo.osImage == "{[()]}")]}',
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text('{[()]}'),
      ],
    ],
    [
      'double inside single',
      `{[?(@.status.nodeInfo.osImage == "''")]}`,
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text("''"),
      ],
    ],
    [
      'single inside double',
      `{[?(@.status.nodeInfo.osImage == '""')]}`,
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text('""'),
      ],
    ],
    [
      'single containing escaped single',
      "{[?(@.status.nodeInfo.osImage == '\\\\\\'')]}",
      [
        LIST,
        filter('=='),
        LIST,
        field('status'),
        field('nodeInfo'),
        field('osImage'),
        LIST,
        text("\\'"),
      ],
    ],
    [
      'negative index slice',
      '{[-5:]}',
      [LIST, arr([-5, true, false], [0, false, false], [0, false, false])],
    ],
    [
      'negative index',
      '{[-1]}',
      [LIST, arr([-1, true, false], [0, true, true], [0, false, false])],
    ],
    [
      'negative end',
      '{[1:-1]}',
      [LIST, arr([1, true, false], [-1, true, false], [0, false, false])],
    ],
  ];
  for (const [name, template, nodes] of cases) {
    it(name, () => {
      const root: ListNode = parseTemplate(template);
      expect(collect(root).slice(1)).toEqual(nodes);
    });
  }

  it('malformat input', () => {
    expect(() => parseTemplate('{\\\\\\}')).toThrow();
  });
});

describe('TestFailParser', () => {
  const cases: [string, string][] = [
    ['{.hello', 'unclosed action'],
    ['{*}', "unrecognized character in action: U+002A '*'"],
    ['{+12.3.0}', 'cannot parse number +12.3.0'],
    ['{[1}', 'unterminated array'],
    ['{[?(.price]}', 'unterminated filter'],
    ['{........}', 'invalid multiple recursive descent'],
  ];
  for (const [template, message] of cases) {
    it(template, () => {
      expect(() => parseTemplate(template)).toThrow(message);
    });
  }
});

describe('beyond client-go', () => {
  it('compares a float literal with an integer as Go does: incompatible types', () => {
    const r = run({ name: 'f', template: '{[?(@==2.0)]}', input: [2], expect: '' }, false);
    expect(r.error).toBe('incompatible types for comparison');
  });

  it('prints %#v as Go does for unstructured content', () => {
    expect(
      sprintGoSyntax({ b: [1, 'x', null, true], a: { c: 0.5 }, f: new GoFloat(2) } as never),
    ).toBe(
      'map[string]interface {}{"a":map[string]interface {}{"c":0.5}, "b":[]interface {}{1, "x", interface {}(nil), true}, "f":2}',
    );
  });

  it('walks a string with * as its bytes', () => {
    expect(run({ name: 's', template: '{.a.*}', input: { a: 'hi' }, expect: '' }, false)).toEqual({
      out: '104 105',
    });
  });

  it('keeps the trimmed root after a range, as client-go does (kubernetes/kubectl#913)', () => {
    const j = new JsonPath('out');
    j.parse('{range .items[*]}{.n}{"\\n"}{end}');
    expect(j.execute({ items: [{ n: 'a' }, { n: 'b' }] })).toBe('a\nb\n');
    expect(() => j.execute({ n: 'c', items: [{ n: 'd' }] })).toThrow(
      'not in range, nothing to end',
    );
  });

  it('prints jsonpath-as-json arrays', () => {
    const j = new JsonPath('out');
    j.parse('{.items[*].n}');
    j.enableJSONOutput(true);
    expect(j.execute({ items: [{ n: 'a' }, { n: 'b' }] })).toBe('[\n    "a",\n    "b"\n]\n');
  });
});
