/**
 * The messages between the page and the engine's worker. The worker owns the engine, its
 * timeline, trace and walkthroughs (the store of createSimStore.ts, whole); the page keeps a
 * mirror of what the views read and sends the views' actions. Everything here is plain data
 * (structured clone): no functions, no class instances.
 */

import type { AttachLink } from '../../app/attachLink';
import type { TraceEntry } from '../../engine/trace';
import type { ClusterSpec, NoticeDetail, PanelTab, SimStoreState } from '../createSimStore';
import type { Frame } from '../frame';
import type { Prefs } from '../prefs';
import type { WalkthroughView } from '../walkthrough';
import type { FrameDiff, ListDiff } from './diff';

/** The store's data fields the views read, mirrored on the page. */
export const MIRRORED = [
  'spec',
  'frame',
  'nowMs',
  'horizonMs',
  'startMs',
  'inputs',
  'playing',
  'speed',
  'traceCount',
  'transcript',
  'selection',
  'prefs',
  'highlight',
  'playLimitMs',
  'panel',
  'notice',
  'noticeDetails',
  'files',
  'follow',
  'attached',
  'clockOriginMs',
  'waiting',
  'dropped',
] as const satisfies readonly (keyof SimStoreState)[];

export type MirroredKey = (typeof MIRRORED)[number];
export type MirroredState = Pick<SimStoreState, MirroredKey>;

/** The store's actions the page may call without waiting for an answer. */
export const CALLS = [
  'play',
  'pause',
  'togglePlay',
  'setSpeed',
  'stepForward',
  'stepBack',
  'seekTo',
  'runLine',
  'select',
  'setPanel',
  'setHighlight',
  'setPlayLimit',
  'setPrefs',
  'setNotice',
  'putFiles',
  'reset',
  'attach',
  'reconnect',
  'detach',
  'undoDrop',
] as const satisfies readonly (keyof SimStoreState)[];
export type CallName = (typeof CALLS)[number];

/** The store's actions whose answer the page waits for. */
export type AskName = 'runScript' | 'labScript';

/** The walkthrough slice's actions (src/store/walkthrough.ts). */
export type WalkCall = 'start' | 'goTo' | 'next' | 'previous' | 'answer' | 'leave' | 'back';

/** How the page asks for its store (what makeStore used to do on the page). */
export interface InitMessage {
  type: 'init';
  prefs: Prefs;
  spec: Partial<ClusterSpec>;
  notice: string | null;
  noticeDetails: NoticeDetail[];
  link: AttachLink;
  panel: PanelTab;
}

export type ToWorker =
  | InitMessage
  | { type: 'call'; name: CallName; args: unknown[] }
  | { type: 'ask'; id: number; name: AskName; args: unknown[] }
  /** Wall time passed while playing; the page sends the next one after this one's answer. */
  | { type: 'tick'; realMs: number }
  /** The refs `lookup` is asked for (replaces the set). */
  | { type: 'interest'; refs: string[] }
  | { type: 'walk'; name: WalkCall; args: unknown[] }
  /** Stop the `wait` under way where it is. */
  | { type: 'stopWait' }
  | { type: 'dispose' };

/** The walkthrough slice's data. */
export interface WalkMirror {
  current: WalkthroughView | null;
  left: { id: string; index: number } | null;
  error: string | null;
}

/** What changed since the last message (only the fields that did). */
export interface StatePatch {
  type: 'state';
  /** Fields sent whole. */
  fields?: Partial<Omit<MirroredState, 'frame' | 'transcript' | 'inputs'>>;
  frame?: FrameDiff;
  transcript?: ListDiff<SimStoreState['transcript'][number]>;
  inputs?: ListDiff<SimStoreState['inputs'][number]>;
  /**
   * Trace entries from index `from` on; `replace`: the log is a new one (a fork, the cap, a new
   * cluster) that shares its first `from` entries with the one before.
   */
  trace?: { from: number; entries: TraceEntry[]; replace?: true };
  /** Looked-up objects that changed (null: gone). */
  objects?: [string, unknown][];
  walk?: WalkMirror;
  /** Answers a `tick`: the page may send the next. */
  ticked?: true;
}

export type FromWorker =
  | {
      type: 'ready';
      state: MirroredState;
      trace: TraceEntry[];
    }
  | StatePatch
  /** `error`: the action threw in the worker (the page's promise rejects with it). */
  | { type: 'answer'; id: number; value: unknown; error?: string }
  | { type: 'failed'; message: string };

/** A MessagePort-like end: a Worker, the worker's `self`, or a test's fake. */
export interface Port {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export type { Frame };
