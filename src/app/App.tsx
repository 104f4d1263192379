import { Pause, Play } from 'lucide-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { nodeRoles, nodeStatus, podStatus, useLiveSimulation } from './useLiveSimulation';

function formatClock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

export function App() {
  const { nowMs, playing, setPlaying, nodes, pods, trace, transcript, runLine } =
    useLiveSimulation();
  const [line, setLine] = useState('');
  const logRef = useRef<HTMLPreElement>(null);

  // Keep the newest console output in view.
  useEffect(() => {
    const log = logRef.current;
    if (log && transcript) log.scrollTop = log.scrollHeight;
  }, [transcript]);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const cmd = line.trim();
    if (!cmd) return;
    runLine(cmd);
    setLine('');
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1>kube-kitchen</h1>
        <div className="controls">
          <button type="button" onClick={() => setPlaying(!playing)}>
            {playing ? (
              <Pause aria-hidden="true" size={16} />
            ) : (
              <Play aria-hidden="true" size={16} />
            )}
            <span>{playing ? 'Pause' : 'Play'}</span>
          </button>
          <p className="clock">
            Simulated time{' '}
            <time dateTime={`PT${Math.floor(nowMs / 1000)}S`}>{formatClock(nowMs)}</time>
          </p>
        </div>
      </header>

      <main>
        <section className="tables">
          <table>
            <caption>Nodes</caption>
            <thead>
              <tr>
                <th scope="col">NAME</th>
                <th scope="col">STATUS</th>
                <th scope="col">ROLES</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((n) => (
                <tr key={n.metadata?.name}>
                  <td>{n.metadata?.name}</td>
                  <td>{nodeStatus(n)}</td>
                  <td>{nodeRoles(n)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <table>
            <caption>Pods</caption>
            <thead>
              <tr>
                <th scope="col">NAMESPACE</th>
                <th scope="col">NAME</th>
                <th scope="col">STATUS</th>
                <th scope="col">NODE</th>
              </tr>
            </thead>
            <tbody>
              {pods.map((p) => (
                <tr key={p.metadata?.uid ?? `${p.metadata?.namespace}/${p.metadata?.name}`}>
                  <td>{p.metadata?.namespace ?? 'default'}</td>
                  <td>{p.metadata?.name}</td>
                  <td>{podStatus(p, nowMs)}</td>
                  <td>{p.spec?.nodeName ?? '<none>'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="trace" aria-labelledby="trace-heading">
          <h2 id="trace-heading">Trace</h2>
          <ol className="trace-list">
            {trace.map((t) => (
              <li key={t.seq} className={t.error ? 'trace-error' : undefined}>
                <span className="trace-time">{formatClock(t.timeMs)}</span>{' '}
                <span className="trace-route">
                  {t.from} → {t.to}
                </span>{' '}
                {t.summary}
              </li>
            ))}
          </ol>
        </section>

        <section className="console" aria-labelledby="console-heading">
          <h2 id="console-heading">Console</h2>
          <pre
            ref={logRef}
            className="console-log"
            role="log"
            aria-live="polite"
            aria-label="Console output"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be keyboard-focusable (WCAG 2.1.1)
            tabIndex={0}
          >
            {transcript}
          </pre>
          <form onSubmit={onSubmit} className="console-form">
            <label htmlFor="console-input">Console</label>
            <input
              id="console-input"
              type="text"
              value={line}
              onChange={(e) => setLine(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              placeholder="kubectl get pods"
            />
          </form>
        </section>
      </main>
    </div>
  );
}
