/**
 * The engine's purity, checked on the source: no UI or store imports, no wall clock, no
 * unseeded randomness, no Node or browser APIs (tests and the testing/ folder excepted).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname);

function engineFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'testing') out.push(...engineFiles(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const FORBIDDEN = [
  {
    what: 'React / UI / store import',
    re: /from ['"](react|react-dom|zustand|motion|framer-motion)(\/[^'"]*)?['"]/,
  },
  {
    what: 'import from outside the engine',
    re: /from ['"]\.\.\/\.\.\/\.\.\/|from ['"](\.\.\/)+(store|kitchen|ui|app|scenarios|i18n)\//,
  },
  { what: 'Node built-in', re: /from ['"]node:|require\(/ },
  { what: 'wall clock', re: /Date\.now\(|performance\.now\(|new Date\(\)/ },
  { what: 'unseeded randomness', re: /Math\.random\(|crypto\./ },
  { what: 'timers', re: /\bset(Timeout|Interval|Immediate)\(/ },
  { what: 'DOM', re: /\b(window|document|localStorage)\./ },
];

describe('engine architecture', () => {
  const files = engineFiles(ROOT);

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const rule of FORBIDDEN) {
    it(`has no ${rule.what}`, () => {
      const hits = files.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, i }))
          .filter(
            ({ line }) =>
              !line.trimStart().startsWith('//') &&
              !line.trimStart().startsWith('*') &&
              rule.re.test(line),
          )
          .map(({ i }) => `${relative(ROOT, f)}:${i + 1}`),
      );
      expect(hits).toEqual([]);
    });
  }
});
