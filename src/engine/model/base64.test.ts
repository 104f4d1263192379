import { describe, expect, it } from 'vitest';
import {
  base64ByteLength,
  base64Decode,
  base64OfText,
  textOfBase64,
  utf8Decode,
  utf8Encode,
} from './base64';
import { goJsonSyntaxError } from './goJsonSyntax';

describe('base64 as Go encodes and decodes it', () => {
  it('round-trips text through UTF-8', () => {
    expect(base64OfText('admin')).toBe('YWRtaW4=');
    expect(base64OfText('S!B\\*d$zDsb=')).toBe('UyFCXCpkJHpEc2I9');
    expect(base64OfText('廚房')).toBe('5bua5oi/');
    expect(textOfBase64('5bua5oi/')).toBe('廚房');
    expect(utf8Decode(utf8Encode('a\u{1F600}b'))).toBe('a\u{1F600}b');
    expect(utf8Decode([0x61, 0xff, 0x62])).toBe('a\ufffdb');
  });

  it('skips line breaks and names the byte where decoding failed', () => {
    const decoded = base64Decode('YW\nJj');
    expect(decoded.ok && Array.from(decoded.bytes)).toEqual([97, 98, 99]);
    expect(base64ByteLength('YW\nJj')).toBe(3);
    expect(base64ByteLength('YQ==')).toBe(1);
    const error = (text: string) => {
      const d = base64Decode(text);
      return d.ok ? undefined : d.error;
    };
    expect(error('abc')).toBe('illegal base64 data at input byte 0');
    expect(error('YWJjZ')).toBe('illegal base64 data at input byte 4');
    expect(error('ab!d')).toBe('illegal base64 data at input byte 2');
    expect(error('YQ=')).toBe('illegal base64 data at input byte 3');
    expect(error('Y===')).toBe('illegal base64 data at input byte 1');
    expect(error('YQ==x')).toBe('illegal base64 data at input byte 4');
    expect(error('not base64!')).toBe('illegal base64 data at input byte 3');
    expect(error('')).toBeUndefined();
  });
});

describe("encoding/json's syntax errors", () => {
  it('words them as Go does', () => {
    expect(goJsonSyntaxError('{"auths":{}}')).toBeUndefined();
    expect(goJsonSyntaxError('')).toBe('unexpected end of JSON input');
    expect(goJsonSyntaxError('not json')).toBe(
      "invalid character 'o' in literal null (expecting 'u')",
    );
    expect(goJsonSyntaxError('{auths}')).toBe(
      "invalid character 'a' looking for beginning of object key string",
    );
    expect(goJsonSyntaxError('{"a" 1}')).toBe("invalid character '1' after object key");
    expect(goJsonSyntaxError('{"a":1 "b"}')).toBe(
      "invalid character '\"' after object key:value pair",
    );
    expect(goJsonSyntaxError('{"a":1}}')).toBe("invalid character '}' after top-level value");
    expect(goJsonSyntaxError('{"a":')).toBe('unexpected end of JSON input');
  });
});
