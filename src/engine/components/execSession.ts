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
import { containerFiles, setContainerFiles } from '../process/supervisor';
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

/** One line of stdin (without its newline) for session `id`; no line: stdin ended. */
export function execSessionInput(sim: Simulation, id: string, line?: string): SessionOutput {
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
