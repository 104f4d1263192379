/**
 * client-go's client-side rate limiter, flowcontrol.NewTokenBucketRateLimiter(qps, burst) (a
 * golang.org/x/time/rate Limiter), on the simulated clock. Every component's clientset has one;
 * each request takes a token, and a request that finds none waits (Wait) until one has refilled.
 *
 * The bucket is plain data kept in the component's state, so a snapshot carries it and a
 * restarted process (a new bucket) starts full. Tokens are counted in thousandths so the
 * arithmetic stays in integers for whole-number QPS: refill is `qps` thousandths a millisecond.
 */

export interface ClientLimit {
  qps: number;
  burst: number;
}

/** Thousandths of a token, and when they were last brought up to date. Absent = full. */
export interface TokenBucket {
  milli: number;
  atMs: number;
}

const ONE = 1000;

function level(b: TokenBucket, limit: ClientLimit, nowMs: number): number {
  return Math.min(limit.burst * ONE, b.milli + (nowMs - b.atMs) * limit.qps);
}

/**
 * How long a request made now would wait for its token (0: it goes out at once). A null limit is
 * a client without a rate limiter (rest.Config.QPS < 0).
 */
export function tokenWaitMs(
  b: TokenBucket | undefined,
  limit: ClientLimit | null,
  nowMs: number,
): number {
  if (!b || !limit) return 0;
  const have = level(b, limit, nowMs);
  return have >= ONE ? 0 : Math.ceil((ONE - have) / limit.qps);
}

/**
 * Takes one token (rate.Limiter.Wait's reservation: a request that came early leaves the bucket
 * in debt, and the next one waits longer). Returns the bucket to keep.
 */
export function takeToken(
  b: TokenBucket | undefined,
  limit: ClientLimit,
  nowMs: number,
): TokenBucket {
  const have = b ? level(b, limit, nowMs) : limit.burst * ONE;
  if (b) {
    b.milli = have - ONE;
    b.atMs = nowMs;
    return b;
  }
  return { milli: have - ONE, atMs: nowMs };
}

/**
 * The limit a component's client runs with: the cluster's override (ClusterConfig.kubeApi) or the
 * component's default; null when the override's QPS is negative (no client-side rate limiting).
 */
export function clientLimit(
  override: ClientLimit | undefined,
  componentDefault: ClientLimit,
): ClientLimit | null {
  if (!override) return componentDefault;
  return override.qps < 0 ? null : override;
}
