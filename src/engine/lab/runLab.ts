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

export function runLab(text: string, io: LabIo): LabResult {
  let transcript = '';
  let exitCode = 0;
  let host: LabHost | undefined;
  let commandsSeen = 0;
  let follow: OpenFollow | undefined;
  const ensureHost = (spec: ClusterSpec = DEFAULT_CLUSTER) => {
    host ??= withFiles(io.createHost(spec), io);
    return host;
  };

  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = parseLabLine(raw);
    if (line.kind === 'skip') return;
    transcript += `$ ${line.text}\n`;
    if (line.kind === 'invalid') {
      transcript += `error: line ${lineNo}: ${line.message}\n`;
      exitCode = 1;
      return;
    }
    const first = commandsSeen === 0;
    commandsSeen++;
    if (line.verb === 'cluster') {
      if (!first || host) {
        transcript += `error: line ${lineNo}: "cluster" must be the first command of a lab script\n`;
        return;
      }
      const spec = parseClusterArgs(line.args);
      if ('error' in spec) {
        transcript += `error: ${spec.error}\n`;
        return;
      }
      const created = guarded(() => {
        ensureHost(spec);
        return { output: '', ok: true };
      });
      transcript += created.output;
      if (created.crashed) exitCode = 1;
      return;
    }
    const verb = line.verb;
    // Any command but `wait` interrupts a `kubectl get -w` still running.
    if (verb !== 'wait' && follow) {
      ensureHost().stopWatches();
      follow = undefined;
    }
    const result = guarded(() => runVerb(verb, line.args, ensureHost()));
    transcript += result.output;
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
      transcript += rows.output;
      if (rows.crashed) exitCode = 1;
    }
  });
  return { transcript, exitCode };
}
