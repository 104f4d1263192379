import { type KeyboardEvent, useState } from 'react';
import { useSim, useSimStore, type ViewState } from '../../store';
import { useT } from '../useT';
import { type CompletionContext, complete } from './complete';

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
 * The console's prompt: the line being typed, Tab completion, history on ↑/↓. It keeps its own
 * state, so a keystroke redraws the prompt and never the transcript above it.
 */
export function ConsolePrompt() {
  const t = useT();
  const store = useSimStore();
  // Attached and looking back: a line runs on the served cluster now (the view goes live).
  const attachedPast = useSim((s) => s.attached !== null && s.nowMs < s.horizonMs);
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState<number | null>(null);
  /** Candidates shown after an ambiguous Tab, and the line they were for. */
  const [choices, setChoices] = useState<{ line: string; list: string[] } | null>(null);

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
      return;
    }
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    const { transcript } = store.getState();
    if (e.key === 'ArrowUp' && transcript.length > 0) {
      e.preventDefault();
      const next = cursor === null ? transcript.length - 1 : Math.max(0, cursor - 1);
      setCursor(next);
      setLine(transcript[next].line);
    } else if (e.key === 'ArrowDown' && cursor !== null) {
      e.preventDefault();
      const next = cursor + 1;
      if (next >= transcript.length) {
        setCursor(null);
        setLine('');
      } else {
        setCursor(next);
        setLine(transcript[next].line);
      }
    }
  };

  return (
    <>
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
    </>
  );
}
