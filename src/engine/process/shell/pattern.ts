/**
 * Shell patterns (`case`, `${x#pat}`, pathname expansion): `*`, `?`, `[…]` with `!` or `^`,
 * and backslash-escaped characters, which quoted text arrives as.
 */

const cache = new Map<string, RegExp>();

/** The pattern as a regular expression source (no anchors). */
function toRegexSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i]);
    } else if (c === '*') {
      out += '[\\s\\S]*';
    } else if (c === '?') {
      out += '[\\s\\S]';
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      let negate = false;
      if (body[0] === '!' || body[0] === '^') {
        negate = true;
        body = body.slice(1);
      }
      const cls = body.replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, (m) => `\\${m}`);
      out += `[${negate ? '^' : ''}${cls}]`;
      i = end;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) if (pattern[i] === ']') return i;
  return -1;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function compiled(pattern: string, flags: string): RegExp {
  const key = `${flags}\0${pattern}`;
  let re = cache.get(key);
  if (!re) {
    if (cache.size > 500) cache.clear();
    re = new RegExp(flags === 'whole' ? `^${toRegexSource(pattern)}$` : toRegexSource(pattern));
    cache.set(key, re);
  }
  return re;
}

export function matchPattern(pattern: string, text: string): boolean {
  return compiled(pattern, 'whole').test(text);
}

export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || (c === '[' && classEnd(pattern, i) > 0)) return true;
  }
  return false;
}

/** Removes the text a pattern matches, for `${x#p}` `${x##p}` `${x%p}` `${x%%p}`. */
export function removeAffix(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const re = compiled(pattern, 'whole');
  if (op === '#' || op === '##') {
    const lengths = [...Array(value.length + 1).keys()];
    if (op === '##') lengths.reverse();
    for (const n of lengths) if (re.test(value.slice(0, n))) return value.slice(n);
    return value;
  }
  const starts = [...Array(value.length + 1).keys()];
  if (op === '%') starts.reverse();
  for (const n of starts) if (re.test(value.slice(n))) return value.slice(0, n);
  return value;
}

/** Removes pattern escapes: the literal text of a pattern that matched nothing. */
export function unescapePattern(pattern: string): string {
  return pattern.replace(/\\([\s\S])/g, '$1');
}
