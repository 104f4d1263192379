import type { StoreApi } from 'zustand/vanilla';
import type { SimStoreState } from './createSimStore';
import type { CallName, MirroredState } from './worker/protocol';

/**
 * What the views see of the store: the data of createSimStore's state and its actions, the way
 * the page reaches them while the engine runs in a worker (worker/remoteStore.ts). Actions are
 * sent, not awaited: what they change comes back as state. The two that give something back
 * (`runScript`'s verdict, `labScript`'s text) answer with a promise.
 */
export type ViewState = MirroredState &
  Pick<SimStoreState, Exclude<CallName, 'runLine'> | 'tick' | 'lookup' | 'age' | 'traceEntries'> & {
    /** One lab-script line; its entry joins `transcript` (an empty or comment line is skipped). */
    runLine(line: string): void;
    /** See SimStoreState.runScript; the verdict comes when the worker has run the script. */
    runScript(text: string, files?: Readonly<Record<string, string>>): Promise<{ error?: string }>;
    /** The session up to the cursor as a lab script. */
    labScript(): Promise<string>;
    /** A store thrown away: its worker (and feed) end. */
    dispose(): void;
  };

export type ViewStore = StoreApi<ViewState>;

/** The data alone (what a view model is derived from; the store of createSimStore has it too). */
export type ViewData = MirroredState;
