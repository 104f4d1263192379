/**
 * No text, a learner's or anyone's, reaches the DOM as HTML: React and the SVG scene build
 * elements, and this keeps it that way (issue 12, security). Any use of the HTML sinks in src/
 * fails here, whatever it is given.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;
const SINKS =
  /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|createContextualFragment)\b|document\.write(ln)?\s*\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) && path !== join(ROOT, 'noHtmlSinks.test.ts') ? [path] : [];
  });
}

describe('HTML sinks', () => {
  it('are used nowhere in src/', () => {
    const files = sources(ROOT);
    expect(files.length).toBeGreaterThan(100);
    const hits = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (SINKS.test(line) ? [`${relative(ROOT, f)}:${i + 1}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
