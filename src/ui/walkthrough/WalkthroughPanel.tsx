import { LogOut, Undo2 } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { walkthroughById, walkthroughs } from '../../scenarios/list';
import type { DiffRow } from '../../scenarios/runner';
import type { Walkthrough } from '../../scenarios/schema';
import { useSimStore } from '../../store';
import type { WalkthroughView } from '../../store/walkthrough';
import { NewClusterForm } from '../sandbox/NewClusterForm';
import { useNarrow } from '../useNarrow';
import { PredictChoices, StepNarration, StepNav, stepOf, text } from './StepControls';
import { useWalkthrough, useWalkthroughStore } from './useWalkthrough';
import { useWt } from './useWt';
import './walkthrough.css';

/** The side panel's walkthrough tab: the list of walkthroughs, or the player. */
export function WalkthroughPanel() {
  const current = useWalkthrough((s) => s.current);
  const left = useWalkthrough((s) => s.left);
  const error = useWalkthrough((s) => s.error);
  const t = useWt();
  const w = current ? walkthroughById(current.id) : undefined;
  return (
    <div className="walkthrough">
      {error ? (
        <p className="walkthrough-error" role="alert">
          {t('player.error', { message: error })}
        </p>
      ) : null}
      {w && current ? <Player w={w} view={current} /> : <Chooser left={left} />}
    </div>
  );
}

function Chooser({ left }: { left: { id: string; index: number } | null }) {
  const t = useWt();
  const sim = useSimStore();
  const store = useWalkthroughStore();
  const leftFrom = left ? walkthroughById(left.id) : undefined;
  return (
    <section aria-labelledby="walkthroughs-heading">
      {left && leftFrom ? (
        <div className="walkthrough-left">
          <p>{t('player.left', { title: t(leftFrom.titleKey), n: left.index + 1 })}</p>
          <button type="button" className="wt-button" onClick={() => store.getState().back()}>
            <Undo2 aria-hidden="true" size={16} />
            {t('player.back', { n: left.index + 1 })}
          </button>
        </div>
      ) : null}
      <h2 id="walkthroughs-heading" className="panel-heading">
        {t('player.heading')}
      </h2>
      <p className="walkthrough-intro">{t('player.intro')}</p>
      <ul className="walkthrough-list">
        {walkthroughs.map((w) => (
          <li key={w.id}>
            <h3>{t(w.titleKey)}</h3>
            <p>{t(w.summaryKey)}</p>
            <button
              type="button"
              className="wt-button primary"
              aria-label={t('player.startNamed', { title: t(w.titleKey) })}
              onClick={() => {
                if (store.getState().start(w.id, 0)) sim.getState().setPanel('walkthrough');
              }}
            >
              {t('player.start')}
            </button>
          </li>
        ))}
      </ul>
      <NewClusterForm />
    </section>
  );
}

function Player({ w, view }: { w: Walkthrough; view: WalkthroughView }) {
  const t = useWt();
  const store = useWalkthroughStore();
  // On a narrow screen the narration and the step buttons are in the sheet over the scene.
  const narrow = useNarrow();
  const { index, stepCount, phase } = view;
  const step = stepOf(view, w);
  return (
    <section className="player" aria-labelledby="player-title">
      <h2 id="player-title" className="panel-heading">
        {t(w.titleKey)}
      </h2>
      <p className="player-progress">
        <span>
          {index >= 0 ? t('player.stepOf', { n: index + 1, total: stepCount }) : t('player.before')}
        </span>
        <progress max={stepCount} value={index + 1} aria-label={t('player.progress')} />
      </p>

      {narrow ? null : (
        <>
          <StepNarration w={w} view={view} />
          <PredictChoices w={w} view={view} />
        </>
      )}

      {view.failures.length > 0 ? (
        <p className="walkthrough-error" role="alert">
          {t('player.failed', { details: view.failures.join('; ') })}
        </p>
      ) : null}

      {narrow ? null : <StepNav view={view} />}

      {step && phase === 'observe' && step.bendsKey ? (
        <aside className="bends" aria-label={t('player.bends')}>
          <h3>{t('player.bends')}</h3>
          <p>{text(t, step.bendsKey, view.vars)}</p>
        </aside>
      ) : null}
      {step?.diff && phase === 'observe' && view.diff.length > 0 ? (
        <DiffTable
          object={view.diffObject ?? interpolated(step.diff.object, view.vars)}
          rows={view.diff}
        />
      ) : null}
      {step?.kubectl && phase === 'observe' ? (
        <div className="kubectl-hint">
          <h3>{t('player.kubectl')}</h3>
          <pre>
            <code>{interpolated(step.kubectl, view.vars)}</code>
          </pre>
        </div>
      ) : null}

      <StepList w={w} view={view} />

      <button type="button" className="wt-button subtle" onClick={() => store.getState().leave()}>
        <LogOut aria-hidden="true" size={16} />
        {t('player.leave')}
      </button>
    </section>
  );
}

function interpolated(s: string, vars: Record<string, string>): string {
  return s.replace(/\{([\w-]+)\}/g, (m, name: string) => vars[name] ?? m);
}

function DiffTable({ object, rows }: { object: string; rows: DiffRow[] }) {
  const t = useWt();
  const none = t('player.none');
  return (
    <table className="diff">
      <caption>{t('player.diff', { object })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('player.field')}</th>
          <th scope="col">{t('player.before.col')}</th>
          <th scope="col">{t('player.after.col')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className={r.before === r.after ? 'same' : 'changed'}>
            <th scope="row">
              <code>{r.path}</code>
            </th>
            <td>
              <code>{r.before ?? none}</code>
            </td>
            <td>
              <code>{r.after ?? none}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The steps, each a button (the current one marked); the first sentence as its label. */
function StepList({ w, view }: { w: Walkthrough; view: WalkthroughView }) {
  const t = useWt();
  const store = useWalkthroughStore();
  const labels = useWalkthrough(
    useShallow((s) =>
      s.current
        ? w.steps.map((st) => firstSentence(text(t, st.narrationKey, s.current?.vars ?? {})))
        : [],
    ),
  );
  return (
    <nav className="step-list" aria-label={t('player.steps')}>
      <h3>{t('player.steps')}</h3>
      <ol>
        {w.steps.map((st, i) => (
          <li key={st.id} className={i < view.index ? 'done' : undefined}>
            <button
              type="button"
              aria-current={i === view.index ? 'step' : undefined}
              onClick={() => store.getState().goTo(i)}
            >
              {t('player.stepLabel', { n: i + 1, text: labels[i] ?? '' })}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function firstSentence(s: string): string {
  const m = /^(.+?(?:[.!?](?=\s|$)|[。！？]))/u.exec(s);
  const first = m ? m[1] : s;
  return first.length > 90 ? `${first.slice(0, 88)}…` : first;
}
