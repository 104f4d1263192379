/**
 * The page's side of a served cluster's attach door (src/server/attach.ts, src/server/README.md):
 * the feed — newline-delimited JSON read from a streamed response: a hello with the cluster's
 * snapshot, then every input to it — and console lines sent with POST. The token travels only in
 * the Authorization header: it is never logged, never put in an error, never in the store's state.
 */
import type { ApiRequest, ClusterInput } from '../engine';

export const FEED_PATH = '/kube-kitchen/v1/feed';
export const LINES_PATH = '/kube-kitchen/v1/lines';

/** Where a served cluster's attach door is (the `?server=` origin) and its bearer token. */
export interface AttachTarget {
  server: string;
  token: string;
}

/** The feed's first line: how the cluster was made and its state when the page attached. */
export interface FeedHello {
  options: { workers: number; proxyMode: string; seed: number };
  snapshot: string;
}

/** Why a page is not (or no longer) following a served cluster; each has a message for the learner. */
export type AttachProblem =
  /** No answer (the server is not running, or the network is down). */
  | 'unreachable'
  /** The door refused the token (401). */
  | 'unauthorized'
  /** The door refused this page's origin (403). */
  | 'forbidden'
  /** The answer was not a kube-kitchen feed (or an input the engine could not apply). */
  | 'protocol'
  /** The feed ended: the server stopped, or the connection broke. */
  | 'closed'
  /** Nothing came for `stallMs` (the server sends the clock every 50 ms). */
  | 'stalled';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FeedOptions {
  fetch?: FetchLike;
  /** Give up when nothing arrives for this long (the hello included). */
  stallMs?: number;
}

export interface FeedListener {
  /** The inputs of one chunk that arrived, in order. */
  inputs(batch: ClusterInput[]): void;
  /** The feed is over (not called after `close()`). */
  end(problem: AttachProblem): void;
}

const DEFAULT_STALL_MS = 15_000;

const defaultFetch: FetchLike = (url, init) => globalThis.fetch(url, init);

/** An open feed after its hello; `listen` starts reading the inputs that follow. */
export class Feed {
  private closed = false;
  private listener: FeedListener | null = null;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly abort: AbortController,
    private readonly decoder: TextDecoder,
    private pending: string,
    private readonly stallMs: number,
  ) {}

  listen(listener: FeedListener): void {
    if (this.listener || this.closed) return;
    this.listener = listener;
    void this.pump();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.reader.cancel().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    const listener = this.listener as FeedListener;
    let problem: AttachProblem = 'closed';
    try {
      // What came with the hello first, then chunk by chunk.
      for (let chunk: string | null = ''; chunk !== null; chunk = await this.next()) {
        if (this.closed) return;
        this.pending += chunk;
        const lines = this.pending.split('\n');
        this.pending = lines.pop() ?? '';
        const batch: ClusterInput[] = [];
        for (const line of lines) {
          if (line.trim() === '') continue;
          const input = parseInput(line);
          if (!input) {
            problem = 'protocol';
            return;
          }
          batch.push(input);
        }
        if (batch.length > 0) listener.inputs(batch);
      }
    } catch (e) {
      problem = e === STALLED ? 'stalled' : 'closed';
    } finally {
      if (!this.closed) {
        this.close();
        listener.end(problem);
      }
    }
  }

  /** The next chunk's text; null at the end of the stream. */
  private async next(): Promise<string | null> {
    const { done, value } = await readWithin(this.reader, this.stallMs);
    return done ? null : this.decoder.decode(value, { stream: true });
  }
}

const STALLED = Symbol('stalled');

type RequestInput = Extract<ClusterInput, { type: 'request' }>;

function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  ms: number,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(STALLED), ms);
  });
  return Promise.race([reader.read(), stalled]).finally(() => clearTimeout(timer));
}

export type OpenedFeed = { hello: FeedHello; feed: Feed } | { problem: AttachProblem };

/**
 * Opens the feed and reads its hello. Resolves with the hello and the open feed, or with the
 * problem (never rejects).
 */
