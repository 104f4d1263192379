import { describe, expect, it } from 'vitest';
import { addEnums, enumDescription, goTypeOf } from './enums.ts';
import { GoUniverse, type SourceTree } from './goSource.ts';
import { servesPath } from './trim.ts';
import { convertSchema } from './v3.ts';

/** A Go package in memory, laid out as k8s.io/api's are. */
const TYPES_GO = `/*
Copyright The Kubernetes Authors.
*/

package v1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Widget is a thing.
type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	// Standard object's metadata.
	// +optional
	metav1.ObjectMeta \`json:"metadata,omitempty" protobuf:"bytes,1,opt,name=metadata"\`
	/*
		An old comment, kept for compatibility.
	*/
	Spec WidgetSpec \`json:"spec"\`
}

type WidgetSpec struct {
	// How it spins.
	Policy *SpinPolicy \`json:"policy,omitempty"\`
	Colors []Color \`json:"colors"\`
	ByName map[string]Color \`json:"byName"\`
	Legacy LegacyColor \`json:"legacy"\`
	Inner \`json:",inline"\`
	Skipped string \`json:"-"\`
}

type Inner struct {
	Depth int32 \`json:"depth"\`
}

// SpinPolicy says how a widget spins.
// +enum
type SpinPolicy string

const (
	// SpinFast spins fast.
	// Really
	// fast.
	SpinFast SpinPolicy = "Fast"

	// SpinNone does not spin.
	SpinNone SpinPolicy = "None" // a trailing comment is a comment group too
	SpinSlow SpinPolicy = "Slow"
)

// +enum
type Color string

const ColorRed Color = "Red"

// Not an enum: no tag.
type Plain string

const PlainA Plain = "A"

// for backwards compat
// +enum
type LegacyColor = Color
`;

const META_GO = `package v1

type TypeMeta struct {
	Kind string \`json:"kind,omitempty"\`
	APIVersion string \`json:"apiVersion,omitempty"\`
}

type ObjectMeta struct {
	Name string \`json:"name,omitempty"\`
}
`;

