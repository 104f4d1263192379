/**
 * An exec'd shell reading stdin (`kubectl exec -i POD -- sh`, `-it` with a terminal): each line
 * that reaches it over the stream runs in the same shell (its variables, directory, functions),
 * in the container's world, and may change the container's files. A session is part of the
 * cluster's state (`state.execSessions`), and each line is a ClusterInput (`stdin`), so a
 * replica following the served cluster runs it too. It ends with `exit`, at the end of stdin
 * (the client closed it or went away), or when its container no longer runs (the runtime killed
 * the exec'd process with it: 137).
 */
import type { StreamChunk } from '../api/types';
import { containerFiles, processStdin, setContainerFiles } from '../process/supervisor';
import type { Simulation } from '../sim/simulation';
import { ACTOR } from '../trace';
import { runSessionLine, sessionPrompt } from './containerShell';
import { execWorld } from './kubeletServer';

export interface SessionOutput {
  output: StreamChunk[];
  /** Simulated time the line's sleeps took (Infinity: it never ends). */
  sleptMs: number;
  /** The session is over: the shell's exit code. */
  exit?: { code: number };
  /** With a TTY, the prompt for the next line. */
  prompt?: string;
}

/** An attach's session: the container's main process reading its stdin (`attach/NODE/ID`). */
export function attachSessionId(node: string, containerId: string): string {
  return `${ATTACH}${node}/${containerId}`;
}

const ATTACH = 'attach/';

/** One line of stdin (without its newline) for session `id`; no line: stdin ended. */
export function execSessionInput(sim: Simulation, id: string, line?: string): SessionOutput {
  if (id.startsWith(ATTACH)) return attachInput(sim, id.slice(ATTACH.length), line);
  const sessions = sim.state.execSessions ?? {};
  const session = sessions[id];
  if (!session) return { output: [], sleptMs: 0, exit: { code: 0 } };
  const end = (code: number, output: StreamChunk[] = [], sleptMs = 0): SessionOutput => {
    delete sessions[id];
    if (Object.keys(sessions).length === 0) delete sim.state.execSessions;
    return { output, sleptMs, exit: { code } };
  };
  const node = sim.state.nodes[session.node];
  const c = node?.runtime.containers[session.containerId];
  if (!node?.up || !c || c.state !== 'running') return end(137);
  if (line === undefined) return end(session.shell.status & 255);
  const object = `pod/${session.pod}`;
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    object,
    `Exec ${session.container} stdin: ${line.length > 100 ? `${line.slice(0, 97)}...` : line}`,
  );
  const files = containerFiles(node, c);
  const world = execWorld(sim, node, c, session.hostname, files);
  const output: StreamChunk[] = [];
  const result = runSessionLine(session.shell, line, world, (stream, text) =>
    output.push({ stream: session.tty ? 'stdout' : stream, text: `${text}\n` }),
  );
  setContainerFiles(c, world.fs, files);
  if (result.exited) return end(result.code, output, result.sleptMs);
  return {
    output,
    sleptMs: result.sleptMs,
    ...(session.tty ? { prompt: sessionPrompt(session.shell, session.hostname) } : {}),
  };
}

/**
 * A line an attach writes to the container's main process (its stdin is open: the spec's
 * `stdin: true`). What the process prints goes to the container's output, where the attach (and
 * `kubectl logs`) read it; the answer carries only the next prompt, or the process's end.
 */
function attachInput(sim: Simulation, where: string, line?: string): SessionOutput {
  const slash = where.indexOf('/');
  const node = sim.state.nodes[where.slice(0, slash)];
  const c = node?.runtime.containers[where.slice(slash + 1)];
  if (!node?.up || !c || c.state !== 'running')
    return { output: [], sleptMs: 0, exit: { code: 0 } };
  const kp = node.kubelet.pods[c.podUid];
  sim.trace(
    ACTOR.kubelet(node.name),
    ACTOR.runtime(node.name),
    'cri',
    `pod/${kp?.key ?? c.podUid}`,
    line === undefined
      ? `Attach ${c.name}: stdin closed`
      : `Attach ${c.name} stdin: ${line.length > 100 ? `${line.slice(0, 97)}...` : line}`,
  );
  const read = processStdin(sim, node, c, line);
  // A process that does not read stdin drops it (containerd's attach has no stdin to copy to).
  if (!read) return { output: [], sleptMs: 0 };
  if (read.exited) return { output: [], sleptMs: 0, exit: { code: 0 } };
  return { output: [], sleptMs: 0, ...(read.prompt !== undefined ? { prompt: read.prompt } : {}) };
}
