import type { ClusterSpec, SimStore } from '../store';
import { bootInSlices, createSimStore, DEFAULT_SPEC } from '../store/createSimStore';
import { openFeed } from '../store/feed';
import type { LoadedPrefs } from '../store/prefs';
import type { AttachLink } from './attachLink';
import { readUrl } from './urlParams';

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
  const { spec, problems } = readUrl(new URLSearchParams(location.search), link.kind === 'target');
  // Each unusable parameter is named with its reason, under the notice that comes first.
  const noticeDetails = problems.map((p) => ({ key: p.key, params: p.params }));
  const urlNotice = problems.length > 0 ? 'notice.urlParams' : null;
  if (link.kind === 'target') {
    const opened = await openFeed(link.target);
    const attach = { target: link.target, opened };
    const notice = corrupt ? 'notice.corruptPrefs' : urlNotice;
    // Attached, the Events tab shows the requests arriving; else the walkthroughs as usual.
    if ('hello' in opened)
      return createSimStore({
        prefs,
        playing: true,
        panel: 'events',
        attach,
        notice,
        noticeDetails,
      });
    const sim = await bootInSlices(DEFAULT_SPEC, yieldToBrowser);
    return createSimStore({
      sim,
      prefs,
      playing: true,
      panel: 'walkthrough',
      attach,
      notice,
      noticeDetails,
    });
  }
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
        : urlNotice,
    noticeDetails,
  });
}

/** Let the browser paint and handle input before the next slice of work. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The sandbox's cluster settings in a URL, and whether any of them was unusable. */
export function specFromUrl(params: URLSearchParams): { spec: Partial<ClusterSpec>; bad: boolean } {
  const { spec, problems } = readUrl(params);
  const cluster = new Set(['workers', 'seed', 'proxy']);
  return { spec, bad: problems.some((p) => cluster.has(String(p.params.name))) };
}
