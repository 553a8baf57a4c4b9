/** What the server said about rate limits on a response (success or failure). */
export interface RateLimitInfo {
  limit?: number | undefined;
  remaining?: number | undefined;
  /** When the window resets, epoch ms. */
  resetAt?: number | undefined;
  /** How long the server asked us to wait before retrying. */
  retryAfterMs?: number | undefined;
}

// Epoch-second values are far above any sensible delay; anything above this is a timestamp.
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

/**
 * The one reader of rate-limit and retry-timing headers: `X-RateLimit-Limit/Remaining/Reset`,
 * `Retry-After` (delay-seconds or an HTTP date) and `Retry-After-Ms`. `X-RateLimit-Reset` is read
 * defensively: epoch seconds, epoch ms, seconds-until, or a date. On a status that asks the
 * client to wait (`waitStatus`: 408/429/503) without a Retry-After, the time until the reset is
 * the delay. The HTTP client waits exactly `retryAfterMs` (capped by `maxRetryAfterMs`) before a
 * retry, so `RateLimitError.retryAfterMs` is the wait the client took.
 */
export function parseRateLimit(
  headers: Headers,
  now = Date.now(),
  waitStatus = false,
): RateLimitInfo | undefined {
  const limit = toNumber(headers.get("x-ratelimit-limit"));
  const remaining = toNumber(headers.get("x-ratelimit-remaining"));
  const resetAt = parseReset(headers.get("x-ratelimit-reset"), now);
  let retryAfterMs = parseRetryAfterMs(headers, now);
  if (retryAfterMs === undefined && waitStatus && resetAt !== undefined) {
    retryAfterMs = Math.max(0, resetAt - now);
  }
  if (limit === undefined && remaining === undefined && resetAt === undefined && retryAfterMs === undefined) {
    return undefined;
  }
  return { limit, remaining, resetAt, retryAfterMs };
}

/** The delay a response asks for, ms: `Retry-After-Ms`, else `Retry-After` (seconds or an HTTP date). */
export function parseRetryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = toNumber(headers.get("retry-after-ms"));
  if (ms !== undefined && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = toNumber(value);
  if (seconds !== undefined) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function parseReset(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const n = toNumber(value);
  if (n === undefined) {
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : date;
  }
  if (n > EPOCH_SECONDS_THRESHOLD * 1000) return n; // epoch ms
  if (n > EPOCH_SECONDS_THRESHOLD) return n * 1000; // epoch seconds
  return now + n * 1000; // seconds until reset
}

function toNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
