/**
 * Shell-like word splitting for one command line, so the console and lab scripts can pass
 * `kubectl run x --env="A=b c"` the way a terminal would. POSIX rules, minus expansion:
 * single quotes are literal, double quotes honour `\"`, `\\`, `\$` and `` \` ``, a backslash outside
 * quotes escapes the next character, and an unquoted `#` at the start of a word begins a comment.
 */
export function splitCommandLine(line: string): string[] | { error: string } {
  const words: string[] = [];
  let word = '';
  // A word exists once any character, even an empty pair of quotes, has been seen.
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }
    if (c === '#' && !inWord) break;
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) {
          word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) return { error: 'unexpected EOF while looking for matching `"\'' };
      continue;
    }
    if (c === '\\') {
      // A trailing backslash would continue the line in a shell; here it stays literal.
      if (i + 1 < line.length) {
        word += line[i + 1];
        i += 2;
      } else {
        word += c;
        i++;
      }
      continue;
    }
    word += c;
    i++;
  }
  if (inWord) words.push(word);
  return words;
}