function universe(): GoUniverse {
  const files: Record<string, string> = {
    'widgets/v1/types.go': TYPES_GO,
    'pkg/apis/meta/v1/types.go': META_GO,
  };
  const tree: SourceTree = {
    goFiles: (dir) => Object.keys(files).filter((f) => f.startsWith(`${dir}/`)),
    read: (path) => files[path],
  };
  return new GoUniverse((pkg) => ({
    tree,
    dir: pkg.replace(/^k8s\.io\/(api|apimachinery)\//, ''),
  }));
}

describe('GoUniverse', () => {
  it('reads a struct’s JSON fields, inlined structs flattened in, `-` fields left out', () => {
    const fields = universe().fields('k8s.io/api/widgets/v1', 'Widget');
    expect([...fields.keys()]).toEqual(['kind', 'apiVersion', 'metadata', 'spec']);
    expect(fields.get('metadata')).toEqual({
      kind: 'named',
      pkg: 'k8s.io/apimachinery/pkg/apis/meta/v1',
      name: 'ObjectMeta',
    });
    const spec = universe().fields('k8s.io/api/widgets/v1', 'WidgetSpec');
    expect([...spec.keys()]).toEqual(['policy', 'colors', 'byName', 'legacy', 'depth']);
    expect(spec.get('colors')).toEqual({
      kind: 'slice',
      elem: { kind: 'named', pkg: 'k8s.io/api/widgets/v1', name: 'Color' },
    });
  });

  it('collects an enum’s typed constants with their doc comments (gengo docComment)', () => {
    const go = universe();
    const spec = go.fields('k8s.io/api/widgets/v1', 'WidgetSpec');
    expect(go.enumValues(spec.get('policy') as never)).toEqual([
      { name: 'SpinFast', value: 'Fast', comment: 'SpinFast spins fast. Really fast.' },
      { name: 'SpinNone', value: 'None', comment: 'SpinNone does not spin.' },
      // The comment group that ends on the line before is the doc comment, even a trailing one.
      { name: 'SpinSlow', value: 'Slow', comment: 'a trailing comment is a comment group too' },
    ]);
    // A Go alias of an enum is the enum.
    expect(go.enumValues(spec.get('legacy') as never)).toEqual([
      { name: 'ColorRed', value: 'Red', comment: '' },
    ]);
    expect(go.enumValues({ kind: 'named', pkg: 'k8s.io/api/widgets/v1', name: 'Plain' })).toBe(
      undefined,
    );
  });
});

describe('enums', () => {
  it('maps definition names to Go packages', () => {
    expect(goTypeOf('io.k8s.api.core.v1.Pod')).toEqual({ pkg: 'k8s.io/api/core/v1', name: 'Pod' });
    expect(goTypeOf('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta')).toEqual({
      pkg: 'k8s.io/apimachinery/pkg/apis/meta/v1',
      name: 'ObjectMeta',
    });
    expect(() => goTypeOf('io.x-k8s.cluster.v1.Machine')).toThrow();
  });

  it('writes the paragraph generateDescription writes: sorted lines, name and spaces trimmed', () => {
    const values = [
      { name: 'PullNever', value: 'Never', comment: 'PullNever   never\tpulls.' },
      { name: 'PullAlways', value: 'Always', comment: ' PullAlways always pulls. ' },
      { name: 'PullSilent', value: 'Silent', comment: '' },
    ];
    expect(enumDescription('Image pull policy.', values)).toBe(
      'Image pull policy.\n\nPossible enum values:\n - `"Always"` always pulls.\n' +
        ' - `"Never"` never pulls.\n - `"Silent"`',
    );
    expect(enumDescription(undefined, values.slice(0, 1))).toBe(
      'Possible enum values:\n - `"Never"` never pulls.',
    );
  });

  it('adds values and paragraph to enum fields, values alone to lists and maps of them', () => {
    const def = {
      type: 'object',
      properties: {
        policy: { description: 'How it spins.', type: 'string' },
        colors: { type: 'array', items: { type: 'string' } },
        byName: { type: 'object', additionalProperties: { type: 'string' } },
        legacy: { type: 'string' },
        depth: { type: 'integer', format: 'int32' },
      },
    };
    const out = addEnums(universe(), 'io.k8s.api.widgets.v1.WidgetSpec', def);
    expect(out.properties).toEqual({
      policy: {
        description:
          'How it spins.\n\nPossible enum values:\n - `"Fast"` spins fast. Really fast.\n' +
          ' - `"None"` does not spin.\n - `"Slow"` a trailing comment is a comment group too',
        type: 'string',
        enum: ['Fast', 'None', 'Slow'],
      },
      colors: { type: 'array', items: { type: 'string', enum: ['Red'] } },
      byName: { type: 'object', additionalProperties: { type: 'string', enum: ['Red'] } },
      legacy: {
        description: 'Possible enum values:\n - `"Red"`',
        type: 'string',
        enum: ['Red'],
      },
      depth: { type: 'integer', format: 'int32' },
    });
    // The input is left as it was.
    expect(def.properties.policy).toEqual({ description: 'How it spins.', type: 'string' });
  });

  it('refuses a property the Go type does not have', () => {
    expect(() =>
      addEnums(universe(), 'io.k8s.api.widgets.v1.WidgetSpec', {
        properties: { nope: { type: 'string' } },
      }),
    ).toThrow(/nope: no Go field/);
  });
});

describe('convertSchema', () => {
  it('renames refs, and wraps a ref with siblings in allOf', () => {
    expect(convertSchema({ $ref: '#/definitions/io.k8s.api.core.v1.PodSpec' })).toEqual({
      $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec',
    });
    expect(
      convertSchema({
        type: 'object',
        properties: {
          spec: { $ref: '#/definitions/io.k8s.api.core.v1.PodSpec', description: 'The spec.' },
          list: { type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' } },
          map: {
            type: 'object',
            additionalProperties: { $ref: '#/definitions/io.k8s.api.core.v1.Volume' },
          },
        },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        spec: {
          allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }],
          description: 'The spec.',
        },
        list: {
          type: 'array',
          items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' },
        },
        map: {
          type: 'object',
          additionalProperties: { $ref: '#/components/schemas/io.k8s.api.core.v1.Volume' },
        },
      },
    });
  });
});

describe('servesPath', () => {
  const served = [
    {
      group: '',
      version: 'v1',
      resource: 'pods',
      namespaced: true,
      subresources: ['log', 'status'],
    },
    {
      group: '',
      version: 'v1',
      resource: 'namespaces',
      namespaced: false,
      subresources: ['status'],
    },
    { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true, subresources: [] },
  ];

  it('keeps collections, items and served subresources, in and across namespaces', () => {
    for (const path of [
      '/api/v1/',
      '/api/v1/pods',
      '/api/v1/namespaces/{namespace}/pods',
      '/api/v1/namespaces/{namespace}/pods/{name}',
      '/api/v1/namespaces/{namespace}/pods/{name}/log',
      '/api/v1/namespaces',
      '/api/v1/namespaces/{name}',
      '/api/v1/namespaces/{name}/status',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}',
    ])
      expect(servesPath(path, served), path).toBe(true);
  });

  it('drops watch paths, other subresources, other resources and groups', () => {
    for (const path of [
      '/api/v1/watch/pods',
      '/api/v1/watch/namespaces/{namespace}/pods/{name}',
      '/api/v1/namespaces/{namespace}/pods/{name}/exec',
      '/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}',
      '/api/v1/namespaces/{name}/finalize',
      '/api/v1/nodes',
      '/api/v1/pods/{name}',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
      '/apis/apps/v1beta1/deployments',
      '/apis/batch/v1/',
    ])
      expect(servesPath(path, served), path).toBe(false);
  });
});
