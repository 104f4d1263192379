import { DEFAULT_CLUSTER, MAX_MANIFEST_BYTES, parseClusterArgs, parseLabLine } from '../engine';
import type { ClusterSpec, TranscriptEntry } from './createSimStore';

/**
 * A console session as a lab script (shared/design.md): the cluster line, then each command the
 * learner ran, with `wait` lines for the simulated time that passed between them (playback, the
 * app's longer boot). Same seed + same inputs = same cluster: `npm run lab` replays it exactly.
 *
 * `readyMs` is when a lab script's cluster is ready, `startMs` when the app's was, `nowMs` the
 * cursor (time the learner let pass after the last command is kept too). Lines `isCommand`
 * rejects are kept as comments; the files it applies are named at the top and, when `known`
 * has them, their text follows at the end as comments.
 */
export function sessionLabScript(
  spec: ClusterSpec,
  transcript: readonly TranscriptEntry[],
  readyMs: number,
  startMs: number,
  nowMs: number,
  isCommand: (line: string) => boolean = () => true,
  known: Readonly<Record<string, string>> = {},
): string {
  const out = [
    '# A kube-kitchen session. Replay it with: npm run --silent lab -- FILE',
    `cluster workers=${spec.workers} proxy=${spec.proxyMode} seed=${spec.seed}`,
  ];
  let at = readyMs;
  let waited = 0;
  const waitUntil = (ms: number) => {
    if (ms > at) waited += ms - at;
    at = Math.max(at, ms);
  };
  const push = (line: string) => {
    if (waited > 0) out.push(`wait ${waited}ms`);
    waited = 0;
    out.push(line);
  };
  // A free-play store starts where its cluster was ready; a session recorded from a walkthrough
  // starts at a step but carries the walkthrough's lines from the cluster's start.
  waitUntil(Math.min(startMs, transcript[0]?.atMs ?? startMs));
  for (const entry of transcript) {
    if (entry.atMs > nowMs) break;
    waitUntil(entry.atMs);
    const doneMs = entry.doneMs ?? entry.atMs;
    if (doneMs > nowMs && /^wait(\s|$)/.test(entry.line)) {
      // The cursor stands inside this wait: only the part before it.
      waitUntil(nowMs);
      break;
    }
    // A line the lab would refuse (a typo, a second `cluster`) stays as a comment: it changed nothing.
    push(isCommand(entry.line) ? entry.line : `# ${entry.line}`);
    at = Math.max(at, doneMs);
  }
  waitUntil(nowMs);
  if (waited > 0) out.push(`wait ${waited}ms`);
  const files = filesNamed(out);
  if (files.length > 0)
    out.splice(
      1,
      0,
      `# It applies files it does not contain; put them beside it: ${files.join(', ')}`,
    );
  // Their text as the app last kept it, commented out, so they can be saved again.
  for (const file of files) {
    const text = known[file];
    if (text === undefined) continue;
    // kubectl refused it whole ("file is too large"): a copy would only make the script huge.
    const bytes = utf8Bytes(text);
    if (bytes > MAX_MANIFEST_BYTES) {
      out.push(
        '',
        `# ---- ${file}: not included (${bytes} bytes; kubectl reads at most ${MAX_MANIFEST_BYTES}) ----`,
      );
      continue;
    }
    out.push('', `# ---- ${file} ----`);
    for (const line of text.replace(/\n$/, '').split('\n')) out.push(`# ${line}`.trimEnd());
  }
  return `${out.join('\n')}\n`;
}

function utf8Bytes(text: string): number {
  // Short text cannot be over the limit: skip encoding it.
  return text.length * 3 <= MAX_MANIFEST_BYTES
    ? text.length
    : new TextEncoder().encode(text).length;
}

/** The manifests `kubectl … -f PATH` lines read (a lab resolves them beside the script). */
function filesNamed(lines: readonly string[]): string[] {
  const files = new Set<string>();
  for (const line of lines) {
    if (!line.startsWith('kubectl ')) continue;
    for (const m of line.matchAll(/(?:^|\s)(?:-f|--filename)(?:=|\s+)(\S+)/g))
      if (m[1] !== '-') files.add(m[1]);
  }
  return [...files];
}

/** The most kitchens the scene lays out (the sandbox form and link allow as many). */
export const MAX_APP_WORKERS = 10;

/**
 * A lab script for the app: its cluster and the lines to run in the console (comments and blank
 * lines dropped; a line that is not a command stays, so the console prints why, as the lab does).
 */
export function planScript(
  text: string,
): { cluster: ClusterSpec; lines: string[] } | { error: string } {
  let cluster: ClusterSpec = { ...DEFAULT_CLUSTER };
  const lines: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const parsed = parseLabLine(raw);
    if (parsed.kind === 'skip') continue;
    if (parsed.kind === 'command' && parsed.verb === 'cluster') {
      if (lines.length > 0)
        return { error: `line ${i + 1}: "cluster" must be the first command of a lab script` };
      const spec = parseClusterArgs(parsed.args);
      if ('error' in spec) return { error: `line ${i + 1}: ${spec.error}` };
      if (spec.workers < 1 || spec.workers > MAX_APP_WORKERS)
        return {
          error: `line ${i + 1}: the app shows 1 to ${MAX_APP_WORKERS} worker nodes (npm run lab runs more)`,
        };
      cluster = spec;
      continue;
    }
    lines.push(raw.trim());
  }
  return { cluster, lines };
}

/**
 * Files picked in a browser come by name only: a script's `-f manifests/web.yaml` is given the
 * picked `web.yaml` (a file named by its full path wins).
 */
export function withScriptPaths(
  lines: readonly string[],
  files: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = { ...files };
  for (const path of filesNamed(lines)) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (!(path in out) && base in files) out[path] = files[base];
  }
  return out;
}
