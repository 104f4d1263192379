/**
 * Long tasks on the page's main thread, measured in CPU time. The in-page PerformanceObserver
 * ('longtask') measures wall time: on a 2-core machine shared by a dozen processes a 40 ms task
 * can take 300 ms of wall time while the renderer waits for a core, so wall time flags the
 * machine, not the page. Chromium's own trace gives each task's thread time as well (`tdur`):
 * a task with more than the limit of CPU time really blocked the page. Each is attributed to the
 * action whose `performance.mark('chaos#N')` came last before it.
 */
import type { Page } from '@playwright/test';

export interface LongTask {
  /** The action running when it started (-1: before the first). */
  action: number;
  cpuMs: number;
  wallMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Starts tracing; the returned function stops it and gives the tasks over `limitMs` of CPU. */
export async function traceLongTasks(
  page: Page,
  limitMs: number,
): Promise<() => Promise<LongTask[]>> {
  const cdp = await page.context().newCDPSession(page);
  const mainThreads = new Set<string>();
  const marks: { action: number; ts: number; thread: string }[] = [];
  const tasks: TraceEvent[] = [];
  // Only what is needed is kept: a two-minute trace holds hundreds of thousands of events.
  cdp.on('Tracing.dataCollected', ({ value }) => {
    for (const e of value as unknown as TraceEvent[]) {
      const thread = `${e.pid}:${e.tid}`;
      if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        mainThreads.add(thread);
      else if (e.name.startsWith('chaos#'))
        marks.push({ action: Number(e.name.slice(6)), ts: e.ts, thread });
      else if (
        e.ph === 'X' &&
        e.name === 'ThreadControllerImpl::RunTask' &&
        (e.tdur ?? 0) > limitMs * 1000
      )
        tasks.push(e);
    }
  });
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
    // The page's main thread is the one its marks were made on.
    const pageThreads = new Set(marks.map((m) => m.thread).filter((t) => mainThreads.has(t)));
    if (marks.length && !pageThreads.size)
      throw new Error("the trace has the actions' marks but not on a renderer main thread");
    return tasks
      .filter((t) => pageThreads.has(`${t.pid}:${t.tid}`))
      .map((t) => ({
        action: marks.filter((m) => m.ts <= t.ts).reduce((last, m) => Math.max(last, m.action), -1),
        cpuMs: Math.round((t.tdur ?? 0) / 1000),
        wallMs: Math.round((t.dur ?? 0) / 1000),
      }));
  };
}
