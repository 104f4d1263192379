import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useSim, useSimStore, type ViewState } from '../../store';
import { useT } from '../useT';
import { ConsoleActions } from './ConsoleActions';
import { type CompletionContext, complete } from './complete';
import { transcriptRows } from './transcriptRows';
import './console.css';

/** What Tab can complete: the frame's nodes, pods (with their containers) and services. */
function completionContext(s: ViewState): CompletionContext {
  const f = s.frame;
  const containers: Record<string, string[]> = {};
  for (const p of f.pods) containers[p.key] = p.containers.map((c) => c.name);
  return {
    nodes: f.nodes.map((n) => n.name),
    pods: f.pods.map((p) => p.key),
    containers,
    services: f.services.map((svc) => svc.key),
  };
}

/**
 * The Console: every lab-script command (kubectl, wait, break, repair, crash, request,
 * proxy-rules, join), a transcript above the prompt, history on ↑/↓. Errors are printed, never thrown.
 */
export function ConsolePanel() {
  const t = useT();
  const store = useSimStore();
  const transcript = useSim((s) => s.transcript);
  const follow = useSim((s) => s.follow);
  // Attached and looking back: a line runs on the served cluster now (the view goes live).
  const attachedPast = useSim((s) => s.attached !== null && s.nowMs < s.horizonMs);
  const followEntry = follow ? transcript[follow.index] : undefined;
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState<number | null>(null);
  /** Candidates shown after an ambiguous Tab, and the line they were for. */
  const [choices, setChoices] = useState<{ line: string; list: string[] } | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const followLength = follow?.text.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the log grows (a new line, or a watch row)
  useEffect(() => {
    const log = logRef.current;
    if (log && transcript.length > 0) log.scrollTop = log.scrollHeight;
  }, [transcript, followLength]);

  const history = transcript.map((e) => e.line);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // Tab completes; when there is nothing (more) to complete it moves focus as usual, so the
      // field never traps the keyboard.
      if (!line.trim() || choices?.line === line) return;
      const result = complete(line, completionContext(store.getState()));
      if (result.line === line && result.candidates.length < 2) return;
      e.preventDefault();
      setLine(result.line);
      setCursor(null);
      setChoices(
        result.candidates.length > 1 ? { line: result.line, list: result.candidates } : null,
      );
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      store.getState().runLine(line);
      setLine('');
      setCursor(null);
      setChoices(null);
    } else if (e.key === 'ArrowUp' && history.length > 0) {
      e.preventDefault();
      const next = cursor === null ? history.length - 1 : Math.max(0, cursor - 1);
      setCursor(next);
      setLine(history[next]);
    } else if (e.key === 'ArrowDown' && cursor !== null) {
      e.preventDefault();
      const next = cursor + 1;
      if (next >= history.length) {
        setCursor(null);
        setLine('');
      } else {
        setCursor(next);
        setLine(history[next]);
      }
    }
  };

  return (
    <section className="console" aria-labelledby="console-heading">
      <div className="console-head">
        <h2 id="console-heading" className="panel-heading">
          {t('console.heading')}
        </h2>
        <ConsoleActions />
      </div>
      <div
        ref={logRef}
        className="console-log"
        role="log"
        aria-label={t('console.transcript')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be keyboard-focusable (WCAG 2.1.1)
        tabIndex={0}
      >
        {transcript.length === 0 ? <p className="console-hint">{t('console.hint')}</p> : null}
        {transcriptRows(transcript).map((row) =>
          row.kind === 'waits' ? (
            <pre key={row.key} className="console-entry console-waits">
              $ {row.lines.join(' · ')}
            </pre>
          ) : (
            <pre key={row.key} className="console-entry">
              <span className="console-line">$ {row.entry.line}</span>
              {'\n'}
              <span className={row.entry.ok ? undefined : 'console-error'}>
                {row.entry.pending
                  ? t('console.sending')
                  : row.entry.problem
                    ? t('console.notSent', { reason: t(`attach.problem.${row.entry.problem}`) })
                    : row.entry.output}
              </span>
              {row.entry === followEntry && follow ? (
                <>
                  {follow.text}
                  {follow.ended ? null : (
                    <span className="console-following">{t('console.following')}</span>
                  )}
                </>
              ) : (
                row.entry.followText
              )}
            </pre>
          ),
        )}
      </div>
      {attachedPast ? (
        <p id="console-past" className="console-past">
          {t('console.attachedPast')}
        </p>
      ) : null}
      <div className="console-prompt">
        <span aria-hidden="true">$</span>
        <input
          type="text"
          aria-label="Console"
          value={line}
          onChange={(e) => {
            setLine(e.target.value);
            setCursor(null);
            setChoices(null);
          }}
          onKeyDown={onKeyDown}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder="kubectl get pods -o wide"
          aria-describedby={
            attachedPast ? 'console-past console-completions' : 'console-completions'
          }
        />
      </div>
      <p id="console-completions" className="console-completions" aria-live="polite">
        {choices ? t('console.completions', { list: choices.list.join('  ') }) : ''}
      </p>
    </section>
  );
}
