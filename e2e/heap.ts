import type { Page } from '@playwright/test';

/** Megabytes of JavaScript heap in use after a full collection. */
export interface HeapMB {
  page: number;
  worker: number;
}

/**
 * The JavaScript heap of the page and of its engine worker, after a full collection, through
 * the DevTools protocol (Chromium only). `performance.memory` exists on the page only, and the
 * worker holds the cluster and its timeline; it is reached as the page's attached target.
 */
export async function heapMeter(page: Page): Promise<() => Promise<HeapMB>> {
  const cdp = await page.context().newCDPSession(page);
  let workerSession: string | undefined;
  let asked = 0;
  const answers = new Map<number, (result: unknown) => void>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker' && !workerSession) workerSession = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (m.id !== undefined) answers.get(m.id)?.(m.result);
  });
  // Not flattened: Playwright's session cannot address a child session; messages are relayed.
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  const inWorker = async <T>(method: string): Promise<T> => {
    if (!workerSession) throw new Error('the engine worker is not attached');
    const id = ++asked;
    const answer = new Promise<T>((resolve) => answers.set(id, resolve as (r: unknown) => void));
    await cdp.send('Target.sendMessageToTarget', {
      sessionId: workerSession,
      message: JSON.stringify({ id, method }),
    });
    return answer;
  };
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  return async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const pageHeap = await cdp.send('Runtime.getHeapUsage');
    await inWorker('HeapProfiler.collectGarbage');
    const workerHeap = await inWorker<{ usedSize: number }>('Runtime.getHeapUsage');
    return { page: mb(pageHeap.usedSize), worker: mb(workerHeap.usedSize) };
  };
}
