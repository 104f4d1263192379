import { Download, FilePlus2, FileUp } from 'lucide-react';
import { type KeyboardEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { type SimStoreState, useSim, useSimStore } from '../../store';
import { useT } from '../useT';
import { type CompletionContext, complete } from './complete';
import { transcriptRows } from './transcriptRows';
import './console.css';

/** The manifest editor loads when first opened (or when the page is idle): not in the first chunk. */
const ManifestDialog = lazy(() =>
  import('../manifest/ManifestDialog').then((m) => ({ default: m.ManifestDialog })),
);

/** What Tab can complete: the frame's nodes, pods (with their containers) and services. */
function completionContext(s: SimStoreState): CompletionContext {
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
 * proxy-rules), a transcript above the prompt, history on ↑/↓. Errors are printed, never thrown.
 */
export function ConsolePanel() {
  const t = useT();
  const store = useSimStore();
  const transcript = useSim((s) => s.transcript);
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState<number | null>(null);
  /** Candidates shown after an ambiguous Tab, and the line they were for. */
  const [choices, setChoices] = useState<{ line: string; list: string[] } | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState(false);
  const [scriptProblem, setScriptProblem] = useState<string | null>(null);

  /** A lab script and the manifests it applies, picked together: run on a new cluster. */
  const runScriptFiles = (list: File[]) => {
    Promise.all(list.map(async (f) => [f.name, await f.text()] as const)).then(
      (read) => {
        const scripts = read.filter(([name]) => /\.(lab|txt)$/i.test(name));
        if (scripts.length !== 1) return setScriptProblem(t('console.scriptPick'));
        const manifests = Object.fromEntries(
          read.filter(([name]) => /\.(ya?ml|json)$/i.test(name)),
        );
        const result = store.getState().runScript(scripts[0][1], manifests);
        setScriptProblem(result.error ? t('console.scriptError', { error: result.error }) : null);
      },
      () => setScriptProblem(t('console.scriptPick')),
    );
  };
  // Mounted once opened, so the learner's draft survives closing the dialog.
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (editing) setOpened(true);
  }, [editing]);

  useEffect(() => {
    const log = logRef.current;
    if (log && transcript.length > 0) log.scrollTop = log.scrollHeight;
  }, [transcript]);

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
        <div className="console-actions">
          <button type="button" className="console-save" onClick={() => setEditing(true)}>
            <FilePlus2 aria-hidden="true" size={16} />
            {t('manifest.button')}
          </button>
          <label className="console-save console-run" title={t('console.runScriptHint')}>
            <FileUp aria-hidden="true" size={16} />
            <span>{t('console.runScript')}</span>
            <input
              type="file"
              multiple
              accept=".lab,.txt,.yaml,.yml,.json"
              onChange={(e) => {
                const list = [...(e.target.files ?? [])];
                e.target.value = '';
                if (list.length > 0) runScriptFiles(list);
              }}
            />
          </label>
          <button
            type="button"
            className="console-save"
            onClick={() => downloadText('kube-kitchen-session.lab', store.getState().labScript())}
            title={t('console.saveHint')}
          >
            <Download aria-hidden="true" size={16} />
            {t('console.save')}
          </button>
        </div>
      </div>
      {scriptProblem ? (
        <p className="console-problem" role="alert">
          {scriptProblem}
        </p>
      ) : null}
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
              <span className={row.entry.ok ? undefined : 'console-error'}>{row.entry.output}</span>
            </pre>
          ),
        )}
      </div>
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
          aria-describedby="console-completions"
        />
      </div>
      <p id="console-completions" className="console-completions" aria-live="polite">
        {choices ? t('console.completions', { list: choices.list.join('  ') }) : ''}
      </p>
      {editing || opened ? (
        <Suspense fallback={null}>
          <ManifestDialog open={editing} onClose={() => setEditing(false)} />
        </Suspense>
      ) : null}
    </section>
  );
}

/** Save text as a file the browser downloads (no clipboard permission needed). */
function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The download has the blob by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
