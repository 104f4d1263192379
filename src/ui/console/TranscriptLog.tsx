import { memo, useEffect, useMemo, useRef } from 'react';
import { type LiveFollow, type TranscriptEntry, useSim } from '../../store';
import { useT } from '../useT';
import { transcriptRows } from './transcriptRows';

type T = ReturnType<typeof useT>;

/**
 * The console's transcript. Each row is drawn once: a new line adds one row, and typing at the
 * prompt (ConsolePrompt) draws none, so a long session costs a line what a short one does. Rows
 * off screen are skipped by the browser's layout (`content-visibility` in console.css).
 */
export const TranscriptLog = memo(function TranscriptLog() {
  const t = useT();
  const transcript = useSim((s) => s.transcript);
  const follow = useSim((s) => s.follow);
  const followEntry = follow ? transcript[follow.index] : undefined;
  const rows = useMemo(() => transcriptRows(transcript), [transcript]);
  const logRef = useRef<HTMLDivElement>(null);
  const followLength = follow?.text.length ?? 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the log grows (a new line, or a watch row)
  useEffect(() => {
    const log = logRef.current;
    if (log && transcript.length > 0) log.scrollTop = log.scrollHeight;
  }, [transcript, followLength]);
  return (
    <div
      ref={logRef}
      className="console-log"
      role="log"
      aria-label={t('console.transcript')}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be keyboard-focusable (WCAG 2.1.1)
      tabIndex={0}
    >
      {transcript.length === 0 ? <p className="console-hint">{t('console.hint')}</p> : null}
      {rows.map((row) =>
        row.kind === 'waits' ? (
          <WaitsRow key={row.key} text={row.lines.join(' · ')} />
        ) : (
          <CommandRow
            key={row.key}
            entry={row.entry}
            follow={row.entry === followEntry ? follow : null}
            t={t}
          />
        ),
      )}
    </div>
  );
});

const WaitsRow = memo(function WaitsRow({ text }: { text: string }) {
  return <pre className="console-entry console-waits">$ {text}</pre>;
});

const CommandRow = memo(function CommandRow({
  entry,
  follow,
  t,
}: {
  entry: TranscriptEntry;
  /** The watch this line left open, still printing (only the line that opened it gets it). */
  follow: LiveFollow | null;
  t: T;
}) {
  return (
    <pre className="console-entry">
      <span className="console-line">$ {entry.line}</span>
      {'\n'}
      <span className={entry.ok ? undefined : 'console-error'}>
        {entry.pending
          ? t('console.sending')
          : entry.problem
            ? t('console.notSent', { reason: t(`attach.problem.${entry.problem}`) })
            : entry.output}
      </span>
      {entry.aside ? <span className="console-aside">{t('console.aside')}</span> : null}
      {follow ? (
        <>
          {follow.text}
          {follow.ended ? null : (
            <span className="console-following">{t('console.following')}</span>
          )}
        </>
      ) : (
        entry.followText
      )}
    </pre>
  );
});
