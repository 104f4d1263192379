/**
 * JSON exactly as `kubectl get -o json` writes it: cli-runtime's JSONPrinter runs Go's
 * json.MarshalIndent(obj, "", "    ") over an unstructured map, so keys come out sorted, empty
 * collections stay {} and [], and strings use encoding/json's escapes (HTML-safe <, >, & and
 * U+2028/U+2029 as \u sequences).
 */
import type { JsonValue } from './goYaml';
import { compareStrings } from './labels';

const INDENT = '    ';

export function goJsonMarshalIndent(value: JsonValue): string {
  return encode(value, '');
}

function encode(value: JsonValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string') return goJsonString(value);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + encode(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort(compareStrings);
  if (keys.length === 0) return '{}';
  const members = keys.map((k) => `${inner}${goJsonString(k)}: ${encode(value[k], inner)}`);
  return `{\n${members.join(',\n')}\n${indent}}`;
}

const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

export function goJsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (SHORT[ch]) out += SHORT[ch];
    else if (
      code < 0x20 ||
      ch === '<' ||
      ch === '>' ||
      ch === '&' ||
      code === 0x2028 ||
      code === 0x2029
    ) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 to Go, which writes the replacement character.
      out += '\\ufffd';
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}
