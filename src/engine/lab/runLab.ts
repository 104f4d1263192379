/**
 * Run a lab script on a headless cluster and return its transcript (shared/design.md, "The lab
 * script (headless contract)"): each command echoed as `$ LINE` and followed by its output.
 * A failing command prints its error and the script goes on; the exit status is 1 only when a
 * line is not a command at all (or the engine itself failed on a line).
 *
 * Files: kubectl reads `-f` paths through the host, and a script's paths are relative to the
 * script. runLab therefore hands kubectl a host whose readFile (and listDir) are the caller's
 * io functions, which resolve paths against the script's folder; the simulation never sees a
 * file system.
 */
import type { DirectoryLister } from '../kubectl/files';
import type { LabHost } from '../kubectl/host';
import { newFollowRows, type OpenFollow } from './follow';
import { type ClusterSpec, DEFAULT_CLUSTER, parseClusterArgs, parseLabLine } from './parseLab';
import { runVerb, type VerbResult } from './verbs';

export interface LabIo {
  createHost: (opts: ClusterSpec) => LabHost;
  /** A manifest's text by the path written in the script, or undefined if there is none. */
  readFile: (path: string) => string | undefined;
  /** Entries of a directory named by `kubectl apply -f DIR` (subdirectories end in '/'). */
  listDir?: (path: string) => string[] | undefined;
}

export interface LabResult {
  transcript: string;
  exitCode: number;
}

/** A LabHost that reads files through `io` and does everything else through `host`. */
export function withFiles(
  host: LabHost,
  io: Pick<LabIo, 'readFile' | 'listDir'>,
): LabHost & DirectoryLister {
  return {
    call: (req, as) => host.call(req, as),
    nowMs: () => host.nowMs(),
    advanceBy: (ms) => host.advanceBy(ms),
    get serverAddress() {
      return host.serverAddress;
    },
    readFile: (path) => io.readFile(path),
    listDir: (path) => io.listDir?.(path),
    nodeNames: () => host.nodeNames(),
    breakComponent: (c, node) => host.breakComponent(c, node),
    repairComponent: (c, node) => host.repairComponent(c, node),
    crash: (pod, container) => host.crash(pod, container),
    request: (service, count) => host.request(service, count),
    proxyRules: (node) => host.proxyRules(node),
    joinNode: (name) => host.joinNode(name),
    watchEvents: (id) => host.watchEvents(id),
    stopWatches: () => host.stopWatches(),
  };
}

/** A bug in the engine must not end the lab silently: report it on the line that hit it. */
export function guarded(run: () => VerbResult): VerbResult & { crashed?: boolean } {
  try {
    return run();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { output: `error: internal error: ${message}\n`, ok: false, crashed: true };
  }
}

/**
 * The whole transcript as one string: for tests and short scripts. A long script's transcript
 * can outgrow any string (V8 caps one near 512 MiB): `labSteps` hands it over line by line.
 */
export function runLab(text: string, io: LabIo): LabResult {
  const parts: string[] = [];
  const steps = labSteps(text, io);
  for (;;) {
    const step = steps.next();
    if (step.done) return { transcript: parts.join(''), exitCode: step.value };
    parts.push(step.value);
  }
}

/** A script's lines one at a time, without splitting the whole text into an array first. */
function* scriptLines(text: string): Generator<string> {
  let at = 0;
  while (at <= text.length) {
    const end = text.indexOf('\n', at);
    const stop = end < 0 ? text.length : end;
    yield text.slice(at, stop > at && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop);
    if (end < 0) return;
    at = end + 1;
  }
}

/**
 * Run a lab script one line at a time: each step yields the transcript of one line (`$ LINE` and
 * its output) as soon as that line has run, and the generator returns the exit status. Nothing
 * is kept once yielded, so a caller that writes each step out keeps memory bounded however long
 * the script is.
 */
export function* labSteps(text: string, io: LabIo): Generator<string, number, void> {
  let exitCode = 0;
  let host: LabHost | undefined;
  let commandsSeen = 0;
  let follow: OpenFollow | undefined;
  const ensureHost = (spec: ClusterSpec = DEFAULT_CLUSTER) => {
    host ??= withFiles(io.createHost(spec), io);
    return host;
  };

  let lineNo = 0;
  for (const raw of scriptLines(text)) {
    lineNo++;
    const line = parseLabLine(raw);
    if (line.kind === 'skip') continue;
    const echo = `$ ${line.text}\n`;
    if (line.kind === 'invalid') {
      exitCode = 1;
      yield `${echo}error: line ${lineNo}: ${line.message}\n`;
      continue;
    }
    const first = commandsSeen === 0;
    commandsSeen++;
    if (line.verb === 'cluster') {
      if (!first || host) {
        yield `${echo}error: line ${lineNo}: "cluster" must be the first command of a lab script\n`;
        continue;
      }
      const spec = parseClusterArgs(line.args);
      if ('error' in spec) {
        yield `${echo}error: ${spec.error}\n`;
        continue;
      }
      const created = guarded(() => {
        ensureHost(spec);
        return { output: '', ok: true };
      });
      if (created.crashed) exitCode = 1;
      yield echo + created.output;
      continue;
    }
    const verb = line.verb;
    // Any command but `wait` interrupts a `kubectl get -w` still running.
    if (verb !== 'wait' && follow) {
      ensureHost().stopWatches();
      follow = undefined;
    }
    const result = guarded(() => runVerb(verb, line.args, ensureHost()));
    let output = echo + result.output;
    if (result.crashed) exitCode = 1;
    if (result.follow) follow = { spec: result.follow, shown: 0 };
    else if (verb === 'wait' && follow && result.ok) {
      const open = follow;
      const rows = guarded(() => {
        const { text, ended } = newFollowRows(ensureHost(), open);
        if (ended) {
          ensureHost().stopWatches();
          follow = undefined;
        }
        return { output: text, ok: true };
      });
      output += rows.output;
      if (rows.crashed) exitCode = 1;
    }
    yield output;
  }
  return exitCode;
}
