import type { ClusterSpec } from '../store';
import type { LoadedPrefs } from '../store/prefs';
import type { ViewStore } from '../store/viewState';
import { connectRemoteStore, type RemotePort } from '../store/worker/remoteStore';
import type { AttachLink } from './attachLink';
import { readUrl } from './urlParams';

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
  const { spec, problems } = readUrl(new URLSearchParams(location.search), link.kind === 'target');
  // Each unusable parameter is named with its reason, under the notice that comes first.
  const noticeDetails = problems.map((p) => ({ key: p.key, params: p.params }));
  const urlNotice = problems.length > 0 ? 'notice.urlParams' : null;
  const notice = corrupt
    ? 'notice.corruptPrefs'
    : link.kind === 'bad'
      ? 'notice.badAttachLink'
      : urlNotice;
  const worker = new Worker(new URL('../store/worker/sim.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kube-kitchen engine',
  });
  // A worker that cannot start (its script failed to load) answers nothing: that is a failure too.
  const failed = new Promise<never>((_, reject) => {
    worker.onerror = (event) => reject(new Error(event.message || 'the engine worker failed'));
  });
  // Learners come for the walkthroughs: the list is the first thing beside the kitchen.
  const init = { prefs, spec, notice, noticeDetails, link, panel: 'walkthrough' } as const;
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

/** The sandbox's cluster settings in a URL, and whether any of them was unusable. */
export function specFromUrl(params: URLSearchParams): { spec: Partial<ClusterSpec>; bad: boolean } {
  const { spec, problems } = readUrl(params);
  const cluster = new Set(['workers', 'seed', 'proxy']);
  return { spec, bad: problems.some((p) => cluster.has(String(p.params.name))) };
}
