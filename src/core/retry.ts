/**
 * The retry policy, in one place: which statuses are transient, the defaults, the backoff. The
 * HTTP client applies it to every idempotent call; the exchange's signed queries (which must be
 * re-signed per attempt) apply the same policy in their own loop.
 */

/** Statuses worth another attempt of an idempotent request. */
export const RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];
/** Statuses whose `Retry-After` / `Retry-After-Ms` the client waits for. */
export const RETRY_AFTER_STATUSES: readonly number[] = [408, 429, 503];
/** Retries per call when the client says nothing (`ClientOptions.maxRetries`). */
export const DEFAULT_MAX_RETRIES = 2;

/** Backoff tuning (`ClientOptions.retryDelay`). */
export interface RetryDelays {
  baseMs?: number;
  maxMs?: number;
  maxRetryAfterMs?: number;
}

export const DEFAULT_DELAYS = { baseMs: 500, maxMs: 8_000, maxRetryAfterMs: 60_000 };

/**
 * The delay before retry `retry` (1-based): exponential from `baseMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so a burst of failed clients does not retry in step
 * yet each still waits at least half the nominal delay.
 */
export function backoffMs(retry: number, delays: RetryDelays = {}): number {
  const delay = Math.min(
    (delays.baseMs ?? DEFAULT_DELAYS.baseMs) * 2 ** (retry - 1),
    delays.maxMs ?? DEFAULT_DELAYS.maxMs,
  );
  return delay / 2 + (Math.random() * delay) / 2;
}

/**
 * One call's retries, shared by everything that may send it again: ky's retry loop (HTTP
 * statuses, dropped connections, timeouts), the cut-off-body loop and the replay after a 401
 * (which is not counted: it is a credential refresh, not a transient failure). Without a shared
 * count each loop had its own, and a GET could go out (maxRetries + 1)² times.
 */
export class RetryBudget {
  used = 0;
  constructor(readonly limit: number) {}

  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  /** Take one retry; false when none is left. */
  take(): boolean {
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }
}
