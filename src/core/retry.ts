/**
 * The retry policy, in one place: which statuses are transient, the defaults, the backoff, and the
 * per-call decision ky's retry loop asks for (`RetryBudget.next`). ky runs the loop; this module only
 * answers "again, after how long?" so there is one attempt loop and one set of rules.
 */

/** Statuses worth another attempt of an idempotent request. 402 is never among them: it is a bill. */
export const RETRY_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];
/** Statuses whose `Retry-After` / `Retry-After-Ms` / rate-limit reset the client waits for. */
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

/** What went wrong with one attempt, as the retry decision sees it. */
export type AttemptFailure =
  | { kind: "status"; status: number; retryAfterMs: number | undefined; vetoed: boolean }
  | { kind: "connection" | "timeout" }
  | { kind: "other" };

/**
 * One call's retries: a single budget shared by every transient failure (HTTP statuses, dropped
 * connections, bodies cut off or stalled, timed-out attempts). The replay after a 401 and a
 * provider's replay-once refusal are not counted: they are not transient failures.
 */
export class RetryBudget {
  used = 0;
  constructor(
    readonly limit: number,
    readonly delays: RetryDelays = {},
  ) {}

  /**
   * The wait before the next attempt, or undefined when the failure is not transient or the
   * budget is spent. A server-requested delay (already read by the one reader, `parseRateLimit`)
   * is honoured up to `maxRetryAfterMs`; otherwise the backoff applies.
   */
  next(failure: AttemptFailure): number | undefined {
    if (this.used >= this.limit || failure.kind === "other") return undefined;
    let wait: number | undefined;
    if (failure.kind === "status") {
      if (failure.vetoed || !RETRY_STATUSES.includes(failure.status)) return undefined;
      if (failure.retryAfterMs !== undefined && RETRY_AFTER_STATUSES.includes(failure.status)) {
        wait = Math.min(failure.retryAfterMs, this.delays.maxRetryAfterMs ?? DEFAULT_DELAYS.maxRetryAfterMs);
      }
    }
    this.used++;
    return wait ?? backoffMs(this.used, this.delays);
  }
}
