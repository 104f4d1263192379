/**
 * The controllers' clientsets and their client-side rate limit. kube-controller-manager gives
 * each controller its own clientset (ClientBuilder.ClientOrDie("replicaset-controller")), built
 * from --kube-api-qps / --kube-api-burst, so each controller has its own token bucket (kept in
 * `kcm.clients`; a restarted process starts with full ones).
 *
 * A write made while a controller's sync runs takes a token from that controller's bucket
 * (kcmApi). A sync that would have to wait for its first write is run when the token is there
 * (the worker blocked in the limiter's Wait), and pod creations and deletions in bulk go one
 * token at a time (podBurst.ts).
 */
import { K8S } from '../../sim/defaults';
import type { Simulation } from '../../sim/simulation';
import { hashRecord } from '../../sim/state';
import { clientLimit, takeToken, tokenWaitMs } from '../../sim/tokenBucket';

/** Work-queue controller names → the clientset (user agent) they write with. */
const CLIENT_OF: Record<string, string> = {
  deployment: 'deployment-controller',
  replicaset: 'replicaset-controller',
  daemonset: 'daemon-set-controller',
  job: 'job-controller',
  jobpod: 'job-controller',
  cronjob: 'cronjob-controller',
  statefulset: 'statefulset-controller',
};

export function clientOf(controller: string): string | undefined {
  return CLIENT_OF[controller];
}

/** The clientset whose writes are being made now (set around a sync; undefined: not limited). */
let active: string | undefined;

/** Makes `client` the active clientset; returns the one it replaces (to put back). */
export function setActiveClient(client: string | undefined): string | undefined {
  const before = active;
  active = client;
  return before;
}

export function withClient<T>(client: string | undefined, fn: () => T): T {
  const before = active;
  active = client;
  try {
    return fn();
  } finally {
    active = before;
  }
}

function kcmLimit(sim: Simulation) {
  return clientLimit(sim.state.config.kubeApi, K8S.kcmClient);
}

/** How long the named client's next request would wait for its token. */
export function clientWaitMs(sim: Simulation, client: string): number {
  return tokenWaitMs(sim.state.kcm.clients?.[client], kcmLimit(sim), sim.state.nowMs);
}

/** A write by the active clientset takes its token. */
export function chargeActiveClient(sim: Simulation): void {
  const limit = kcmLimit(sim);
  if (active === undefined || !limit) return;
  const kcm = sim.state.kcm;
  kcm.clients ??= hashRecord();
  kcm.clients[active] = takeToken(kcm.clients[active], limit, sim.state.nowMs);
}
