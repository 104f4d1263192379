import { useT } from '../useT';
import { ConsoleActions } from './ConsoleActions';
import { ConsolePrompt } from './ConsolePrompt';
import { DroppedNotice } from './DroppedNotice';
import { TranscriptLog } from './TranscriptLog';
import { WaitProgressBar } from './WaitProgressBar';
import './console.css';

/**
 * The Console: every lab-script command (kubectl, wait, break, repair, crash, request,
 * proxy-rules, join), a transcript above the prompt, history on ↑/↓. Errors are printed, never thrown.
 */
export function ConsolePanel() {
  const t = useT();
  return (
    <section className="console" aria-labelledby="console-heading">
      <div className="console-head">
        <h2 id="console-heading" className="panel-heading">
          {t('console.heading')}
        </h2>
        <ConsoleActions />
      </div>
      <TranscriptLog />
      <WaitProgressBar />
      <DroppedNotice />
      <ConsolePrompt />
    </section>
  );
}
