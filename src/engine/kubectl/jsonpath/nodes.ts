/**
 * The parse tree of a JSONPath template: client-go util/jsonpath/node.go. `describeNode` is each
 * node's String(), which the parser tests compare.
 */

export interface ParamsEntry {
  value: number;
  /** The value was given (or derived) at parse time. */
  known: boolean;
  /** `[i]`: the end was derived as i+1. */
  derived: boolean;
}

export type JsonPathNode =
  | ListNode
  | { type: 'Text'; text: string }
  | { type: 'Field'; value: string }
  | { type: 'Identifier'; name: string }
  | { type: 'Array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'Filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'Int'; value: number }
  | { type: 'Float'; value: number }
  | { type: 'Wildcard' }
  | { type: 'Recursive' }
  | { type: 'Union'; nodes: ListNode[] }
  | { type: 'Bool'; value: boolean };

export interface ListNode {
  type: 'List';
  nodes: JsonPathNode[];
}

export function newList(): ListNode {
  return { type: 'List', nodes: [] };
}

/** node.go's String() for each node type. */
export function describeNode(n: JsonPathNode): string {
  switch (n.type) {
    case 'List':
      return 'NodeList';
    case 'Text':
      return `NodeText: ${n.text}`;
    case 'Field':
      return `NodeField: ${n.value}`;
    case 'Identifier':
      return `NodeIdentifier: ${n.name}`;
    case 'Array':
      return `NodeArray: [${n.params.map((p) => `{${p.value} ${p.known} ${p.derived}}`).join(' ')}]`;
    case 'Filter':
      return `NodeFilter: NodeList ${n.operator} NodeList`;
    case 'Int':
      return `NodeInt: ${n.value}`;
    case 'Float':
      return `NodeFloat: ${n.value.toFixed(6)}`;
    case 'Wildcard':
      return 'NodeWildcard';
    case 'Recursive':
      return 'NodeRecursive';
    case 'Union':
      return 'NodeUnion';
    case 'Bool':
      return `NodeBool: ${n.value}`;
  }
}
