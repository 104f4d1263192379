/// <reference lib="webworker" />
/**
 * The engine's worker: the page's store runs here (host.ts), so nothing the cluster does — a
 * 24-hour wait, 100,000 replicas, a long seek — can block the page.
 */
import { hostSim } from './host';
import type { Port } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
hostSim(scope as unknown as Port, { onDispose: () => scope.close() });
