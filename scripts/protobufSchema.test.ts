import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildSchema,
  FLAG,
  parseGoStructs,
  parseProto,
  renderSchema,
  type SourceReader,
} from './protobufSchema';
import { defaultSources, gitReader, sourcesPresent } from './protobufSources';

const GENERATED = fileURLToPath(
  new URL('../src/server/protobuf/schema.generated.ts', import.meta.url),
);

describe('the protobuf schema generator', () => {
  it('reads generated.proto messages, qualifying types of its own package', () => {
    const { pkg, messages } = parseProto(`
      syntax = "proto2";
      package k8s.io.api.core.v1;
      import "k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto";
      // A comment with a = 1;
      message Volume {
        // name of the volume.
        optional string name = 1;

        optional VolumeSource volumeSource = 2;
      }
      message Secret {
        optional .k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta metadata = 1;
        map<string, bytes> data = 2;
        repeated string finalizers = 3;
      }
    `);
    expect(pkg).toBe('k8s.io.api.core.v1');
    expect(messages.get('k8s.io.api.core.v1.Volume')).toEqual([
      { label: 'optional', type: 'string', name: 'name', number: 1 },
      {
        label: 'optional',
        type: 'k8s.io.api.core.v1.VolumeSource',
        name: 'volumeSource',
        number: 2,
      },
    ]);
    expect(messages.get('k8s.io.api.core.v1.Secret')?.map((f) => [f.label, f.type])).toEqual([
      ['optional', 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
      ['map', 'bytes'],
      ['repeated', 'string'],
    ]);
    expect(() => parseProto('package p;\nmessage M {\n  oneof x {\n}\n')).toThrow('cannot read');
  });

  it('reads Go struct tags: JSON name and options, pointer, embedded fields', () => {
    const structs = parseGoStructs(
      [
        'type Volume struct {',
        '\t// Name of the volume.',
        '\tName string `json:"name" protobuf:"bytes,1,opt,name=name"`',
        '\tVolumeSource `json:",inline" protobuf:"bytes,2,opt,name=volumeSource"`',
        '}',
        'type ObjectMeta struct {',
        '\tCreationTimestamp Time `json:"creationTimestamp,omitempty,omitzero" protobuf:"bytes,8,opt,name=creationTimestamp"`',
        '\tDeletionGracePeriodSeconds *int64 `json:"deletionGracePeriodSeconds,omitempty" protobuf:"varint,10,opt,name=deletionGracePeriodSeconds"`',
        '\tmetav1.TypeMeta `json:",inline"`',
        '}',
      ].join('\n'),
    );
    expect(structs.get('Volume')).toEqual([
      {
        goName: 'Name',
        goType: 'string',
        number: 1,
        json: { name: 'name', omitempty: false, omitzero: false, inline: false },
      },
      {
        goName: 'VolumeSource',
        goType: 'VolumeSource',
        number: 2,
        json: { name: '', omitempty: false, omitzero: false, inline: true },
      },
    ]);
    expect(structs.get('ObjectMeta')?.map((f) => [f.goType, f.json.omitzero])).toEqual([
      ['Time', true],
      ['*int64', false],
    ]);
  });

  it('joins the two by field number, in Go order, and fails loudly when they disagree', () => {
    const files: Record<string, string> = {
      'core/v1/generated.proto': [
        'package k8s.io.api.core.v1;',
        'message Pod {',
        '  optional string name = 1;',
        '  optional int32 n = 2;',
        '  optional Source source = 3;',
        '  map<string, string> labels = 4;',
        '}',
        'message Source {',
        '  repeated string paths = 1;',
        '}',
      ].join('\n'),
      'core/v1/types.go': [
        'type Pod struct {',
        '\tN *int32 `json:"n,omitempty" protobuf:"varint,2,opt,name=n"`',
        '\tName string `json:"name" protobuf:"bytes,1,opt,name=name"`',
        '\tSource `json:",inline" protobuf:"bytes,3,opt,name=source"`',
        '\tLabels map[string]string `json:"labels,omitempty" protobuf:"bytes,4,rep,name=labels"`',
        '}',
        'type Source struct {',
        '\tPaths []string `json:"paths,omitempty" protobuf:"bytes,1,rep,name=paths"`',
        '}',
      ].join('\n'),
    };
    const reader: SourceReader = {
      read: (_repo, path) => files[path],
      list: () => ['generated.proto', 'types.go', 'types_test.go', 'generated.pb.go'],
    };
    const core = [{ proto: 'k8s.io.api.core.v1', repo: 'api' as const, dir: 'core/v1' }];
    const roots: [string, string, string][] = [['v1', 'Pod', 'k8s.io.api.core.v1.Pod']];
    expect(buildSchema(reader, 'test', core, roots)).toEqual({
      source: 'test',
      kinds: [['v1/Pod', 'core.v1.Pod']],
      messages: [
        [
          'core.v1.Pod',
          [
            [2, 'n', 'i', FLAG.pointer | FLAG.omitempty],
            [1, 'name', 's', 0],
            [3, '', 'core.v1.Source', FLAG.inline, 'Source'],
            [4, 'labels', 's', FLAG.map | FLAG.omitempty],
          ],
        ],
        ['core.v1.Source', [[1, 'paths', 's', FLAG.repeated | FLAG.omitempty]]],
      ],
      renamed: [],
    });
    files['core/v1/types.go'] = files['core/v1/types.go'].replace('varint,2,', 'varint,5,');
    expect(() => buildSchema(reader, 'test', core, roots)).toThrow(
      'k8s.io.api.core.v1.Pod.N: Go says field 5; the proto has none',
    );
  });

  it.skipIf(!sourcesPresent(defaultSources()))(
    'has written the committed schema from k8s.io/api and k8s.io/apimachinery v0.34.2',
    () => {
      const reader = gitReader(defaultSources());
      const rendered = renderSchema(buildSchema(reader, reader.describe()));
      expect(rendered === readFileSync(GENERATED, 'utf8')).toBe(true);
    },
  );
});
