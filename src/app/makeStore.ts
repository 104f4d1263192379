import type { ClusterSpec } from '../store';
import type { LoadedPrefs } from '../store/prefs';
import type { ViewStore } from '../store/viewState';
import { connectRemoteStore, type RemotePort } from '../store/worker/remoteStore';
import type { AttachLink } from './attachLink';

/**
 * The app's store, from what the page was opened with: saved preferences (`loadSavedPrefs`,
 * read by the page before the engine arrived; corrupt data is ignored with a notice), a link to
 * a served cluster (`?server=…&token=…`, read and taken out of the address bar by main.tsx: the
 * worker follows that cluster, or says why not and runs its own) and the sandbox's URL
 * parameters (`?seed=7&workers=3&proxy=ipvs`, bad values ignored with a notice).
 *
 * The engine runs in a Web Worker (src/store/worker): the page keeps a mirror of what it draws.
 */
export function makeStore(
  { prefs, corrupt }: LoadedPrefs,
  link: AttachLink = { kind: 'none' },
): Promise<ViewStore> {
  const { spec, bad } =
    link.kind === 'target'
      ? { spec: {}, bad: false }
      : specFromUrl(new URLSearchParams(location.search));
  const notice = corrupt
    ? 'notice.corruptPrefs'
    : link.kind === 'bad'
      ? 'notice.badAttachLink'
      : bad
        ? 'notice.badUrl'
        : null;
  const worker = new Worker(new URL('../store/worker/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kube-kitchen engine',
  });
  // A worker that cannot start (its script failed to load) answers nothing: that is a failure too.
  const failed = new Promise<never>((_, reject) => {
    worker.onerror = (event) => reject(new Error(event.message || 'the engine worker failed'));
  });
  // Learners come for the walkthroughs: the list is the first thing beside the kitchen.
  const init = { prefs, spec, notice, link, panel: 'walkthrough' } as const;
  // A Worker is a port: postMessage, and onmessage with the message's data.
  const port = worker as unknown as RemotePort;
  return Promise.race([connectRemoteStore(port, init), failed]).then(
    (store) => {
      worker.onerror = null;
      return store;
    },
    (err: unknown) => {
      worker.terminate();
      throw err;
    },
  );
}

export function specFromUrl(params: URLSearchParams): { spec: Partial<ClusterSpec>; bad: boolean } {
  const spec: Partial<ClusterSpec> = {};
  let bad = false;
  const int = (name: string, min: number, max: number) => {
    const v = params.get(name);
    if (v === null) return undefined;
    const n = Number(v);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    bad = true;
    return undefined;
  };
  const workers = int('workers', 1, 10);
  if (workers !== undefined) spec.workers = workers;
  const seed = int('seed', 0, 2 ** 31 - 1);
  if (seed !== undefined) spec.seed = seed;
  const proxy = params.get('proxy');
  if (proxy === 'iptables' || proxy === 'ipvs') spec.proxyMode = proxy;
  else if (proxy !== null) bad = true;
  return { spec, bad };
}