export async function openFeed(
  target: AttachTarget,
  options: FeedOptions = {},
): Promise<OpenedFeed> {
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), stallMs);
  let response: Response;
  try {
    response = await (options.fetch ?? defaultFetch)(`${target.server}${FEED_PATH}`, {
      headers: { Authorization: `Bearer ${target.token}` },
      signal: abort.signal,
      ...REQUEST_INIT,
    });
  } catch {
    return { problem: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
  const refused = refusal(response.status);
  if (refused) {
    response.body?.cancel().catch(() => undefined);
    return { problem: refused };
  }
  if (!response.body) return { problem: 'protocol' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await readWithin(reader, stallMs);
      if (done) return { problem: 'closed' };
      text += decoder.decode(value, { stream: true });
      const nl = text.indexOf('\n');
      if (nl < 0) continue;
      const hello = parseHello(text.slice(0, nl));
      if (!hello) {
        abort.abort();
        reader.cancel().catch(() => undefined);
        return { problem: 'protocol' };
      }
      return { hello, feed: new Feed(reader, abort, decoder, text.slice(nl + 1), stallMs) };
    }
  } catch (e) {
    abort.abort();
    reader.cancel().catch(() => undefined);
    return { problem: e === STALLED ? 'stalled' : 'closed' };
  }
}

/** What the server printed for one console line, or why the line did not get there. */
export type LineAnswer = { output: string; ok: boolean } | { problem: AttachProblem };

/** Runs one console line on the served cluster (its effects arrive through the feed). */
export async function postLine(
  target: AttachTarget,
  line: string,
  options: FeedOptions = {},
): Promise<LineAnswer> {
  let response: Response;
  try {
    response = await (options.fetch ?? defaultFetch)(`${target.server}${LINES_PATH}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${target.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ line }),
      ...REQUEST_INIT,
    });
  } catch {
    return { problem: 'unreachable' };
  }
  const refused = refusal(response.status);
  if (refused) return { problem: refused };
  try {
    const answer = (await response.json()) as { output?: unknown; ok?: unknown };
    if (response.ok && typeof answer.output === 'string' && typeof answer.ok === 'boolean')
      return { output: answer.output, ok: answer.ok };
  } catch {
    // Not JSON: below.
  }
  return { problem: 'protocol' };
}

/** Cross-origin, no cookies, no cache, and no page address sent along. */
const REQUEST_INIT: RequestInit = {
  mode: 'cors',
  credentials: 'omit',
  cache: 'no-store',
  referrerPolicy: 'no-referrer',
};

function refusal(status: number): AttachProblem | null {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status < 200 || status > 299) return 'protocol';
  return null;
}

function parseJson(line: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function parseHello(line: string): FeedHello | null {
  const m = parseJson(line);
  if (m?.type !== 'hello' || typeof m.snapshot !== 'string') return null;
  const o = m.options as Record<string, unknown> | null | undefined;
  if (!o || typeof o !== 'object') return null;
  const { workers, proxyMode, seed } = o;
  if (typeof workers !== 'number' || typeof proxyMode !== 'string' || typeof seed !== 'number')
    return null;
  return { options: { workers, proxyMode, seed }, snapshot: m.snapshot };
}

/**
 * One input line of the feed, checked for its shape (the engine checks the rest); null when it
 * is not one: a page that skipped an input would no longer hold the served cluster.
 */
export function parseInput(line: string): ClusterInput | null {
  const m = parseJson(line);
  if (!m) return null;
  switch (m.type) {
    case 'advance':
      return typeof m.toMs === 'number' && Number.isFinite(m.toMs)
        ? { type: 'advance', toMs: m.toMs }
        : null;
    case 'line':
      return typeof m.line === 'string' ? { type: 'line', line: m.line } : null;
    case 'stdin':
      if (typeof m.session !== 'string') return null;
      if (m.line === undefined) return { type: 'stdin', session: m.session };
      return typeof m.line === 'string'
        ? { type: 'stdin', session: m.session, line: m.line }
        : null;
    case 'forward': {
      const t = m.target as Record<string, unknown> | null | undefined;
      if (!t || typeof t !== 'object' || typeof m.port !== 'number' || typeof m.data !== 'string')
        return null;
      const { node, podUid, sandboxId } = t;
      if (typeof node !== 'string' || typeof podUid !== 'string' || typeof sandboxId !== 'string')
        return null;
      return { type: 'forward', target: { node, podUid, sandboxId }, port: m.port, data: m.data };
    }
    case 'request': {
      const r = m.request as Record<string, unknown> | null | undefined;
      if (!r || typeof r !== 'object' || typeof r.verb !== 'string') return null;
      if (typeof r.resource !== 'string') return null;
      const as = m.as as { user?: unknown; groups?: unknown } | undefined;
      if (as !== undefined) {
        if (!as || typeof as.user !== 'string' || !Array.isArray(as.groups)) return null;
        if (!as.groups.every((g) => typeof g === 'string')) return null;
        // Passed on whole: the replica must make exactly the call the server made.
        return {
          type: 'request',
          request: r as unknown as ApiRequest,
          as: as as RequestInput['as'],
        };
      }
      return { type: 'request', request: r as unknown as ApiRequest };
    }
    default:
      return null;
  }
}
