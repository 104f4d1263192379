/**
 * The error Go's encoding/json gives for text that is not JSON (its scanner's SyntaxError
 * wording, encoding/json/scanner.go), so a hand-written `.dockerconfigjson` that does not parse
 * is refused with the API server's own words. Returns undefined for valid JSON.
 */

/** scanner.go quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

const WS = new Set([' ', '\t', '\n', '\r']);

export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const bad = (context: string) => `invalid character ${quoteChar(text[i])} ${context}`;
  const end = () => 'unexpected end of JSON input';
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };

  function literal(word: string): string | undefined {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (i >= text.length) return end();
      if (text[i] !== word[k]) return bad(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
    return undefined;
  }

  function string(): string | undefined {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        i++;
        if (i >= text.length) return end();
        const e = text[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (i >= text.length) return end();
            if (!/[0-9a-fA-F]/.test(text[i])) return bad('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) return bad('in string escape code');
        i++;
        continue;
      }
      if (c < ' ') return bad('in string literal');
      i++;
    }
    return end();
  }

  function number(): string | undefined {
    if (text[i] === '-') {
      i++;
      if (i >= text.length) return end();
      if (!/[0-9]/.test(text[i])) return bad('in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < text.length && /[0-9]/.test(text[i])) i++;
    if (text[i] === '.') {
      i++;
      if (i >= text.length) return end();
      if (!/[0-9]/.test(text[i])) return bad('after decimal point in numeric literal');
      while (i < text.length && /[0-9]/.test(text[i])) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= text.length) return end();
      if (!/[0-9]/.test(text[i])) return bad('in exponent of numeric literal');
      while (i < text.length && /[0-9]/.test(text[i])) i++;
    }
    return undefined;
  }

  function value(): string | undefined {
    skip();
    if (i >= text.length) return end();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || /[0-9]/.test(c)) return number();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return bad('looking for beginning of value');
  }

  function object(): string | undefined {
    i++;
    skip();
    if (i >= text.length) return end();
    if (text[i] === '}') {
      i++;
      return undefined;
    }
    for (;;) {
      skip();
      if (i >= text.length) return end();
      if (text[i] !== '"') return bad('looking for beginning of object key string');
      const k = string();
      if (k) return k;
      skip();
      if (i >= text.length) return end();
      if (text[i] !== ':') return bad('after object key');
      i++;
      const v = value();
      if (v) return v;
      skip();
      if (i >= text.length) return end();
      if (text[i] === '}') {
        i++;
        return undefined;
      }
      if (text[i] !== ',') return bad('after object key:value pair');
      i++;
    }
  }

  function array(): string | undefined {
    i++;
    skip();
    if (i >= text.length) return end();
    if (text[i] === ']') {
      i++;
      return undefined;
    }
    for (;;) {
      const v = value();
      if (v) return v;
      skip();
      if (i >= text.length) return end();
      if (text[i] === ']') {
        i++;
        return undefined;
      }
      if (text[i] !== ',') return bad('after array element');
      i++;
    }
  }

  const err = value();
  if (err) return err;
  skip();
  if (i < text.length) return bad('after top-level value');
  return undefined;
}
