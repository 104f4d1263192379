import type { ClusterSpec, SimStore } from '../store';
import { bootInSlices, createSimStore, DEFAULT_SPEC } from '../store/createSimStore';
import { openFeed } from '../store/feed';
import type { LoadedPrefs } from '../store/prefs';
import type { AttachLink } from './attachLink';

/**
 * The app's store, from what the page was opened with: saved preferences (`loadSavedPrefs`,
 * read by the page before the engine arrived; corrupt data is ignored with a notice), a link to
 * a served cluster (`?server=…&token=…`, read and taken out of the address bar by main.tsx: the
 * page follows that cluster, or says why not and runs its own) and the sandbox's URL parameters
 * (`?seed=7&workers=3&proxy=ipvs`, bad values ignored with a notice).
 */
export async function makeStore(
  { prefs, corrupt }: LoadedPrefs,
  link: AttachLink = { kind: 'none' },
): Promise<SimStore> {
  if (link.kind === 'target') {
    const opened = await openFeed(link.target);
    const attach = { target: link.target, opened };
    const notice = corrupt ? 'notice.corruptPrefs' : null;
    // Attached, the Events tab shows the requests arriving; else the walkthroughs as usual.
    if ('hello' in opened)
      return createSimStore({ prefs, playing: true, panel: 'events', attach, notice });
    const sim = await bootInSlices(DEFAULT_SPEC, yieldToBrowser);
    return createSimStore({ sim, prefs, playing: true, panel: 'walkthrough', attach, notice });
  }
  const { spec, bad } = specFromUrl(new URLSearchParams(location.search));
  const sim = await bootInSlices({ ...DEFAULT_SPEC, ...spec }, yieldToBrowser);
  return createSimStore({
    spec,
    sim,
    prefs,
    playing: true,
    // Learners come for the walkthroughs: the list is the first thing beside the kitchen.
    panel: 'walkthrough',
    notice: corrupt
      ? 'notice.corruptPrefs'
      : link.kind === 'bad'
        ? 'notice.badAttachLink'
        : bad
          ? 'notice.badUrl'
          : null,
  });
}

/** Let the browser paint and handle input before the next slice of work. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
