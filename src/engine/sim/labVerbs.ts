/** The lab script's own verbs (crash, request, proxy-rules) and kubectl's doorway. */
import { ADMIN, type ApiRequest, type ApiResult } from '../api/types';
import { exitContainer, latestInstance } from '../components/runtime';
import { renderIptablesSave, renderIpvsadm, routeRequest } from '../proxy';
import { ACTOR } from '../trace';
import type { Simulation } from './simulation';

export function kubectlCall(sim: Simulation, req: ApiRequest): ApiResult {
  return sim.api(ACTOR.kubectl, ADMIN, req);
}

export function crash(sim: Simulation, ref: string, container?: string): string[] {
  const key = ref.includes('/') ? ref : `default/${ref}`;
  const pod = sim.store('pods')[key];
  if (!pod) return [`error: pod "${ref}" not found`];
  const nodeName = pod.spec?.nodeName as string | undefined;
  const node = nodeName ? sim.state.nodes[nodeName] : undefined;
  if (!node?.up) return [`error: pod "${ref}" is not running on any node`];
  const name = container ?? pod.spec.containers[0].name;
  if (!(pod.spec.containers ?? []).some((c: { name: string }) => c.name === name))
    return [`error: container "${name}" not found in pod "${ref}"`];
  const uid = pod.metadata.annotations?.['kubernetes.io/config.mirror']
    ? Object.values(node.kubelet.pods).find((kp) => kp.key === key)?.uid
    : pod.metadata.uid;
  const inst = uid ? latestInstance(node, uid, name) : undefined;
  if (inst?.state !== 'running')
    return [`error: container "${name}" in pod "${ref}" is not running`];
  exitContainer(sim, node, inst, 1, 'Error');
  sim.schedule(0, {
    t: 'runtime/containerExit',
    node: node.name,
    containerId: inst.id,
    exitCode: 1,
    reason: 'Error',
  });
  return [`container ${name} in pod ${key} exited with code 1`];
}

export function request(sim: Simulation, service: string, count: number): string[] {
  const key = service.includes('/') ? service : `default/${service}`;
  const svc = sim.store('services')[key];
  if (!svc) return [`error: service "${service}" not found`];
  const port = svc.spec?.ports?.[0]?.port as number;
  const clusterIP = svc.spec?.clusterIP as string;
  const workers = sim.state.nodeNames.filter(
    (n) => sim.state.nodes[n].role === 'worker' && sim.state.nodes[n].up,
  );
  const entries = workers.length
    ? workers
    : sim.state.nodeNames.filter((n) => sim.state.nodes[n].up);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = entries.length
      ? sim.state.nodes[entries[sim.int(0, entries.length - 1)]]
      : undefined;
    if (!entry?.proxy.rules) {
      out.push('failed: connection timed out');
      continue;
    }
    const routed = routeRequest(
      entry.proxy.rules,
      { clusterIP, port },
      sim.state.rng,
      entry.proxy.rr,
    );
    if (!routed.ok) {
      sim.trace(
        ACTOR.client,
        ACTOR.proxy(entry.name),
        'traffic',
        `service/${key}`,
        `request to ${clusterIP}:${port} failed: ${routed.reason}`,
        true,
      );
      out.push(`failed: ${routed.reason}`);
      continue;
    }
    const ep = routed.endpoint;
    const target = findPodByIp(sim, ep.ip);
    const node = target ? sim.state.nodes[target.node] : undefined;
    const alive = target && node?.up && target.running;
    sim.trace(
      ACTOR.client,
      ACTOR.proxy(entry.name),
      'traffic',
      `service/${key}`,
      `${clusterIP}:${port} → ${ep.ip}:${ep.port} via ${routed.chain.join(' → ')}`,
      !alive,
    );
    if (!alive || !target)
      out.push(
        `failed: ${node && !node.up ? 'connection timed out' : 'connection refused'} (${ep.ip}:${ep.port})`,
      );
    else out.push(`served by ${target.name} on ${target.node}`);
  }
  return out;
}

function findPodByIp(
  sim: Simulation,
  ip: string,
): { name: string; node: string; running: boolean } | undefined {
  for (const node of Object.values(sim.state.nodes)) {
    for (const sb of Object.values(node.runtime.sandboxes)) {
      if (sb.ip !== ip || !sb.ready) continue;
      const kp = node.kubelet.pods[sb.podUid];
      const running = Object.values(node.runtime.containers).some(
        (c) => c.podUid === sb.podUid && c.state === 'running',
      );
      const podName = kp?.pod.metadata.name ?? sb.podUid;
      return { name: podName, node: node.name, running };
    }
  }
  return undefined;
}

export function proxyRules(sim: Simulation, nodeName: string): string[] {
  const node = sim.state.nodes[nodeName];
  if (!node) return [`error: node "${nodeName}" not found`];
  if (!node.up) return [`error: node "${nodeName}" is down`];
  if (!node.proxy.rules) return ['# kube-proxy has not programmed any rules yet'];
  const text =
    node.proxy.rules.mode === 'ipvs'
      ? renderIpvsadm(node.proxy.rules)
      : renderIptablesSave(node.proxy.rules);
  return text.split('\n');
}
