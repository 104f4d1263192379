/**
 * Lifecycle hooks as the kubelet runs them (pkg/kubelet/lifecycle/handlers.go): `exec` runs a
 * command in the container (through the shell interpreter; its output is not the container's
 * log), `httpGet` asks the container's own port, `sleep` waits. What matters to the simulation
 * is how long a hook takes: a preStop hook holds the stop signal back for that long.
 */

import { EPOCH_MS } from '../sim/defaults';
import type { Simulation } from '../sim/simulation';
import type { NodeState, RuntimeContainer } from '../sim/state';
import { runCommand } from './shell';
import { containerFiles, imageOf, podHttp, setContainerFiles } from './supervisor';

interface Handler {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; host?: string };
  sleep?: { seconds?: number };
}

/** The kubelet's lifecycle HTTP client (handlers.go: User-Agent kube-lifecycle/MAJOR.MINOR). */
const LIFECYCLE_AGENT = 'kube-lifecycle/1.34';

/** Runs a hook now; returns how long it takes (ms; Infinity for one that never ends). */
export function runHook(
  sim: Simulation,
  node: NodeState,
  c: RuntimeContainer,
  hook: Handler,
): number {
  if (hook.sleep) return Math.max(0, Number(hook.sleep.seconds) || 0) * 1000;
  if (hook.exec?.command?.length) {
    const before = containerFiles(node, c);
    const world = {
      env: c.env ?? {},
      fs: { ...before },
      hostname: node.kubelet.pods[c.podUid]?.pod.metadata.name ?? c.name,
      nowMs: EPOCH_MS + sim.state.nowMs,
      flavor: imageOf(c.image).shell,
    };
    const r = runCommand(hook.exec.command.map(String), world, () => {});
    setContainerFiles(c, world.fs, before);
    return r.sleptMs;
  }
  if (hook.httpGet) {
    const port = Number(hook.httpGet.port);
    if (Number.isInteger(port) && port > 0) {
      const containers = Object.values(node.runtime.containers).filter(
        (x) => x.podUid === c.podUid,
      );
      podHttp(sim, node, containers, port, {
        method: 'GET',
        path: hook.httpGet.path || '/',
        clientIp: node.ip,
        userAgent: LIFECYCLE_AGENT,
        host: `${node.runtime.sandboxes[c.podUid]?.ip ?? ''}:${port}`,
      });
    }
    return 0;
  }
  return 0;
}
