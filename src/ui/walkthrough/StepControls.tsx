import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { Step, Walkthrough } from '../../scenarios/schema';
import type { WalkthroughView } from '../../store/walkthrough';
import { useWalkthroughStore } from './useWalkthrough';
import { useWt } from './useWt';

/**
 * The parts of the player that go with the scene: the step's narration, its question's choices
 * and the Previous step / Next step buttons. Beside the scene they sit in the side panel; on a
 * narrow screen in the sheet over the scene (WalkthroughSheet.tsx) — one place at a time, so
 * their names stay unique on the page.
 */

type T = ReturnType<typeof useWt>;

/** A text with `{name}` filled from the run; a value not known yet shows as "…". */
export function text(t: T, key: string, vars: Record<string, string>): string {
  const filled = t(key, vars);
  return filled.replace(/\{[\w-]+\}/g, '…');
}

/** True once the last step has been observed: there is no Next step. */
export function isLast(view: WalkthroughView): boolean {
  return view.index >= view.stepCount - 1 && view.phase === 'observe';
}

export function stepOf(view: WalkthroughView, w: Walkthrough): Step | undefined {
  return view.index >= 0 ? w.steps[view.index] : undefined;
}

/** The region named Narration (aria-live): what the step says, or its question. */
export function StepNarration({ w, view }: { w: Walkthrough; view: WalkthroughView }) {
  const t = useWt();
  const step = stepOf(view, w);
  const { index, phase } = view;
  return (
    <section className="narration" aria-label={t('player.narration')} aria-live="polite">
      {index < 0 ? <p>{t(w.summaryKey)}</p> : null}
      {step && phase === 'predict' && step.predict ? <p>{t(step.predict.questionKey)}</p> : null}
      {step && phase === 'observe' ? <p>{text(t, step.narrationKey, view.vars)}</p> : null}
      {step && phase === 'observe' && view.answer ? (
        <AnswerFeedback step={step} view={view} />
      ) : null}
      {isLast(view) ? <p className="player-end">{t('player.end')}</p> : null}
    </section>
  );
}

/** The step's question's choices, while it waits for an answer. */
export function PredictChoices({ w, view }: { w: Walkthrough; view: WalkthroughView }) {
  const t = useWt();
  const store = useWalkthroughStore();
  const step = stepOf(view, w);
  if (!step?.predict || view.phase !== 'predict') return null;
  return (
    <fieldset className="predict">
      <legend>{t('player.predict')}</legend>
      {step.predict.choices.map((c) => (
        <button
          key={c.key}
          type="button"
          className="wt-button choice"
          onClick={() => store.getState().answer(c.key)}
        >
          {t(c.key)}
        </button>
      ))}
    </fieldset>
  );
}

/** Previous step / Next step (also ← / →). */
export function StepNav({ view }: { view: WalkthroughView }) {
  const t = useWt();
  const store = useWalkthroughStore();
  return (
    <div className="player-nav">
      <button
        type="button"
        className="wt-button"
        onClick={() => store.getState().previous()}
        disabled={view.index < 0}
        title={`${t('player.previous')} (←)`}
      >
        <ChevronLeft aria-hidden="true" size={16} />
        {t('player.previous')}
      </button>
      <button
        type="button"
        className="wt-button primary"
        onClick={() => store.getState().next()}
        disabled={isLast(view)}
        title={`${t('player.next')} (→)`}
      >
        {t('player.next')}
        <ChevronRight aria-hidden="true" size={16} />
      </button>
    </div>
  );
}

function AnswerFeedback({ step, view }: { step: Step; view: WalkthroughView }) {
  const t = useWt();
  const choice = step.predict?.choices.find((c) => c.key === view.answer);
  if (!choice) return null;
  return (
    <p className={choice.correct ? 'answer right' : 'answer wrong'}>
      {t(choice.correct ? 'player.answerRight' : 'player.answerWrong', { choice: t(choice.key) })}
    </p>
  );
}
