/**
 * Go's time.ParseDuration and Duration.String (kubectl's --timeout, the lab's `wait`), in
 * simulated milliseconds. Error texts are Go's (src/time/format.go).
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

export function parseGoDuration(text: string): { ms: number } | { error: string } {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ms: 0 };
  if (s === '') return { error: `time: invalid duration ${quoted}` };
  let total = 0;
  while (s.length > 0) {
    const num = /^(\d*)(\.\d*)?/.exec(s) as RegExpExecArray;
    if (num[0] === '' || num[0] === '.') return { error: `time: invalid duration ${quoted}` };
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)?.[0] ?? '';
    if (unit === '') return { error: `time: missing unit in duration ${quoted}` };
    const factor = UNIT_MS[unit];
    if (factor === undefined) {
      return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    }
    total += Number(num[0]) * factor;
    s = s.slice(unit.length);
  }
  return { ms: sign * total };
}

/** Duration.String for whole or fractional milliseconds: `500ms`, `30s`, `1m30s`, `1h0m0s`. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out: string;
  if (rest < 1000) {
    out = `${trimNumber(rest)}ms`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const sec = `${trimNumber(rest / 1000)}s`;
    out = h > 0 ? `${h}h${m}m${sec}` : m > 0 ? `${m}m${sec}` : sec;
  }
  return neg ? `-${out}` : out;
}

function trimNumber(n: number): string {
  return String(Number(n.toFixed(9)));
}
